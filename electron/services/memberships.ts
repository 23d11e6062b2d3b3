import type { MembershipsAdded, MembershipsRemoved, SkippedUser } from '../../shared/contract';
import { deleteMemberships, insertMemberships, membersAmong } from '../db/repos/memberships';
import type { SubjectRecord } from '../db/repos/users';
import { nowIso } from '../db/time';
import { auditActor, requireOperator, requireUsersByIds, userLabel } from './authorization';
import type { ServiceContext } from './context';
import { requireGroup } from './groups';
import { runMutation } from './mutation';

export interface MembershipChange {
  groupId: number;
  userIds: readonly number[];
  reason?: string | undefined;
}

function named(users: readonly SubjectRecord[]) {
  return users.map((user) => ({ id: user.id, label: userLabel(user) }));
}

/**
 * Adds the users to the group in two statements with one audit entry naming them all. Idempotent: users
 * already in the group are counted, not re-added; deleted users are skipped with the reason.
 */
export function addMembers(ctx: ServiceContext, change: MembershipChange): MembershipsAdded {
  const operator = requireOperator(ctx);
  const db = ctx.store.db;
  return runMutation(ctx, { actor: auditActor(operator), reason: change.reason }, () => {
    const group = requireGroup(ctx, change.groupId);
    const users = requireUsersByIds(ctx, change.userIds);
    const skippedUsers: SkippedUser[] = users
      .filter((user) => user.deletedAt !== null)
      .map((user) => ({ userId: user.id, reason: 'Deleted users cannot join a group' }));
    const live = users.filter((user) => user.deletedAt === null);
    const existing = membersAmong(db, group.id, live.map((user) => user.id));
    const toAdd = live.filter((user) => !existing.has(user.id));
    if (toAdd.length > 0) insertMemberships(db, group.id, toAdd.map((user) => user.id), nowIso());
    return {
      value: {
        groupId: group.id,
        groupName: group.name,
        addedUserIds: toAdd.map((user) => user.id),
        alreadyMembers: existing.size,
        skipped: skippedUsers.length,
        skippedUsers,
      },
      audit:
        toAdd.length === 0
          ? null
          : {
              action: 'membership.add',
              targetType: 'group',
              targetId: group.id,
              targetLabel: group.name,
              after: { addedUserIds: toAdd.map((user) => user.id), users: named(toAdd) },
            },
      changed: ['groups', 'users', 'memberships'],
    };
  });
}

/** Removes the users from the group; users who were not members are counted and left alone. */
export function removeMembers(ctx: ServiceContext, change: MembershipChange): MembershipsRemoved {
  const operator = requireOperator(ctx);
  const db = ctx.store.db;
  return runMutation(ctx, { actor: auditActor(operator), reason: change.reason }, () => {
    const group = requireGroup(ctx, change.groupId);
    const users = requireUsersByIds(ctx, change.userIds);
    const members = membersAmong(db, group.id, users.map((user) => user.id));
    const toRemove = users.filter((user) => members.has(user.id));
    if (toRemove.length > 0) deleteMemberships(db, group.id, toRemove.map((user) => user.id));
    return {
      value: {
        groupId: group.id,
        groupName: group.name,
        removedUserIds: toRemove.map((user) => user.id),
        notMembers: users.length - toRemove.length,
      },
      audit:
        toRemove.length === 0
          ? null
          : {
              action: 'membership.remove',
              targetType: 'group',
              targetId: group.id,
              targetLabel: group.name,
              before: { removedUserIds: toRemove.map((user) => user.id), users: named(toRemove) },
            },
      changed: ['groups', 'users', 'memberships'],
    };
  });
}
