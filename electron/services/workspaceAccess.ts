/**
 * Workspace administrator permission (DOMAIN.md "Authorization"): what a user's groups let them administer.
 * Full (or a Super Administrator) administers the whole workspace; Local only the units of their Local groups
 * that they can also see; None administers nothing in the workspace.
 */
import { adminPermissionRank, type AdminPermission, type GroupSettings } from '../../shared/domain/permissionModel';
import { AppError } from '../../shared/errors';
import { readGroupSettings } from '../db/repos/groupSettings';
import { allUnitIds, groupsOfUserWithSettings, subtreeUnitIds } from '../db/repos/workspaceAccess';
import type { UserRecord } from '../db/repos/users';
import { today } from '../db/time';
import type { ServiceContext } from './context';

export interface WorkspaceAccess {
  adminPermission: AdminPermission;
  /** The units a Local administrator administers, subtrees included; null: not limited to units. */
  units: ReadonlySet<number> | null;
}

const UNLIMITED: WorkspaceAccess = { adminPermission: 'none', units: null };

export function highestAdminPermission(settings: readonly GroupSettings[]): AdminPermission {
  let highest: AdminPermission = 'none';
  for (const group of settings) {
    if (adminPermissionRank(group.adminPermission) > adminPermissionRank(highest)) highest = group.adminPermission;
  }
  return highest;
}

/** The user's workspace administrator permission, from their groups; read fresh on every call. */
export function adminPermissionOf(ctx: ServiceContext, userId: number): AdminPermission {
  const rows = groupsOfUserWithSettings(ctx.store.db, ctx.workspaceId, userId, today());
  return highestAdminPermission(rows.map((row) => readGroupSettings(row.settings)));
}

function visibleUnitsOf(ctx: ServiceContext, settings: readonly GroupSettings[]): Set<number> {
  if (settings.some((group) => group.visibleUnits.all)) return allUnitIds(ctx.store.db, ctx.workspaceId);
  const chosen = settings.flatMap((group) => (group.visibleUnits.all ? [] : group.visibleUnits.unitIds));
  return subtreeUnitIds(ctx.store.db, ctx.workspaceId, chosen);
}

export function workspaceAccessOf(ctx: ServiceContext, operator: Pick<UserRecord, 'id' | 'platformRole'>): WorkspaceAccess {
  if (operator.platformRole === 'super_admin') return { adminPermission: 'full', units: null };
  const settings = groupsOfUserWithSettings(ctx.store.db, ctx.workspaceId, operator.id, today()).map((row) =>
    readGroupSettings(row.settings),
  );
  const adminPermission = highestAdminPermission(settings);
  if (adminPermission !== 'local') return { ...UNLIMITED, adminPermission };
  const localRoots = settings.filter((group) => group.adminPermission === 'local').flatMap((group) => group.adminUnits);
  const administered = subtreeUnitIds(ctx.store.db, ctx.workspaceId, localRoots);
  const visible = visibleUnitsOf(ctx, settings);
  return { adminPermission, units: new Set([...administered].filter((id) => visible.has(id))) };
}

/** Refuses, naming the first unit outside them, unless every unit is one the operator administers. */
export function requireUnitsAdministered(access: WorkspaceAccess, unitIds: readonly (number | null)[], what: string): void {
  const { units } = access;
  if (units === null) return;
  const outside = unitIds.find((id) => id === null || !units.has(id));
  if (outside !== undefined) {
    const where = outside === null ? 'the top of the tree' : `unit #${outside}`;
    throw new AppError('forbidden', `As a Local administrator you can ${what} only within your units; ${where} is not one of them`);
  }
}

const LOCAL_LIMIT = 'As a Local administrator you';

/**
 * Null when a Local administrator may give a group these settings, else the field and why not: the group
 * must see only units they administer and give administration only over those; a group that sees every
 * unit, or grants Full, is beyond them.
 */
export function groupOutsideUnits(access: WorkspaceAccess, settings: GroupSettings): { field: string; message: string } | null {
  const { units } = access;
  if (units === null) return null;
  if (settings.adminPermission === 'full') {
    return { field: 'settings.adminPermission', message: `${LOCAL_LIMIT} cannot grant Full administrator permission` };
  }
  if (settings.visibleUnits.all) {
    return { field: 'settings.visibleUnits', message: `${LOCAL_LIMIT} can only let a group see units you administer; choose them` };
  }
  const visibleOutside = settings.visibleUnits.unitIds.find((id) => !units.has(id));
  if (visibleOutside !== undefined) {
    return { field: 'settings.visibleUnits', message: `${LOCAL_LIMIT} do not administer unit #${visibleOutside}` };
  }
  const adminOutside = settings.adminUnits.find((id) => !units.has(id));
  if (adminOutside !== undefined) {
    return { field: 'settings.adminUnits', message: `${LOCAL_LIMIT} do not administer unit #${adminOutside}` };
  }
  return null;
}

/** Whether a Local administrator may change the group (see groupOutsideUnits). */
export function groupWithinUnits(access: WorkspaceAccess, settings: GroupSettings): boolean {
  return groupOutsideUnits(access, settings) === null;
}

export function requireGroupAdministered(access: WorkspaceAccess, group: { name: string; settings: GroupSettings }, what: string): void {
  if (!groupWithinUnits(access, group.settings)) {
    throw new AppError('forbidden', `${LOCAL_LIMIT} can ${what} only groups within your units; ${group.name} reaches beyond them`);
  }
}
