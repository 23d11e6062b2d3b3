import type {
  BulkUserResult,
  Page,
  SkippedUser,
  UserCreateInputParsed,
  UserDetail,
  UserListQueryParsed,
  UserRow,
  UserUpdateInputParsed,
} from '../../shared/contract';
import { refuseUserAction } from '../../shared/domain/subjectRules';
import { canAssignPlatformRole, PLATFORM_ROLE_LABELS } from '../../shared/domain/users';
import { AppError } from '../../shared/errors';
import { deleteAllMembershipsOfUsers, groupIdsOfUsers } from '../db/repos/memberships';
import {
  findLiveUserByEmail,
  findLiveUserById,
  findUserByUsername,
  findUserRowById,
  groupsOfUser,
  insertUser,
  listUsers as listUserRows,
  setStatusOfUsers,
  softDeleteUsers,
  subjectsAmong,
  updateUser as updateUserRecord,
  type SubjectRecord,
  type UserRecord,
} from '../db/repos/users';
import { findOrgUnit, orgUnitPaths } from '../db/repos/orgUnits';
import { nowIso } from '../db/time';
import { workspaceAccessOf } from './workspaceAccess';
import { activeSuperAdminCount, asActor, asSubject, auditActor, requireOperator, userLabel } from './authorization';
import type { ServiceContext } from './context';
import { runMutation } from './mutation';
import type { AuditChange } from './auditLog';
import { hashPassword } from './passwords';
import { requirePasswordAllowed } from './passwordPolicy';
import { required } from './required';
import { requireUnlockedUserRecords } from './platformSettings';
import { requireAuthModeAllows } from './authModeLocks';

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
    departmentId: user.departmentId,
  };
}

function requireRoleAssignable(operator: UserRecord, role: UserRecord['platformRole']) {
  if (!canAssignPlatformRole(operator.platformRole, role)) {
    throw new AppError('forbidden', `You may not assign the ${PLATFORM_ROLE_LABELS[role]} role`, {
      platformRole: 'Only roles below your own can be assigned',
    });
  }
}

function assertUsernameFree(ctx: ServiceContext, username: string) {
  const holder = findUserByUsername(ctx.store.db, username);
  if (holder) {
    const detail = holder.deletedAt === null ? '' : ' by a deleted user, whose history keeps it';
    throw new AppError('conflict', `This username is taken${detail}`, {
      username: `This username is taken${detail} (usernames ignore case, accents' encoding and look-alike forms)`,
    });
  }
}

function assertEmailFree(ctx: ServiceContext, email: string, exceptId?: number) {
  if (findLiveUserByEmail(ctx.store.db, email, exceptId)) {
    throw new AppError('conflict', 'Another user already has this email address', {
      email: 'Another user already has this email address (emails ignore case and look-alike forms)',
    });
  }
}

function requireLiveUser(ctx: ServiceContext, id: number): UserRecord {
  const user = findLiveUserById(ctx.store.db, id);
  if (!user) throw new AppError('not_found', 'That user does not exist or was deleted');
  return user;
}

/** A Local administrator reads only users whose department is one of their units. */
export function requireUserVisibleToOperator(ctx: ServiceContext, user: Pick<UserRecord, 'departmentId'>): void {
  const { units } = workspaceAccessOf(ctx, requireOperator(ctx));
  if (units !== null && (user.departmentId === null || !units.has(user.departmentId))) {
    throw new AppError('forbidden', 'As a Local administrator you can see only users in your units');
  }
}

/** A Local administrator sees only the users whose department is one of their units. */
export function listUsers(ctx: ServiceContext, query: UserListQueryParsed, groupId?: number): Page<UserRow> {
  const { units } = workspaceAccessOf(ctx, requireOperator(ctx));
  return listUserRows(ctx.store.db, query, groupId, units === null ? undefined : [...units]);
}

export function getUser(ctx: ServiceContext, id: number): UserDetail {
  const user = requireLiveUser(ctx, id);
  requireUserVisibleToOperator(ctx, user);
  const row = required(findUserRowById(ctx.store.db, id), 'user');
  const departmentPath = user.departmentId === null ? null : (orgUnitPaths(ctx.store.db, ctx.workspaceId).get(user.departmentId) ?? null);
  return { ...row, createdAt: user.createdAt, updatedAt: user.updatedAt, groups: groupsOfUser(ctx.store.db, id), departmentPath };
}

/**
 * The department to store: it must be a unit of this workspace, and a Local administrator may only place
 * users in their own units. undefined (an edit that leaves it out) keeps the current one.
 */
