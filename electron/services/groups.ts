import type { GroupDetail, GroupRow, ScorecardColumn } from '../../shared/contract';
import { groupSettingsErrors } from '../../shared/domain/groupRules';
import { firstFewAndMore } from '../../shared/domain/text';
import {
  FLAG_NAMES,
  LICENCE_LEVEL_LABELS,
  defaultGroupSettings,
  isLockedLicence,
  type GroupSettings,
  type LicenceLevel,
} from '../../shared/domain/permissionModel';
import { AppError } from '../../shared/errors';
import {
  deleteGroup as deleteGroupRecord,
  findGroup,
  findGroupByName,
  findGroupDetail,
  findGroupRow,
  insertGroup,
  listGroups as listGroupRows,
  listGroupsWithSettings,
  listScorecardColumns as listScorecardColumnRows,
  updateGroup as updateGroupRecord,
  type GroupRecord,
} from '../db/repos/groups';
import { writeGroupSettings } from '../db/repos/groupSettings';
import { mainMembersOfGroup, membersOfGroupForAudit } from '../db/repos/memberships';
import { allUnitIds } from '../db/repos/workspaceAccess';
import { nowIso } from '../db/time';
import { auditActor, requireOperator, userLabel } from './authorization';
import { runMutation } from './mutation';
import type { ServiceContext } from './context';
import { required } from './required';
import { groupOutsideUnits, groupWithinUnits, requireGroupAdministered, workspaceAccessOf, type WorkspaceAccess } from './workspaceAccess';

export function requireGroup(ctx: ServiceContext, id: number): GroupRecord {
  const group = findGroup(ctx.store.db, ctx.workspaceId, id);
  if (!group) throw new AppError('not_found', 'That group does not exist or was deleted');
  return group;
}

function assertNameFree(ctx: ServiceContext, name: string, exceptId?: number) {
  if (findGroupByName(ctx.store.db, ctx.workspaceId, name, exceptId)) {
    throw new AppError('conflict', 'A group with this name already exists', {
      name: 'A group with this name already exists in this workspace',
    });
  }
}

function requireValidSettings(ctx: ServiceContext, settings: GroupSettings): void {
  const columnIds = new Set(listScorecardColumnRows(ctx.store.db, ctx.workspaceId).map((column) => column.id));
  const errors = groupSettingsErrors(settings, { unitIds: allUnitIds(ctx.store.db, ctx.workspaceId), columnIds });
  const messages = Object.values(errors);
  const [first] = messages;
  if (first === undefined) return;
  const more = messages.length - 1;
  throw new AppError('validation', more > 0 ? `${first} (and ${more} more problem${more === 1 ? '' : 's'})` : first, errors);
}

/** Seed 001: the vendor changes Reporter and Member groups; nobody edits them in the app. */
function requireUnlockedLicence(group: GroupDetail): void {
  if (!isLockedLicence(group.licenceLevel)) return;
  throw new AppError(
    'forbidden',
    `${group.name} has the ${LICENCE_LEVEL_LABELS[group.licenceLevel]} licence level, so its settings are locked; the vendor changes them`,
  );
}

function requireSettingsWithinAccess(access: WorkspaceAccess, settings: GroupSettings): void {
  const outside = groupOutsideUnits(access, settings);
  if (outside) throw new AppError('forbidden', outside.message, { [outside.field]: outside.message });
}

/** A Local administrator edits and deletes only groups that already lie inside their units. */
export function requireGroupWithinAccess(access: WorkspaceAccess, group: GroupDetail): void {
  requireGroupAdministered(access, group, 'change');
}

const NAMED_MAIN_MEMBERS = 3;

function requireNoMainMembers(ctx: ServiceContext, groupId: number): void {
  const mainMembers = mainMembersOfGroup(ctx.store.db, groupId);
  if (mainMembers.length === 0) return;
  const who = firstFewAndMore(mainMembers.map(userLabel), { shown: NAMED_MAIN_MEMBERS });
  const message = `This is the main group of ${who}; give them another main group before making it extra only`;
  throw new AppError('conflict', message, { 'settings.advanced.onlyAsExtra': message });
}

interface EditableGroup {
  name: string;
  description: string;
  settings: GroupSettings;
}

type Snapshot = Record<string, unknown>;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Before → after of what changed only, flags and advanced settings one by one; null when nothing did. */
function groupChange(before: EditableGroup, after: EditableGroup): { before: Snapshot; after: Snapshot } | null {
  const was: Snapshot = {};
  const is: Snapshot = {};
  const compare = (key: string, a: unknown, b: unknown) => {
    if (same(a, b)) return;
    was[key] = a;
    is[key] = b;
  };
  compare('name', before.name, after.name);
  compare('description', before.description, after.description);
  const { flags: flagsBefore, advanced: advancedBefore, ...restBefore } = before.settings;
  const { flags: flagsAfter, advanced: advancedAfter, ...restAfter } = after.settings;
  for (const key of Object.keys(restAfter) as (keyof typeof restAfter)[]) compare(key, restBefore[key], restAfter[key]);
  for (const flag of FLAG_NAMES) compare(`flags.${flag}`, flagsBefore[flag], flagsAfter[flag]);
  for (const key of Object.keys(advancedAfter) as (keyof typeof advancedAfter)[]) {
    compare(`advanced.${key}`, advancedBefore[key], advancedAfter[key]);
  }
  return Object.keys(is).length === 0 ? null : { before: was, after: is };
}

