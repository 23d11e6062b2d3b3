import type { MainGroupsSet, MembershipsAdded, MembershipsRemoved, SkippedUser, UserMembership } from '../../shared/contract';
import { firstFewAndMore } from '../../shared/domain/text';
import { AppError } from '../../shared/errors';
import { readGroupSettings } from '../db/repos/groupSettings';
import type { GroupRecord } from '../db/repos/groups';
import {
  deleteMemberships,
  endedMemberships,
  fillMissingMainGroups,
  findMembership,
  insertMemberships,
  mainGroupsOfUsers,
  mainMembersOfGroup,
  makeMainGroup,
  membersAmong,
  membershipsOfUser as membershipRowsOfUser,
  setMembershipEnd as setMembershipEndRecord,
} from '../db/repos/memberships';
import { findLiveUserById, type SubjectRecord, type UserRecord } from '../db/repos/users';
import { nowIso, today } from '../db/time';
import { auditActor, requireOperator, requireUsersByIds, userLabel } from './authorization';
import type { ServiceContext } from './context';
import { requireGroup } from './groups';
import { requireUserVisibleToOperator } from './users';
import { runMutation } from './mutation';
import type { AuditChange } from './auditLog';
import { requireGroupAdministered, requireUnitsAdministered, workspaceAccessOf, type WorkspaceAccess } from './workspaceAccess';

export interface MembershipChange {
  groupId: number;
  userIds: readonly number[];
  reason?: string | undefined;
}

function named(users: readonly Pick<SubjectRecord, 'id' | 'firstName' | 'lastName' | 'username'>[]) {
  return users.map((user) => ({ id: user.id, label: userLabel(user) }));
}


/** The operator's access, refusing a Local administrator whose units do not hold every user's department. */
function requireUsersAdministered(access: WorkspaceAccess, users: readonly Pick<SubjectRecord, 'departmentId'>[]): void {
  requireUnitsAdministered(access, users.map((user) => user.departmentId), 'change memberships of users');
}

function isOnlyExtra(group: GroupRecord): boolean {
  return readGroupSettings(group.settings).advanced.onlyAsExtra;
}

