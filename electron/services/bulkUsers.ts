/**
 * Bulk changes to a selection of users with a dry run (DOMAIN.md "Authorization" and "Users"): the preview
 * says per user what would change, what is skipped and what is refused; apply re-plans inside the one
 * transaction, refuses the whole call when anyone is refused, and writes one audit entry naming everyone.
 * The per-user rules are the single-user services' own (users.ts, memberships.ts, subjectRules.ts).
 */
import type { BulkAction, BulkOutcome, BulkPreview, BulkValue } from '../../shared/contract';
import { authModeRefusal } from '../../shared/domain/authModeLocks';
import { BULK_LOCKING_METHOD, BULK_SUBJECT_ACTION } from '../../shared/domain/bulkActions';
import { methodRefusal } from '../../shared/domain/policy';
import { describeRefusals, refuseBulkUserAction, type Actor } from '../../shared/domain/subjectRules';
import { USER_STATUS_LABELS, USER_TYPE_LABELS, type UserType } from '../../shared/domain/users';
import { AppError } from '../../shared/errors';
import { groupNamesAmong, setDepartmentOfUsers, setUserTypeOfUsers, userTypesAmong } from '../db/repos/bulkUsers';
import type { GroupRecord } from '../db/repos/groups';
import { mainGroupsOfUsers } from '../db/repos/memberships';
import { orgUnitPaths } from '../db/repos/orgUnits';
import { readPlatformSettings } from '../db/repos/platformSettings';
import type { SubjectRecord, UserRecord } from '../db/repos/users';
import { nowIso } from '../db/time';
import type { AuditChange } from './auditLog';
import { activeSuperAdminCount, asActor, asSubject, auditActor, requireOperator, requireUsersByIds, userLabel } from './authorization';
import type { ServiceContext } from './context';
import { requireMainGroupChoice, writeMainGroupChange } from './memberships';
import { runMutation } from './mutation';
import {
  affectedUsers,
  bulkTargetLabel,
  deleteSkipReason,
  requireDepartment,
  statusSkipReason,
  writeDeletion,
  writeStatusChange,
} from './users';

const NONE = '—';
const DELETED_SKIP = 'Deleted users cannot be changed';

/** One user's before and after for the kind, and why they are skipped (null: they change). */
interface UserChange {
  before: string;
  beforeValue: BulkValue;
  after: string;
  skip: string | null;
}

/** What the action needs to know, read once for the whole selection. */
interface ActionPlanner {
  title: string;
  changeOf(user: SubjectRecord): UserChange;
  /** Writes the change for these users and describes it as the one audit entry. */
  write(users: readonly SubjectRecord[]): AuditChange;
}

interface Plan {
  preview: BulkPreview;
  /** The users to change, in id order. */
  changing: SubjectRecord[];
  refusals: { userId: number; label: string; reason: string }[];
  write: ActionPlanner['write'];
}

function statusPlanner(ctx: ServiceContext, status: 'active' | 'deactivated'): ActionPlanner {
  return {
    title: status === 'active' ? 'Activate' : 'Deactivate',
    changeOf: (user) => ({
      before: USER_STATUS_LABELS[user.status],
      beforeValue: user.status,
      after: USER_STATUS_LABELS[status],
      skip: statusSkipReason(user, status),
    }),
    write: (users) => writeStatusChange(ctx, users, status),
  };
}

function deletePlanner(ctx: ServiceContext): ActionPlanner {
  return {
    title: 'Delete',
    changeOf: (user) => ({
      before: user.deletedAt === null ? USER_STATUS_LABELS[user.status] : 'Deleted',
      beforeValue: user.status,
      after: 'Deleted',
      skip: deleteSkipReason(user),
    }),
    write: (users) => writeDeletion(ctx, users),
  };
}

