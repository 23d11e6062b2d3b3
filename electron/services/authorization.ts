import type { Actor, Subject } from '../../shared/domain/subjectRules';
import { AppError } from '../../shared/errors';
import { countActiveSuperAdmins, findLiveUserById, subjectsAmong, type SubjectRecord, type UserRecord } from '../db/repos/users';
import type { ServiceContext } from './context';
import type { AuditActor } from './auditLog';
import { adminPermissionOf, workspaceAccessOf } from './workspaceAccess';

export function displayName(user: Pick<UserRecord, 'firstName' | 'lastName' | 'username'>): string {
  const name = `${user.firstName} ${user.lastName}`.trim();
  return name === '' ? user.username : name;
}

export function userLabel(user: Pick<UserRecord, 'firstName' | 'lastName' | 'username'>): string {
  return `${displayName(user)} (${user.username})`;
}

export function auditActor(operator: UserRecord): AuditActor {
  return { id: operator.id, label: userLabel(operator) };
}

/** The signed-in operator, re-read from the store so a role change or deactivation takes effect at once. */
export function currentOperator(ctx: ServiceContext): UserRecord | null {
  const id = ctx.session.operatorId;
  const operator = id === null ? undefined : findLiveUserById(ctx.store.db, id);
  if (!operator || operator.status !== 'active') {
    ctx.session.operatorId = null;
    return null;
  }
  return operator;
}

export function requireOperator(ctx: ServiceContext): UserRecord {
  const operator = currentOperator(ctx);
  if (!operator) throw new AppError('unauthenticated', 'Sign in to continue');
  return operator;
}

/** The operator as the policy and subject rules see them, with their workspace administrator permission. */
export function asActor(ctx: ServiceContext, user: Pick<UserRecord, 'id' | 'platformRole'>): Actor {
  const access = workspaceAccessOf(ctx, user);
  return { id: user.id, platformRole: user.platformRole, adminPermission: access.adminPermission, units: access.units };
}

/**
 * Every user the ids name, soft-deleted ones included; an id that names nobody makes the whole call
 * `not_found`, naming the first few, so nothing is changed for the others.
 */
export function requireUsersByIds(ctx: ServiceContext, ids: readonly number[]): SubjectRecord[] {
  const found = subjectsAmong(ctx.store.db, ids);
  const known = new Set(found.map((user) => user.id));
  const missing = [...new Set(ids)].filter((id) => !known.has(id));
  if (missing.length > 0) {
    const shown = missing.slice(0, 5).map((id) => `#${id}`).join(', ');
    const more = missing.length > 5 ? ` and ${missing.length - 5} more` : '';
    const who = missing.length === 1 ? `User ${shown} does not exist` : `Users ${shown}${more} do not exist`;
    throw new AppError('not_found', `${who}; nothing was changed`);
  }
  return found;
}

/** A user as the subject rules see them. */
export function asSubject(
  user: Pick<UserRecord, 'id' | 'platformRole' | 'status' | 'firstName' | 'lastName' | 'username' | 'departmentId'> &
    Partial<Pick<UserRecord, 'deletedAt'>>,
): Subject {
  return {
    id: user.id,
    platformRole: user.platformRole,
    status: user.status,
    label: userLabel(user),
    departmentId: user.departmentId,
    deleted: user.deletedAt !== undefined && user.deletedAt !== null,
  };
}

/**
 * The users named by ids, as the subject rules see them. Their workspace administrator permission is read
 * only when asked for (view as), since it costs a query per user.
 */
export function requireSubjects(ctx: ServiceContext, ids: readonly number[], withAdminPermission = false): Subject[] {
  return requireUsersByIds(ctx, ids).map((user) =>
    withAdminPermission ? { ...asSubject(user), adminPermission: adminPermissionOf(ctx, user.id) } : asSubject(user),
  );
}

export function activeSuperAdminCount(ctx: ServiceContext): number {
  return countActiveSuperAdmins(ctx.store.db);
}