export function requireDepartment(ctx: ServiceContext, operator: UserRecord, departmentId: number | null | undefined): void {
  if (departmentId === undefined) return;
  if (departmentId !== null && !findOrgUnit(ctx.store.db, ctx.workspaceId, departmentId)) {
    throw new AppError('not_found', 'That org unit does not exist', { departmentId: 'Choose an existing org unit' });
  }
  const access = workspaceAccessOf(ctx, operator);
  if (access.units !== null && (departmentId === null || !access.units.has(departmentId))) {
    throw new AppError('forbidden', 'As a Local administrator you can place users only in your own units', {
      departmentId: 'Choose one of your units',
    });
  }
}

export function createUser(ctx: ServiceContext, input: UserCreateInputParsed): UserRow {
  const operator = requireOperator(ctx);
  requireUnlockedUserRecords(ctx);
  requireRoleAssignable(operator, input.platformRole);
  const db = ctx.store.db;
  return runMutation(ctx, { actor: auditActor(operator), reason: input.reason }, () => {
    assertUsernameFree(ctx, input.username);
    assertEmailFree(ctx, input.email);
    if (!input.sso) requirePasswordAllowed(ctx, input.password ?? '', input.username);
    requireDepartment(ctx, operator, input.departmentId ?? null);
    const now = nowIso();
    const user = insertUser(db, {
      username: input.username,
      firstName: input.firstName,
      lastName: input.lastName,
      email: input.email,
      userType: input.userType,
      platformRole: input.platformRole,
      departmentId: input.departmentId ?? null,
      sso: input.sso,
      passwordHash: input.sso ? null : hashPassword(input.password ?? ''),
      // A password user stays pending until their first sign-in activates the account.
      status: input.sso ? 'active' : 'pending',
      createdAt: now,
      updatedAt: now,
    });
    return {
      value: required(findUserRowById(db, user.id), 'user'),
      audit: { action: 'user.create', targetType: 'user', targetId: user.id, targetLabel: userLabel(user), after: auditView(user) },
      changed: ['users'],
    };
  });
}

/** The subject rules for the edit itself were checked by dispatch; a role change is a separate rule. */
export function updateUser(ctx: ServiceContext, input: UserUpdateInputParsed): UserRow {
  const operator = requireOperator(ctx);
  requireUnlockedUserRecords(ctx);
  const db = ctx.store.db;
  return runMutation(ctx, { actor: auditActor(operator), reason: input.reason }, () => {
    const before = requireLiveUser(ctx, input.id);
    if (input.platformRole !== before.platformRole) {
      const refusal = refuseUserAction(asActor(ctx, operator), asSubject(before), 'changeRole', activeSuperAdminCount(ctx));
      if (refusal) throw new AppError('forbidden', refusal, { platformRole: refusal });
      requireRoleAssignable(operator, input.platformRole);
    }
    assertEmailFree(ctx, input.email, input.id);
    requireDepartment(ctx, operator, input.departmentId);
    updateUserRecord(db, input.id, {
      ...(input.departmentId === undefined ? {} : { departmentId: input.departmentId }),
      firstName: input.firstName,
      lastName: input.lastName,
      email: input.email,
      userType: input.userType,
      platformRole: input.platformRole,
      updatedAt: nowIso(),
    });
    const after = required(findLiveUserById(db, input.id), 'user');
    const unchanged = JSON.stringify(auditView(before)) === JSON.stringify(auditView(after));
    return {
      value: required(findUserRowById(db, after.id), 'user'),
      audit: unchanged
        ? null
        : {
            action: 'user.update',
            targetType: 'user',
            targetId: after.id,
            targetLabel: userLabel(after),
            before: auditView(before),
            after: auditView(after),
          },
      changed: ['users'],
    };
  });
}

interface BulkPlan {
  apply: SubjectRecord[];
  skipped: SkippedUser[];
}

function toBulkResult(plan: BulkPlan): BulkUserResult {
  return {
    changed: plan.apply.length,
    skipped: plan.skipped.length,
    changedUserIds: plan.apply.map((user) => user.id),
    skippedUsers: plan.skipped,
  };
}

/** Names every affected user in the one audit entry of a bulk change. */
export function affectedUsers(users: readonly SubjectRecord[]) {
  return users.map((user) => ({ id: user.id, label: userLabel(user) }));
}