function userTypePlanner(ctx: ServiceContext, userIds: readonly number[], userType: UserType): ActionPlanner {
  const types = userTypesAmong(ctx.store.db, userIds);
  const label = USER_TYPE_LABELS[userType];
  return {
    title: `Set user type to ${label}`,
    changeOf: (user) => {
      const current = types.get(user.id) ?? 'standard';
      const skip = user.deletedAt !== null ? DELETED_SKIP : current === userType ? `Already ${label}` : null;
      return { before: USER_TYPE_LABELS[current], beforeValue: current, after: label, skip };
    },
    write: (users) => {
      setUserTypeOfUsers(ctx.store.db, users.map((user) => user.id), userType, nowIso());
      return {
        action: 'user.setType',
        targetType: 'user',
        targetId: users.length === 1 ? (users[0]?.id ?? null) : null,
        targetLabel: bulkTargetLabel(users),
        before: { userTypes: users.map((user) => types.get(user.id) ?? null) },
        after: { userType, users: affectedUsers(users) },
      };
    },
  };
}

function departmentPlanner(ctx: ServiceContext, operator: UserRecord, departmentId: number | null): ActionPlanner {
  requireDepartment(ctx, operator, departmentId);
  const paths = orgUnitPaths(ctx.store.db, ctx.workspaceId);
  const pathOf = (id: number | null) => (id === null ? NONE : (paths.get(id) ?? `unit #${id}`));
  const target = pathOf(departmentId);
  return {
    title: departmentId === null ? 'Clear the department' : `Set department to ${target}`,
    changeOf: (user) => {
      const skip =
        user.deletedAt !== null
          ? DELETED_SKIP
          : user.departmentId === departmentId
            ? departmentId === null
              ? 'Already without a department'
              : `Already in ${target}`
            : null;
      return { before: pathOf(user.departmentId), beforeValue: user.departmentId, after: target, skip };
    },
    write: (users) => {
      setDepartmentOfUsers(ctx.store.db, users.map((user) => user.id), departmentId, nowIso());
      return {
        action: 'user.setDepartment',
        targetType: 'user',
        targetId: users.length === 1 ? (users[0]?.id ?? null) : null,
        targetLabel: bulkTargetLabel(users),
        before: { departmentIds: users.map((user) => user.departmentId) },
        after: { departmentId, department: departmentId === null ? null : target, users: affectedUsers(users) },
      };
    },
  };
}

/** Main groups are workspace memberships: the operator also needs what memberships.setMain needs. */
function mainGroupPlanner(ctx: ServiceContext, operator: UserRecord, actor: Actor, groupId: number, userIds: readonly number[]): ActionPlanner {
  const refusal = methodRefusal('memberships.setMain', actor);
  if (refusal) throw new AppError(refusal.code, refusal.message);
  const { group } = requireMainGroupChoice(ctx, operator, groupId);
  const previous = mainGroupsOfUsers(ctx.store.db, userIds);
  const names = groupNamesAmong(ctx.store.db, ctx.workspaceId, [...new Set(previous.values())]);
  const nameOf = (id: number | undefined) => (id === undefined ? NONE : (names.get(id) ?? `group #${id}`));
  return {
    title: `Set main group to ${group.name}`,
    changeOf: (user) => {
      const current = previous.get(user.id);
      const skip = user.deletedAt !== null ? DELETED_SKIP : current === group.id ? `Already in main group ${group.name}` : null;
      return { before: nameOf(current), beforeValue: current ?? null, after: group.name, skip };
    },
    write: (users) => writeMainGroupAudit(ctx, group, users),
  };
}

function writeMainGroupAudit(ctx: ServiceContext, group: GroupRecord, users: readonly SubjectRecord[]): AuditChange {
  const { audit } = writeMainGroupChange(ctx, group, users);
  if (!audit) throw new Error('A planned main-group change changed nobody');
  return audit;
}

function plannerFor(ctx: ServiceContext, operator: UserRecord, actor: Actor, action: BulkAction, userIds: readonly number[]): ActionPlanner {
  switch (action.kind) {
    case 'activate':
      return statusPlanner(ctx, 'active');
    case 'deactivate':
      return statusPlanner(ctx, 'deactivated');
    case 'delete':
      return deletePlanner(ctx);
    case 'setUserType':
      return userTypePlanner(ctx, userIds, action.userType);
    case 'setDepartment':
      return departmentPlanner(ctx, operator, action.departmentId);
    case 'setMainGroup':
      return mainGroupPlanner(ctx, operator, actor, action.groupId, userIds);
  }
}