/** A Local administrator sees only the groups within their units. */
export function listGroups(ctx: ServiceContext, search: string): GroupRow[] {
  const access = workspaceAccessOf(ctx, requireOperator(ctx));
  if (access.units === null) return listGroupRows(ctx.store.db, ctx.workspaceId, search);
  return listGroupsWithSettings(ctx.store.db, ctx.workspaceId, search)
    .filter((group) => groupWithinUnits(access, group.settings))
    .map(({ settings: _settings, ...row }) => row);
}

/** The group for the editor, as the operator may see it. */
export function readGroup(ctx: ServiceContext, id: number): GroupDetail {
  const group = getGroup(ctx, id);
  requireGroupAdministered(workspaceAccessOf(ctx, requireOperator(ctx)), group, 'see');
  return group;
}

export function getGroup(ctx: ServiceContext, id: number): GroupDetail {
  const group = findGroupDetail(ctx.store.db, ctx.workspaceId, id);
  if (!group) throw new AppError('not_found', 'That group does not exist or was deleted');
  return group;
}

export function listScorecardColumns(ctx: ServiceContext): ScorecardColumn[] {
  return listScorecardColumnRows(ctx.store.db, ctx.workspaceId);
}

interface GroupFields {
  name: string;
  description: string;
  /** Omitted: a new group gets the defaults, an edited one keeps its settings. */
  settings?: GroupSettings | undefined;
  reason?: string | undefined;
}

export function createGroup(ctx: ServiceContext, input: GroupFields & { licenceLevel?: LicenceLevel | undefined }): GroupRow {
  const operator = requireOperator(ctx);
  const db = ctx.store.db;
  return runMutation(ctx, { actor: auditActor(operator), reason: input.reason }, () => {
    const settings = input.settings ?? defaultGroupSettings();
    requireValidSettings(ctx, settings);
    requireSettingsWithinAccess(workspaceAccessOf(ctx, operator), settings);
    assertNameFree(ctx, input.name);
    const now = nowIso();
    // A locked licence level is only ever set here, as when the vendor hands over a Member group.
    const licenceLevel = input.licenceLevel ?? 'full';
    const group = insertGroup(db, {
      workspaceId: ctx.workspaceId,
      name: input.name,
      description: input.description,
      settings: writeGroupSettings(settings),
      licenceLevel,
      createdAt: now,
      updatedAt: now,
    });
    return {
      value: required(findGroupRow(db, group.id), 'group'),
      audit: {
        action: 'group.create',
        targetType: 'group',
        targetId: group.id,
        targetLabel: group.name,
        after: { name: group.name, description: group.description, licenceLevel, settings },
      },
      changed: ['groups'],
    };
  });
}

export function updateGroup(ctx: ServiceContext, input: GroupFields & { id: number }): GroupRow {
  const operator = requireOperator(ctx);
  const db = ctx.store.db;
  return runMutation(ctx, { actor: auditActor(operator), reason: input.reason }, () => {
    const before = getGroup(ctx, input.id);
    requireUnlockedLicence(before);
    const access = workspaceAccessOf(ctx, operator);
    requireGroupWithinAccess(access, before);
    const settings = input.settings ?? before.settings;
    requireValidSettings(ctx, settings);
    requireSettingsWithinAccess(access, settings);
    if (settings.advanced.onlyAsExtra) requireNoMainMembers(ctx, input.id);
    assertNameFree(ctx, input.name, input.id);
    const change = groupChange(
      { name: before.name, description: before.description, settings: before.settings },
      { name: input.name, description: input.description, settings },
    );
    if (change === null) return { value: withoutDetail(before), audit: null, changed: [] };
    updateGroupRecord(db, input.id, {
      name: input.name,
      description: input.description,
      settings: writeGroupSettings(settings),
      updatedAt: nowIso(),
    });
    return {
      value: required(findGroupRow(db, input.id), 'group'),
      audit: { action: 'group.update', targetType: 'group', targetId: input.id, targetLabel: input.name, ...change },
      changed: ['groups'],
    };
  });
}

function withoutDetail({ settings: _settings, updatedAt: _updatedAt, ...row }: GroupDetail): GroupRow {
  return row;
}

/** Deletes the group and its memberships; the audit entry names who was a member. */
export function deleteGroup(ctx: ServiceContext, input: { id: number; reason?: string | undefined }): void {
  const operator = requireOperator(ctx);
  const db = ctx.store.db;
  runMutation(ctx, { actor: auditActor(operator), reason: input.reason }, () => {
    const group = requireGroup(ctx, input.id);
    requireGroupWithinAccess(workspaceAccessOf(ctx, operator), getGroup(ctx, group.id));
    refuseDeletingMainGroup(ctx, group);
    const members = membersOfGroupForAudit(db, input.id).map((member) => ({ id: member.id, label: userLabel(member) }));
    deleteGroupRecord(db, input.id);
    return {
      value: undefined,
      audit: {
        action: 'group.delete',
        targetType: 'group',
        targetId: input.id,
        targetLabel: group.name,
        before: {
          name: group.name,
          description: group.description,
          memberUserIds: members.map((member) => member.id),
          users: members,
        },
      },
      changed: ['groups', 'users', 'memberships'],
    };
  });
}

/** Refuses deleting a group that is anyone's main group, naming them; the UI then offers reassignment. */
function refuseDeletingMainGroup(ctx: ServiceContext, group: GroupRecord): void {
  const mainMembers = mainMembersOfGroup(ctx.store.db, group.id);
  if (mainMembers.length === 0) return;
  const count = mainMembers.length === 1 ? '1 user' : `${mainMembers.length} users`;
  const who = firstFewAndMore(mainMembers.map(userLabel), { shown: NAMED_MAIN_MEMBERS });
  throw new AppError(
    'conflict',
    `${group.name} is the main group of ${count} (${who}); reassign their main group before deleting it`,
    { mainGroup: String(mainMembers.length) },
  );
}
