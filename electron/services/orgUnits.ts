/**
 * Org units (DOMAIN.md "Org units"): a tree per workspace that a Full administrator edits anywhere and a Local
 * administrator only inside their units. Every refusal happens before the first write, so nothing changes.
 */
import type { OrgUnitRow, OrgUnitTreeNode, OrgUnitUsage } from '../../shared/contract/orgUnits';
import { identityKey } from '../../shared/domain/identity';
import type { GroupSettings } from '../../shared/domain/permissionModel';
import { AppError } from '../../shared/errors';
import { readGroupSettings, writeGroupSettings } from '../db/repos/groupSettings';
import {
  deleteOrgUnitRecords,
  departmentUsage,
  findOrgUnit,
  findOrgUnitRow,
  groupsWithStoredSettings,
  insertOrgUnit,
  moveDepartments,
  orgUnitChildRows,
  orgUnitPath,
  orgUnitSiblings,
  orgUnitTreeNodes,
  renameOrgUnitRecord,
  setOrgUnitHiddenRecord,
  setOrgUnitParent,
  storeGroupSettings,
  type OrgUnitRecord,
} from '../db/repos/orgUnits';
import { subtreeUnitIds } from '../db/repos/workspaceAccess';
import { nowIso } from '../db/time';
import { auditActor, requireOperator, userLabel } from './authorization';
import type { ServiceContext } from './context';
import { runMutation } from './mutation';
import { required } from './required';
import { requireUnitsAdministered, workspaceAccessOf, type WorkspaceAccess } from './workspaceAccess';

const USERS_SHOWN_IN_USAGE = 5;

interface Reasoned {
  reason?: string | undefined;
}

function accessOf(ctx: ServiceContext): WorkspaceAccess {
  return workspaceAccessOf(ctx, requireOperator(ctx));
}

function requireUnit(ctx: ServiceContext, id: number, field?: string): OrgUnitRecord {
  const unit = findOrgUnit(ctx.store.db, ctx.workspaceId, id);
  if (!unit) {
    const message = `Org unit #${id} does not exist in this workspace`;
    throw new AppError('not_found', message, field ? { [field]: message } : undefined);
  }
  return unit;
}

function requireParent(ctx: ServiceContext, parentId: number | null): void {
  if (parentId !== null) requireUnit(ctx, parentId, 'parentId');
}

/**
 * Sibling names are unique under one parent, compared by the same full case folding as usernames, so
 * "Sales" and "SALES" (or "Straße" and "STRASSE") cannot sit side by side and confuse a picker. The same name
 * under different parents is fine: paths tell them apart.
 */
function assertNameFreeUnder(ctx: ServiceContext, parentId: number | null, name: string, exceptId?: number): void {
  const key = identityKey(name);
  const taken = orgUnitSiblings(ctx.store.db, ctx.workspaceId, parentId).some(
    (sibling) => sibling.id !== exceptId && identityKey(sibling.name) === key,
  );
  if (taken) {
    const where = parentId === null ? 'at the top level' : 'under this parent';
    throw new AppError('conflict', `A unit named ${name} already exists ${where}`, {
      name: `A unit with this name already exists ${where}`,
    });
  }
}

function rowOf(ctx: ServiceContext, id: number): OrgUnitRow {
  return required(findOrgUnitRow(ctx.store.db, ctx.workspaceId, id), 'org unit');
}

function pathOf(ctx: ServiceContext, id: number): string {
  return orgUnitPath(ctx.store.db, ctx.workspaceId, id);
}

export function orgUnitTree(ctx: ServiceContext): OrgUnitTreeNode[] {
  const { units } = accessOf(ctx);
  const nodes = orgUnitTreeNodes(ctx.store.db, ctx.workspaceId);
  return units === null ? nodes : nodes.filter((node) => units.has(node.id));
}

/**
 * A Local administrator asking for the top level gets their own top units: those whose parent is outside
 * their units, with that real parentId.
 */
export function orgUnitChildren(ctx: ServiceContext, parentId: number | null): OrgUnitRow[] {
  const { units } = accessOf(ctx);
  if (parentId !== null) requireUnit(ctx, parentId);
  return orgUnitChildRows(ctx.store.db, ctx.workspaceId, {
    parentId,
    within: units,
    topsOfWithin: units !== null && parentId === null,
  });
}

interface SubtreeUsage {
  unitIds: number[];
  departments: ReturnType<typeof departmentUsage>;
  groups: { id: number; name: string; settings: GroupSettings; uses: string[] }[];
}

function usageOfSubtree(ctx: ServiceContext, unitId: number): SubtreeUsage {
  const db = ctx.store.db;
  const subtree = subtreeUnitIds(db, ctx.workspaceId, [unitId]);
  const groups = groupsWithStoredSettings(db, ctx.workspaceId).flatMap((group) => {
    const settings = readGroupSettings(group.settings);
    const uses: string[] = [];
    if (!settings.visibleUnits.all && settings.visibleUnits.unitIds.some((id) => subtree.has(id))) uses.push('visible units');
    if (settings.adminUnits.some((id) => subtree.has(id))) uses.push('administered units');
    return uses.length > 0 ? [{ id: group.id, name: group.name, settings, uses }] : [];
  });
  return { unitIds: [...subtree], departments: departmentUsage(db, [...subtree], USERS_SHOWN_IN_USAGE), groups };
}