/** The operator's access, after refusing a Local administrator a group beyond their units. */
function accessToGroups(ctx: ServiceContext, operator: UserRecord, groups: readonly GroupRecord[]): WorkspaceAccess {
  const access = workspaceAccessOf(ctx, operator);
  for (const group of groups) requireGroupAdministered(access, { name: group.name, settings: readGroupSettings(group.settings) }, 'change memberships of');
  return access;
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
    requireUsersAdministered(accessToGroups(ctx, operator, [group]), live);
    const toAdd = live.filter((user) => !existing.has(user.id));
    if (toAdd.length > 0) {
      insertMemberships(db, group.id, toAdd.map((user) => user.id), nowIso());
      // A user's first group that may be a main group becomes their main group.
      if (!isOnlyExtra(group)) fillMissingMainGroups(db, toAdd.map((user) => user.id));
    }
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
    requireUsersAdministered(accessToGroups(ctx, operator, [group]), toRemove);
    if (toRemove.length > 0) {
      deleteMemberships(db, group.id, toRemove.map((user) => user.id));
      // Someone whose main group this was gets another of their groups as main, when one may be.
      fillMissingMainGroups(db, toRemove.map((user) => user.id));
    }
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

export function membershipsOfUser(ctx: ServiceContext, userId: number): UserMembership[] {
  const user = findLiveUserById(ctx.store.db, userId);
  if (!user) throw new AppError('not_found', 'That user does not exist or was deleted');
  requireUserVisibleToOperator(ctx, user);
  return membershipRowsOfUser(ctx.store.db, ctx.workspaceId, userId);
}

function requireMayBeMain(group: GroupRecord, field: string): void {
  if (isOnlyExtra(group)) {
    throw new AppError('conflict', `${group.name} is only an extra permission and cannot be a main group`, {
      [field]: `${group.name} is set to "Only as extra permission"`,
    });
  }
}

/** The group to make users' main group: it must exist, may be a main group, and be within a Local administrator's units. */
export function requireMainGroupChoice(ctx: ServiceContext, operator: UserRecord, groupId: number): { group: GroupRecord; access: WorkspaceAccess } {
  const group = requireGroup(ctx, groupId);
  requireMayBeMain(group, 'groupId');
  return { group, access: accessToGroups(ctx, operator, [group]) };
}

/** Makes the group the main group of the users who need it and describes it as one audit entry, or null. */
export function writeMainGroupChange(
  ctx: ServiceContext,
  group: GroupRecord,
  users: readonly Pick<SubjectRecord, 'id' | 'firstName' | 'lastName' | 'username'>[],
): { changedUserIds: number[]; audit: AuditChange | null } {
  const db = ctx.store.db;
  const previous = mainGroupsOfUsers(db, users.map((user) => user.id));
  const changing = users.filter((user) => previous.get(user.id) !== group.id);
  if (changing.length > 0) makeMainGroup(db, group.id, changing.map((user) => user.id), nowIso());
  return {
    changedUserIds: changing.map((user) => user.id),
    audit:
      changing.length === 0
        ? null
        : {
            action: 'membership.setMain',
            targetType: 'group',
            targetId: group.id,
            targetLabel: group.name,
            before: { mainGroupIds: changing.map((user) => previous.get(user.id) ?? null) },
            after: { mainGroupId: group.id, userIds: changing.map((user) => user.id), users: named(changing) },
          },
  };
}

/** Makes the group the users' main group; the main group they had stays as an extra group. */
export function setMainGroup(ctx: ServiceContext, input: { groupId: number; userIds: readonly number[]; reason?: string | undefined }): MainGroupsSet {
  const operator = requireOperator(ctx);
  return runMutation(ctx, { actor: auditActor(operator), reason: input.reason }, () => {
    const { group, access } = requireMainGroupChoice(ctx, operator, input.groupId);
    const users = requireUsersByIds(ctx, input.userIds);
    const deleted = users.filter((user) => user.deletedAt !== null);
    if (deleted.length > 0) {
      throw new AppError('conflict', `Deleted users cannot get a main group: ${firstFewAndMore(deleted.map(userLabel))}; nothing was changed`);
    }
    requireUsersAdministered(access, users);
    const { changedUserIds, audit } = writeMainGroupChange(ctx, group, users);
    return { value: { groupId: group.id, changedUserIds }, audit, changed: ['groups', 'users', 'memberships'] };
  });
}

/** Moves everyone whose main group is `fromGroupId` onto `toGroupId`, so the old group can be deleted. */
export function reassignMainGroup(
  ctx: ServiceContext,
  input: { fromGroupId: number; toGroupId: number; reason?: string | undefined },
): MainGroupsSet {
  const operator = requireOperator(ctx);
  const db = ctx.store.db;
  return runMutation(ctx, { actor: auditActor(operator), reason: input.reason }, () => {
    const from = requireGroup(ctx, input.fromGroupId);
    const to = requireGroup(ctx, input.toGroupId);
    if (from.id === to.id) {
      throw new AppError('validation', 'Choose a different group to reassign to', { toGroupId: 'Choose a different group' });
    }
    requireMayBeMain(to, 'toGroupId');
    const members = mainMembersOfGroup(db, from.id);
    const access = accessToGroups(ctx, operator, [from, to]);
    if (access.units !== null) requireUsersAdministered(access, requireUsersByIds(ctx, members.map((member) => member.id)));
    if (members.length > 0) makeMainGroup(db, to.id, members.map((member) => member.id), nowIso());
    return {
      value: { groupId: to.id, changedUserIds: members.map((member) => member.id) },
      audit:
        members.length === 0
          ? null
          : {
              action: 'membership.reassignMain',
              targetType: 'group',
              targetId: to.id,
              targetLabel: to.name,
              before: { mainGroupId: from.id, mainGroupName: from.name },
              after: { mainGroupId: to.id, userIds: members.map((member) => member.id), users: named(members) },
            },
      changed: ['groups', 'users', 'memberships'],
    };
  });
}

/** Sets or clears the day a membership ends by itself; the day must not have passed. */
export function setMembershipEnd(
  ctx: ServiceContext,
  input: { groupId: number; userId: number; endsOn: string | null; reason?: string | undefined },
): UserMembership {
  const operator = requireOperator(ctx);
  const db = ctx.store.db;
  return runMutation(ctx, { actor: auditActor(operator), reason: input.reason }, () => {
    const group = requireGroup(ctx, input.groupId);
    const [user] = requireUsersByIds(ctx, [input.userId]);
    const membership = user ? findMembership(db, group.id, user.id) : undefined;
    if (!user || !membership) throw new AppError('not_found', 'That user is not a member of this group');
    requireUsersAdministered(accessToGroups(ctx, operator, [group]), [user]);
    if (input.endsOn !== null && input.endsOn <= today()) {
      throw new AppError('validation', 'Choose a day after today', { endsOn: 'The membership must end after today' });
    }
    if (membership.endsOn !== input.endsOn) setMembershipEndRecord(db, group.id, user.id, input.endsOn);
    const value = membershipRowsOfUser(db, ctx.workspaceId, user.id).find((row) => row.groupId === group.id);
    if (!value) throw new AppError('not_found', 'That user is not a member of this group');
    return {
      value,
      audit:
        membership.endsOn === input.endsOn
          ? null
          : {
              action: 'membership.setEnd',
              targetType: 'group',
              targetId: group.id,
              targetLabel: group.name,
              before: { endsOn: membership.endsOn, users: named([user]) },
              after: { endsOn: input.endsOn, users: named([user]) },
            },
      changed: ['groups', 'users', 'memberships'],
    };
  });
}

/**
 * Ends every membership whose end day has come: one audit entry per group, recorded as AccessDesk's own
 * change. Run at start and hourly. Returns how many memberships ended.
 */
export function endDueMemberships(ctx: ServiceContext, day: string = today()): number {
  const due = endedMemberships(ctx.store.db, day);
  if (due.length === 0) return 0;
  const byGroup = new Map<number, typeof due>();
  for (const row of due) byGroup.set(row.groupId, [...(byGroup.get(row.groupId) ?? []), row]);
  for (const [groupId, rows] of byGroup) {
    runMutation(ctx, { actor: null, reason: 'The membership reached its end date' }, () => {
      const userIds = rows.map((row) => row.userId);
      deleteMemberships(ctx.store.db, groupId, userIds);
      fillMissingMainGroups(ctx.store.db, userIds);
      const users = rows.map((row) => ({ id: row.userId, firstName: row.firstName, lastName: row.lastName, username: row.username }));
      return {
        value: undefined,
        audit: {
          action: 'membership.end',
          targetType: 'group',
          targetId: groupId,
          targetLabel: rows[0]?.groupName ?? '',
          before: { removedUserIds: userIds, users: named(users), endsOn: rows.map((row) => row.endsOn) },
        },
        changed: ['groups', 'users', 'memberships'],
      };
    });
  }
  return due.length;
}
