import type { Actor, Subject } from '../../shared/domain/subjectRules';
import { AppError } from '../../shared/errors';
import { countActiveSuperAdmins, findLiveUserById, subjectsAmong, type UserRecord } from '../db/repos/users';
import type { ServiceContext } from './context';
import type { AuditActor } from './auditLog';

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

export function asActor(user: Pick<UserRecord, 'id' | 'platformRole'>): Actor {
  return { id: user.id, platformRole: user.platformRole };
}

export interface ResolvedSubjects {
  subjects: Subject[];
  /** Ids that name no user at all (never created, or hard-deleted). */
  missing: number[];
}

/** The users named by ids, as the subject rules see them; soft-deleted users are subjects too. */
export function resolveSubjects(ctx: ServiceContext, ids: readonly number[]): ResolvedSubjects {
  const records = subjectsAmong(ctx.store.db, ids);
  const found = new Set(records.map((record) => record.id));
  return {
    subjects: records.map((record) => ({
      id: record.id,
      platformRole: record.platformRole,
      status: record.status,
      label: userLabel(record),
    })),
    missing: [...new Set(ids)].filter((id) => !found.has(id)),
  };
}

export function activeSuperAdminCount(ctx: ServiceContext): number {
  return countActiveSuperAdmins(ctx.store.db);
}
