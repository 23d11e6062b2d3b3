import { AppError } from '../../shared/errors';
import { hasPlatformRole, PLATFORM_ROLE_LABELS, type PlatformRole } from '../../shared/domain/users';
import { findLiveUserById, type UserRecord } from '../db/repos/users';
import type { ServiceContext } from './context';
import type { AuditActor } from './auditLog';

export function displayName(user: Pick<UserRecord, 'firstName' | 'lastName' | 'username'>): string {
  const name = `${user.firstName} ${user.lastName}`.trim();
  return name === '' ? user.username : name;
}

export function auditActor(operator: UserRecord): AuditActor {
  return { id: operator.id, label: `${displayName(operator)} (${operator.username})` };
}

/** The signed-in operator, re-read from the store so a role change or deactivation takes effect at once. */
export function requireOperator(ctx: ServiceContext): UserRecord {
  const id = ctx.session.operatorId;
  const operator = id === null ? undefined : findLiveUserById(ctx.store.db, id);
  if (!operator || operator.status !== 'active') {
    ctx.session.operatorId = null;
    throw new AppError('unauthenticated', 'Sign in to continue');
  }
  return operator;
}

export function requirePlatformRole(ctx: ServiceContext, role: PlatformRole): UserRecord {
  const operator = requireOperator(ctx);
  if (!hasPlatformRole(operator.platformRole, role)) {
    throw new AppError('forbidden', `This needs the ${PLATFORM_ROLE_LABELS[role]} role or higher`);
  }
  return operator;
}
