import { z } from 'zod';
import { Id, Reason, SkippedUser, UserIdList } from './common';

export const MembershipChangeInput = z.strictObject({ groupId: Id, userIds: UserIdList, reason: Reason });
export type MembershipChangeInput = z.input<typeof MembershipChangeInput>;

export const MembershipsAdded = z.object({
  groupId: z.number().int(),
  groupName: z.string(),
  /** The users that became members, so the change can be undone exactly. */
  addedUserIds: z.array(z.number().int()),
  alreadyMembers: z.number().int(),
  /** Users who could not join (deleted), each with the reason. */
  skipped: z.number().int(),
  skippedUsers: z.array(SkippedUser),
});
export type MembershipsAdded = z.infer<typeof MembershipsAdded>;

export const MembershipsRemoved = z.object({
  groupId: z.number().int(),
  groupName: z.string(),
  removedUserIds: z.array(z.number().int()),
  notMembers: z.number().int(),
});
export type MembershipsRemoved = z.infer<typeof MembershipsRemoved>;

export const UserMembership = z.object({
  groupId: z.number().int(),
  groupName: z.string(),
  isMain: z.boolean(),
  /** YYYY-MM-DD: the membership ends by itself on this day. */
  endsOn: z.string().nullable(),
  onlyAsExtra: z.boolean(),
});
export type UserMembership = z.infer<typeof UserMembership>;

/** A calendar day, YYYY-MM-DD, that exists. */
export const CalendarDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date as YYYY-MM-DD')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
  }, 'Enter a date that exists');

/** Makes the group the users' main group; their previous main group stays as an extra group. */
export const SetMainGroupInput = z.strictObject({ groupId: Id, userIds: UserIdList, reason: Reason });
export type SetMainGroupInput = z.input<typeof SetMainGroupInput>;

/** Everyone whose main group is `fromGroupId` gets `toGroupId` instead, so the old group can be deleted. */
export const ReassignMainGroupInput = z.strictObject({ fromGroupId: Id, toGroupId: Id, reason: Reason });
export type ReassignMainGroupInput = z.input<typeof ReassignMainGroupInput>;

export const SetMembershipEndInput = z.strictObject({ groupId: Id, userId: Id, endsOn: CalendarDay.nullable(), reason: Reason });
export type SetMembershipEndInput = z.input<typeof SetMembershipEndInput>;

export const MainGroupsSet = z.object({ groupId: z.number().int(), changedUserIds: z.array(z.number().int()) });
export type MainGroupsSet = z.infer<typeof MainGroupsSet>;

export const membershipsContract = {
  'memberships.ofUser': { input: z.strictObject({ userId: Id }), output: z.array(UserMembership) },
  'memberships.setMain': { input: SetMainGroupInput, output: MainGroupsSet },
  'memberships.reassignMain': { input: ReassignMainGroupInput, output: MainGroupsSet },
  'memberships.setEnd': { input: SetMembershipEndInput, output: UserMembership },
  'memberships.add': { input: MembershipChangeInput, output: MembershipsAdded },
  'memberships.remove': { input: MembershipChangeInput, output: MembershipsRemoved },
} as const;