/** 10,000 rather than 10000, without Intl's start-up cost on a first bulk action. */
function groupThousands(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function bulkTargetLabel(users: readonly SubjectRecord[]): string {
  const [first] = users;
  return users.length === 1 && first ? userLabel(first) : `${groupThousands(users.length)} users`;
}

/** Why a status change leaves the user as they are, or null when it changes them. */
export function statusSkipReason(user: Pick<SubjectRecord, 'deletedAt' | 'status'>, status: 'active' | 'deactivated'): string | null {
  if (user.deletedAt !== null) return 'Deleted users cannot change status';
  if (user.status === 'pending') return 'Pending users are activated by their first sign-in';
  if (user.status === status) return `Already ${status === 'active' ? 'active' : 'deactivated'}`;
  return null;
}

/** Why deleting leaves the user as they are, or null when it deletes them. */
export function deleteSkipReason(user: Pick<SubjectRecord, 'deletedAt'>): string | null {
  return user.deletedAt === null ? null : 'Already deleted';
}

function planStatusChange(users: readonly SubjectRecord[], status: 'active' | 'deactivated'): BulkPlan {
  const plan: BulkPlan = { apply: [], skipped: [] };
  for (const user of users) {
    const reason = statusSkipReason(user, status);
    if (reason === null) plan.apply.push(user);
    else plan.skipped.push({ userId: user.id, reason });
  }
  return plan;
}

/** Writes the status of users who need the change and describes it as one audit entry naming them all. */
export function writeStatusChange(ctx: ServiceContext, apply: readonly SubjectRecord[], status: 'active' | 'deactivated'): AuditChange {
  setStatusOfUsers(ctx.store.db, apply.map((user) => user.id), status, nowIso());
  return {
    action: status === 'active' ? 'user.activate' : 'user.deactivate',
    targetType: 'user',
    targetId: apply.length === 1 ? (apply[0]?.id ?? null) : null,
    targetLabel: bulkTargetLabel(apply),
    before: { status: apply.length === 1 ? apply[0]?.status : 'mixed' },
    after: { status, users: affectedUsers(apply) },
  };
}

/** Soft-deletes live users, takes them out of every group, and describes it as one audit entry. */
export function writeDeletion(ctx: ServiceContext, apply: readonly SubjectRecord[]): AuditChange {
  const db = ctx.store.db;
  const ids = apply.map((user) => user.id);
  const groupIds = groupIdsOfUsers(db, ids);
  // Marked deleted first: the membership triggers then update group counts of rows already out of every
  // partial list index, instead of rewriting 10,000 live index entries only to remove them after.
  softDeleteUsers(db, ids, ctx.clock.now().toISOString());
  deleteAllMembershipsOfUsers(db, ids);
  return {
    action: 'user.delete',
    targetType: 'user',
    targetId: apply.length === 1 ? (apply[0]?.id ?? null) : null,
    targetLabel: bulkTargetLabel(apply),
    before: {
      users: apply.map((user) => ({
        id: user.id,
        label: userLabel(user),
        email: user.email,
        platformRole: user.platformRole,
        status: user.status,
        groupIds: groupIds.get(user.id) ?? [],
      })),
    },
    after: { deleted: true },
  };
}

/** Activates or deactivates many users in a few statements with one audit entry naming them all. */
export function setUserStatus(
  ctx: ServiceContext,
  input: { userIds: readonly number[]; status: 'active' | 'deactivated'; reason?: string | undefined },
): BulkUserResult {
  const operator = requireOperator(ctx);
  requireAuthModeAllows(ctx, 'users.setStatus');
  const db = ctx.store.db;
  return runMutation(ctx, { actor: auditActor(operator), reason: input.reason }, () => {
    const plan = planStatusChange(subjectsAmong(db, input.userIds), input.status);
    return {
      value: toBulkResult(plan),
      audit: plan.apply.length === 0 ? null : writeStatusChange(ctx, plan.apply, input.status),
      changed: ['users'],
    };
  });
}

/** Soft delete: the records and their history stay; the users leave every list and every group. */
export function deleteUsers(
  ctx: ServiceContext,
  input: { userIds: readonly number[]; reason?: string | undefined },
): BulkUserResult {
  const operator = requireOperator(ctx);
  const db = ctx.store.db;
  return runMutation(ctx, { actor: auditActor(operator), reason: input.reason }, () => {
    const plan: BulkPlan = { apply: [], skipped: [] };
    for (const user of subjectsAmong(db, input.userIds)) {
      const reason = deleteSkipReason(user);
      if (reason === null) plan.apply.push(user);
      else plan.skipped.push({ userId: user.id, reason });
    }
    if (plan.apply.length > 0) {
      return { value: toBulkResult(plan), audit: writeDeletion(ctx, plan.apply), changed: ['users', 'groups', 'memberships'] };
    }
    return { value: toBulkResult(plan), audit: null, changed: [] };
  });
}
