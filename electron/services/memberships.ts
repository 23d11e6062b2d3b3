import type { MembershipsAdded, MembershipsRemoved } from '../../shared/contract';
import { deleteMemberships, insertMemberships, membersAmong } from '../db/repos/memberships';
import { findLiveUsersAmong } from '../db/repos/users';
import { nowIso } from '../db/time';
import { appendAudit } from './auditLog';
import { auditActor, requirePlatformRole } from './authorization';
import type { ServiceContext } from './context';
import { GROUP_ADMIN_ROLE, requireGroup } from './groups';

/**
 * Adds the users to the group in one transaction with one audit entry. Idempotent: users already in the
 * group are counted, not re-added; ids of unknown or deleted users are skipped.
 */
export function addMembers(ctx: ServiceContext, groupId: number, userIds: readonly number[]): MembershipsAdded {
  const operator = requirePlatformRole(ctx, GROUP_ADMIN_ROLE);
  const db = ctx.store.db;
  const result = ctx.store.sqlite.transaction(() => {
    const group = requireGroup(ctx, groupId);
    const requested = [...new Set(userIds)];
    const live = findLiveUsersAmong(db, requested).map((user) => user.id);
    const existing = membersAmong(db, groupId, live);
    const toAdd = live.filter((id) => !existing.has(id));
    if (toAdd.length > 0) {
      insertMemberships(db, groupId, toAdd, nowIso());
      appendAudit(db, auditActor(operator), {
        action: 'membership.add',
        targetType: 'group',
        targetId: groupId,
        targetLabel: group.name,
        after: { addedUserIds: toAdd },
      });
    }
    return {
      groupId,
      groupName: group.name,
      addedUserIds: toAdd,
      alreadyMembers: existing.size,
      skipped: requested.length - live.length,
    };
  })();
  if (result.addedUserIds.length > 0) ctx.changed('groups', 'users', 'memberships', 'audit');
  return result;
}

/** Removes the users from the group; users who were not members are counted and left alone. */
export function removeMembers(ctx: ServiceContext, groupId: number, userIds: readonly number[]): MembershipsRemoved {
  const operator = requirePlatformRole(ctx, GROUP_ADMIN_ROLE);
  const db = ctx.store.db;
  const result = ctx.store.sqlite.transaction(() => {
    const group = requireGroup(ctx, groupId);
    const requested = [...new Set(userIds)];
    const members = membersAmong(db, groupId, requested);
    const toRemove = requested.filter((id) => members.has(id));
    if (toRemove.length > 0) {
      deleteMemberships(db, groupId, toRemove);
      appendAudit(db, auditActor(operator), {
        action: 'membership.remove',
        targetType: 'group',
        targetId: groupId,
        targetLabel: group.name,
        before: { removedUserIds: toRemove },
      });
    }
    return { groupId, groupName: group.name, removedUserIds: toRemove, notMembers: requested.length - toRemove.length };
  })();
  if (result.removedUserIds.length > 0) ctx.changed('groups', 'users', 'memberships', 'audit');
  return result;
}