export function orgUnitUsage(ctx: ServiceContext, id: number): OrgUnitUsage {
  accessOf(ctx);
  requireUnit(ctx, id);
  const usage = usageOfSubtree(ctx, id);
  return {
    unitId: id,
    unitCount: usage.unitIds.length,
    departmentUserCount: usage.departments.count,
    departmentUsers: usage.departments.first.map((user) => ({ id: user.id, label: userLabel(user) })),
    groups: usage.groups.map(({ id: groupId, name, uses }) => ({ id: groupId, name, uses })),
  };
}

export function createOrgUnit(ctx: ServiceContext, input: { parentId: number | null; name: string } & Reasoned): OrgUnitRow {
  const operator = requireOperator(ctx);
  return runMutation(ctx, { actor: auditActor(operator), reason: input.reason }, () => {
    requireParent(ctx, input.parentId);
    requireUnitsAdministered(workspaceAccessOf(ctx, operator), [input.parentId], 'add units');
    assertNameFreeUnder(ctx, input.parentId, input.name);
    const id = insertOrgUnit(ctx.store.db, { workspaceId: ctx.workspaceId, parentId: input.parentId, name: input.name });
    const path = pathOf(ctx, id);
    return {
      value: rowOf(ctx, id),
      audit: { action: 'orgUnit.create', targetType: 'orgUnit', targetId: id, targetLabel: path, after: { name: input.name, path } },
      changed: ['orgUnits'],
    };
  });
}

export function renameOrgUnit(ctx: ServiceContext, input: { id: number; name: string } & Reasoned): OrgUnitRow {
  const operator = requireOperator(ctx);
  return runMutation(ctx, { actor: auditActor(operator), reason: input.reason }, () => {
    const unit = requireUnit(ctx, input.id);
    requireUnitsAdministered(workspaceAccessOf(ctx, operator), [unit.id], 'rename units');
    if (unit.name === input.name) return { value: rowOf(ctx, unit.id), audit: null, changed: [] };
    assertNameFreeUnder(ctx, unit.parentId, input.name, unit.id);
    const before = pathOf(ctx, unit.id);
    renameOrgUnitRecord(ctx.store.db, unit.id, input.name);
    const after = pathOf(ctx, unit.id);
    return {
      value: rowOf(ctx, unit.id),
      audit: {
        action: 'orgUnit.rename',
        targetType: 'orgUnit',
        targetId: unit.id,
        targetLabel: after,
        before: { name: unit.name, path: before },
        after: { name: input.name, path: after },
      },
      changed: ['orgUnits'],
    };
  });
}

export function setOrgUnitHidden(ctx: ServiceContext, input: { id: number; hidden: boolean } & Reasoned): OrgUnitRow {
  const operator = requireOperator(ctx);
  return runMutation(ctx, { actor: auditActor(operator), reason: input.reason }, () => {
    const unit = requireUnit(ctx, input.id);
    requireUnitsAdministered(workspaceAccessOf(ctx, operator), [unit.id], input.hidden ? 'hide units' : 'unhide units');
    if (unit.hidden === input.hidden) return { value: rowOf(ctx, unit.id), audit: null, changed: [] };
    setOrgUnitHiddenRecord(ctx.store.db, unit.id, input.hidden);
    const path = pathOf(ctx, unit.id);
    return {
      value: rowOf(ctx, unit.id),
      audit: {
        action: input.hidden ? 'orgUnit.hide' : 'orgUnit.unhide',
        targetType: 'orgUnit',
        targetId: unit.id,
        targetLabel: path,
        before: { path, hidden: unit.hidden },
        after: { path, hidden: input.hidden },
      },
      changed: ['orgUnits'],
    };
  });
}

export function moveOrgUnit(ctx: ServiceContext, input: { id: number; parentId: number | null } & Reasoned): OrgUnitRow {
  const operator = requireOperator(ctx);
  return runMutation(ctx, { actor: auditActor(operator), reason: input.reason }, () => {
    const unit = requireUnit(ctx, input.id);
    requireParent(ctx, input.parentId);
    requireUnitsAdministered(workspaceAccessOf(ctx, operator), [unit.id, input.parentId], 'move units');
    if (unit.parentId === input.parentId) return { value: rowOf(ctx, unit.id), audit: null, changed: [] };
    if (input.parentId !== null && subtreeUnitIds(ctx.store.db, ctx.workspaceId, [unit.id]).has(input.parentId)) {
      const message = input.parentId === unit.id ? 'A unit cannot be moved under itself' : 'A unit cannot be moved under one of its own sub-units';
      throw new AppError('validation', message, { parentId: message });
    }
    assertNameFreeUnder(ctx, input.parentId, unit.name, unit.id);
    const before = pathOf(ctx, unit.id);
    setOrgUnitParent(ctx.store.db, unit.id, input.parentId);
    const after = pathOf(ctx, unit.id);
    return {
      value: rowOf(ctx, unit.id),
      audit: {
        action: 'orgUnit.move',
        targetType: 'orgUnit',
        targetId: unit.id,
        targetLabel: after,
        before: { path: before, parent: unit.parentId === null ? null : pathOf(ctx, unit.parentId) },
        after: { path: after, parent: input.parentId === null ? null : pathOf(ctx, input.parentId) },
      },
      changed: ['orgUnits'],
    };
  });
}

