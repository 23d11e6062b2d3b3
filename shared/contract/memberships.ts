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

export const membershipsContract = {
  'memberships.add': { input: MembershipChangeInput, output: MembershipsAdded },
  'memberships.remove': { input: MembershipChangeInput, output: MembershipsRemoved },
} as const;
