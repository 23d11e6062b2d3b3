import type {
  BulkUserResult,
  Page,
  UserCreateInputParsed,
  UserDetail,
  UserListQueryParsed,
  UserRow,
  UserUpdateInputParsed,
} from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { canAssignPlatformRole, PLATFORM_ROLE_LABELS, platformRoleRank } from '../../shared/domain/users';
import {
  findLiveUserByEmail,
  findLiveUserById,
  findUserByUsername,
  findUserRowById,
  groupsOfUser,
  insertUser,
  listUsers as listUserRows,
  updateUser as updateUserRecord,
  type UserRecord,
} from '../db/repos/users';
import { deleteAllMembershipsOfUser, groupIdsOfUser } from '../db/repos/memberships';
import { nowIso } from '../db/time';
import { appendAudit } from './auditLog';
import { auditActor, displayName, requireOperator, requirePlatformRole } from './authorization';
import type { ServiceContext } from './context';
import { required } from './required';
import { hashPassword } from './passwords';

/** The fields an audit entry may show of a user: never the password hash. */
function auditView(user: UserRecord) {
  return {
    username: user.username,
    firstName: user.firstName,
    lastName: user.lastName,
    email: user.email,
    userType: user.userType,
    platformRole: user.platformRole,
    sso: user.sso,
    status: user.status,
  };
}

function userLabel(user: UserRecord): string {
  return `${displayName(user)} (${user.username})`;
}

function requireRoleAssignable(operator: UserRecord, role: UserRecord['platformRole']) {
  if (!canAssignPlatformRole(operator.platformRole, role)) {
    throw new AppError('forbidden', `You may not assign the ${PLATFORM_ROLE_LABELS[role]} role`, {
      platformRole: 'Only roles below your own can be assigned',
    });
  }
}

function assertEmailFree(ctx: ServiceContext, email: string, exceptId?: number) {
  if (findLiveUserByEmail(ctx.store.db, email, exceptId)) {
    throw new AppError('conflict', 'Another user already has this email address', {
      email: 'Another user already has this email address',
    });
  }
}

function requireLiveUser(ctx: ServiceContext, id: number): UserRecord {
  const user = findLiveUserById(ctx.store.db, id);
  if (!user) throw new AppError('not_found', 'That user does not exist or was deleted');
  return user;
}

export function listUsers(ctx: ServiceContext, query: UserListQueryParsed, groupId?: number): Page<UserRow> {
  requireOperator(ctx);
  return listUserRows(ctx.store.db, query, groupId);
}

export function getUser(ctx: ServiceContext, id: number): UserDetail {
  requireOperator(ctx);
  const user = requireLiveUser(ctx, id);
  const row = required(findUserRowById(ctx.store.db, id), 'user');
  return { ...row, createdAt: user.createdAt, updatedAt: user.updatedAt, groups: groupsOfUser(ctx.store.db, id) };
}

export function createUser(ctx: ServiceContext, input: UserCreateInputParsed): UserRow {
  const operator = requirePlatformRole(ctx, 'provisioner');
  requireRoleAssignable(operator, input.platformRole);
  const db = ctx.store.db;
  return ctx.store.sqlite.transaction(() => {
    if (findUserByUsername(db, input.username)) {
      throw new AppError('conflict', 'This username is taken', {
        username: 'This username is taken (usernames ignore upper and lower case)',
      });
    }
    assertEmailFree(ctx, input.email);
    const now = nowIso();
    const user = insertUser(db, {
      username: input.username,
      firstName: input.firstName,
      lastName: input.lastName,
      email: input.email,
      userType: input.userType,
      platformRole: input.platformRole,
      sso: input.sso,
      passwordHash: input.sso ? null : hashPassword(input.password ?? ''),
      // A password user stays pending until their first sign-in activates the account.
      status: input.sso ? 'active' : 'pending',
      createdAt: now,
      updatedAt: now,
    });
    appendAudit(db, auditActor(operator), {
      action: 'user.create',
      targetType: 'user',
      targetId: user.id,
      targetLabel: userLabel(user),
      after: auditView(user),
    });
    ctx.changed('users', 'audit');
    return required(findUserRowById(db, user.id), 'user');
  })();
}