function describeUsage(usage: SubtreeUsage): string {
  const parts: string[] = [];
  const users = usage.departments.count;
  if (users > 0) parts.push(`the department of ${users === 1 ? '1 user' : `${users} users`}`);
  if (usage.groups.length > 0) {
    const names = usage.groups.slice(0, 3).map((group) => group.name).join(', ');
    const more = usage.groups.length > 3 ? ` and ${usage.groups.length - 3} more` : '';
    parts.push(`used by ${usage.groups.length === 1 ? 'group' : 'groups'} ${names}${more}`);
  }
  return parts.join(' and ');
}

/** The unit ids with every id of the subtree replaced by the new unit, each named once. */
function replaceUnits(ids: readonly number[], subtree: ReadonlySet<number>, replacement: number): number[] {
  return [...new Set(ids.map((id) => (subtree.has(id) ? replacement : id)))];
}

function reassignedSettings(settings: GroupSettings, subtree: ReadonlySet<number>, replacement: number): GroupSettings {
  return {
    ...settings,
    visibleUnits: settings.visibleUnits.all
      ? settings.visibleUnits
      : { all: false, unitIds: replaceUnits(settings.visibleUnits.unitIds, subtree, replacement) },
    adminUnits: replaceUnits(settings.adminUnits, subtree, replacement),
  };
}

function requireReassignTarget(ctx: ServiceContext, usage: SubtreeUsage, unitPath: string, reassignTo: number | undefined): number {
  if (reassignTo === undefined) {
    throw new AppError('conflict', `${unitPath} is ${describeUsage(usage)}; choose a unit to reassign them to`, {
      reassignTo: 'Choose a unit to reassign to',
    });
  }
  requireUnit(ctx, reassignTo, 'reassignTo');
  if (usage.unitIds.includes(reassignTo)) {
    const message = 'Choose a unit outside the one being deleted';
    throw new AppError('validation', message, { reassignTo: message });
  }
  return reassignTo;
}

/**
 * Deletes the unit with its subtree. When a live user's department or a group's unit list names the subtree,
 * everything moves to `reassignTo` in the same transaction; otherwise the departments of soft-deleted users
 * there are cleared so the foreign key holds.
 */
export function deleteOrgUnit(ctx: ServiceContext, input: { id: number; reassignTo?: number | undefined } & Reasoned): void {
  const operator = requireOperator(ctx);
  const db = ctx.store.db;
  runMutation(ctx, { actor: auditActor(operator), reason: input.reason }, () => {
    const unit = requireUnit(ctx, input.id);
    const access = workspaceAccessOf(ctx, operator);
    requireUnitsAdministered(access, [unit.id], 'delete units');
    const path = pathOf(ctx, unit.id);
    const usage = usageOfSubtree(ctx, unit.id);
    const inUse = usage.departments.count > 0 || usage.groups.length > 0;
    const target = inUse ? requireReassignTarget(ctx, usage, path, input.reassignTo) : null;
    if (target !== null) requireUnitsAdministered(access, [target], 'reassign to units');

    const now = nowIso();
    const subtree = new Set(usage.unitIds);
    const movedUserIds = moveDepartments(db, usage.unitIds, target, now);
    const reassignedGroups =
      target === null ? [] : usage.groups.map((group) => ({ ...group, settings: reassignedSettings(group.settings, subtree, target) }));
    for (const group of reassignedGroups) storeGroupSettings(db, group.id, writeGroupSettings(group.settings), now);
    deleteOrgUnitRecords(db, usage.unitIds);
    return {
      value: undefined,
      audit: {
        action: 'orgUnit.delete',
        targetType: 'orgUnit',
        targetId: unit.id,
        targetLabel: path,
        before: {
          path,
          unitCount: usage.unitIds.length,
          unitIds: usage.unitIds,
          ...(target === null
            ? { clearedDepartmentUserIds: movedUserIds }
            : {
                reassignedTo: pathOf(ctx, target),
                reassignedUserIds: movedUserIds,
                users: usage.departments.first.map((user) => ({ id: user.id, label: userLabel(user) })),
                groups: reassignedGroups.map((group) => ({ id: group.id, name: group.name, uses: group.uses })),
              }),
        },
      },
      changed: ['orgUnits', ...(movedUserIds.length > 0 ? (['users'] as const) : []), ...(reassignedGroups.length > 0 ? (['groups'] as const) : [])],
    };
  });
}