const OUTCOME_ORDER = { refuse: 0, change: 1, skip: 2 } as const;

function planBulk(ctx: ServiceContext, operator: UserRecord, action: BulkAction, userIds: readonly number[]): Plan {
  const actor = asActor(ctx, operator);
  const users = requireUsersByIds(ctx, userIds);
  const planner = plannerFor(ctx, operator, actor, action, userIds);
  const lockingMethod = BULK_LOCKING_METHOD[action.kind];
  const lock = lockingMethod === null ? null : authModeRefusal(readPlatformSettings(ctx.store.db).authMode, lockingMethod);
  const refusals = lock
    ? users.map((user) => ({ userId: user.id, label: userLabel(user), reason: lock }))
    : refuseBulkUserAction(actor, users.map(asSubject), BULK_SUBJECT_ACTION[action.kind], activeSuperAdminCount(ctx));
  const refusedWhy = new Map(refusals.map((refusal) => [refusal.userId, refusal.reason]));
  const outcomes: BulkOutcome[] = [];
  const changing: SubjectRecord[] = [];
  for (const user of users) {
    const change = planner.changeOf(user);
    const refused = refusedWhy.get(user.id);
    const outcome = refused !== undefined ? 'refuse' : change.skip !== null ? 'skip' : 'change';
    if (outcome === 'change') changing.push(user);
    outcomes.push({
      userId: user.id,
      label: userLabel(user),
      outcome,
      before: change.before,
      beforeValue: change.beforeValue,
      after: change.after,
      reason: refused ?? change.skip,
    });
  }
  outcomes.sort((a, b) => OUTCOME_ORDER[a.outcome] - OUTCOME_ORDER[b.outcome]);
  const counts = { change: changing.length, skip: 0, refuse: refusals.length };
  counts.skip = users.length - counts.change - counts.refuse;
  return { preview: { title: planner.title, counts, outcomes }, changing, refusals, write: planner.write };
}

/** The dry run: what the action would do to each selected user. Changes nothing. */
export function previewBulk(ctx: ServiceContext, input: { action: BulkAction; userIds: readonly number[] }): BulkPreview {
  return planBulk(ctx, requireOperator(ctx), input.action, input.userIds).preview;
}

interface AppliedBulk {
  operatorId: number;
  result: BulkPreview;
  reason: string | null;
  appliedAt: Date;
}

/** The last applied bulk action per window session, for "Save results"; kept in memory only. */
const lastApplied = new WeakMap<ServiceContext['session'], AppliedBulk>();

export function lastAppliedBulk(ctx: ServiceContext, operatorId: number): Omit<AppliedBulk, 'operatorId'> | null {
  const applied = lastApplied.get(ctx.session);
  return applied && applied.operatorId === operatorId ? applied : null;
}

/**
 * Applies the action in one transaction: re-planned there, refused whole (nothing applied) when any subject is
 * refused, one audit entry naming everyone changed. Returns the outcomes as applied.
 */
export function applyBulk(
  ctx: ServiceContext,
  input: { action: BulkAction; userIds: readonly number[]; reason?: string | undefined },
): BulkPreview {
  const operator = requireOperator(ctx);
  const result = runMutation(ctx, { actor: auditActor(operator), reason: input.reason }, () => {
    const plan = planBulk(ctx, operator, input.action, input.userIds);
    if (plan.refusals.length > 0) throw new AppError('forbidden', describeRefusals(plan.refusals));
    return {
      value: plan.preview,
      audit: plan.changing.length === 0 ? null : plan.write(plan.changing),
      changed: input.action.kind === 'activate' || input.action.kind === 'deactivate' ? ['users'] : ['users', 'groups', 'memberships'],
    };
  });
  lastApplied.set(ctx.session, { operatorId: operator.id, result, reason: input.reason ?? null, appliedAt: ctx.clock.now() });
  return result;
}