export function updateUser(ctx: ServiceContext, input: UserUpdateInputParsed): UserRow {
  const operator = requirePlatformRole(ctx, 'user_admin');
  const db = ctx.store.db;
  return ctx.store.sqlite.transaction(() => {
    const before = requireLiveUser(ctx, input.id);
    const outranks = platformRoleRank(before.platformRole) >= platformRoleRank(operator.platformRole);
    if (operator.platformRole !== 'super_admin' && outranks && before.id !== operator.id) {
      throw new AppError('forbidden', 'Only a Super Administrator can edit a user whose role is equal to or above yours');
    }
    if (input.platformRole !== before.platformRole) {
      requireRoleAssignable(operator, input.platformRole);
      if (before.id === operator.id) {
        throw new AppError('forbidden', 'You cannot change your own platform role', {
          platformRole: 'You cannot change your own platform role',
        });
      }
    }
    assertEmailFree(ctx, input.email, input.id);
    updateUserRecord(db, input.id, {
      firstName: input.firstName,
      lastName: input.lastName,
      email: input.email,
      userType: input.userType,
      platformRole: input.platformRole,
      updatedAt: nowIso(),
    });
    const after = required(findLiveUserById(db, input.id), 'user');
    appendAudit(db, auditActor(operator), {
      action: 'user.update',
      targetType: 'user',
      targetId: after.id,
      targetLabel: userLabel(after),
      before: auditView(before),
      after: auditView(after),
    });
    ctx.changed('users', 'audit');
    return required(findUserRowById(db, after.id), 'user');
  })();
}

export function setUserStatus(
  ctx: ServiceContext,
  userIds: readonly number[],
  status: 'active' | 'deactivated',
): BulkUserResult {
  const operator = requirePlatformRole(ctx, 'user_admin');
  if (status === 'deactivated' && userIds.includes(operator.id)) {
    throw new AppError('forbidden', 'You cannot deactivate your own account');
  }
  const db = ctx.store.db;
  const result = ctx.store.sqlite.transaction(() => {
    let changed = 0;
    const now = nowIso();
    for (const id of new Set(userIds)) {
      const user = findLiveUserById(db, id);
      // Pending users are activated by their first sign-in, not from here.
      if (!user || user.status === status || user.status === 'pending') continue;
      updateUserRecord(db, id, { status, updatedAt: now });
      appendAudit(db, auditActor(operator), {
        action: status === 'active' ? 'user.activate' : 'user.deactivate',
        targetType: 'user',
        targetId: id,
        targetLabel: userLabel(user),
        before: { status: user.status },
        after: { status },
      });
      changed += 1;
    }
    return { changed, skipped: new Set(userIds).size - changed };
  })();
  if (result.changed > 0) ctx.changed('users', 'audit');
  return result;
}

/** Soft delete: the record and its history stay; the user leaves every list and every group. */
export function deleteUsers(ctx: ServiceContext, userIds: readonly number[]): BulkUserResult {
  const operator = requirePlatformRole(ctx, 'user_admin');
  if (userIds.includes(operator.id)) {
    throw new AppError('forbidden', 'You cannot delete your own account');
  }
  const db = ctx.store.db;
  const result = ctx.store.sqlite.transaction(() => {
    let changed = 0;
    const now = nowIso();
    for (const id of new Set(userIds)) {
      const user = findLiveUserById(db, id);
      if (!user) continue;
      if (operator.platformRole !== 'super_admin' && platformRoleRank(user.platformRole) >= platformRoleRank(operator.platformRole)) {
        throw new AppError('forbidden', `Only a Super Administrator can delete ${userLabel(user)}`);
      }
      const groupIds = groupIdsOfUser(db, id);
      deleteAllMembershipsOfUser(db, id);
      updateUserRecord(db, id, { deletedAt: now, updatedAt: now });
      appendAudit(db, auditActor(operator), {
        action: 'user.delete',
        targetType: 'user',
        targetId: id,
        targetLabel: userLabel(user),
        before: { ...auditView(user), groupIds },
        after: { deleted: true },
      });
      changed += 1;
    }
    return { changed, skipped: new Set(userIds).size - changed };
  })();
  if (result.changed > 0) ctx.changed('users', 'groups', 'memberships', 'audit');
  return result;
}
