import { z } from 'zod';
import { Id, NoInput, NoOutput, Reason, SearchText, plainText } from './common';
import { AdminPermission, GroupSettings, LicenceLevel, Menu } from './groupSettings';
import { UserListQuery, UserPage } from './users';

export const GROUP_NAME_MAX_LENGTH = 100;
export const GROUP_DESCRIPTION_MAX_LENGTH = 500;

export const GroupRow = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string(),
  memberCount: z.number().int(),
  licenceLevel: LicenceLevel,
  adminPermission: AdminPermission,
  onlyAsExtra: z.boolean(),
  allowedMenus: z.array(Menu),
});
export type GroupRow = z.infer<typeof GroupRow>;

export const GroupDetail = GroupRow.extend({ settings: GroupSettings, updatedAt: z.string() });
export type GroupDetail = z.infer<typeof GroupDetail>;

const GroupFields = z.object({
  name: plainText({ label: 'A group name', max: GROUP_NAME_MAX_LENGTH, required: 'Enter a group name' }),
  description: plainText({ label: 'A description', max: GROUP_DESCRIPTION_MAX_LENGTH, multiline: true }).default(''),
  /** Omitted: a new group gets the defaults, an edited one keeps its settings. */
  settings: GroupSettings.optional(),
  reason: Reason,
});

export const GroupCreateInput = GroupFields.extend({ licenceLevel: LicenceLevel.default('full') }).strict();
export type GroupCreateInput = z.input<typeof GroupCreateInput>;
export const GroupUpdateInput = GroupFields.extend({ id: Id }).strict();
export type GroupUpdateInput = z.input<typeof GroupUpdateInput>;

export const ScorecardColumn = z.object({ id: z.number().int(), name: z.string() });
export type ScorecardColumn = z.infer<typeof ScorecardColumn>;

export const GroupListQuery = z.object({ search: SearchText }).strict();
export type GroupListQuery = z.input<typeof GroupListQuery>;

export const GroupMembersQuery = UserListQuery.extend({ groupId: Id }).strict();
export type GroupMembersQuery = z.input<typeof GroupMembersQuery>;

export const groupsContract = {
  'groups.list': { input: GroupListQuery, output: z.array(GroupRow) },
  'groups.get': { input: z.strictObject({ id: Id }), output: GroupDetail },
  'groups.columns': { input: NoInput, output: z.array(ScorecardColumn) },
  'groups.create': { input: GroupCreateInput, output: GroupRow },
  'groups.update': { input: GroupUpdateInput, output: GroupRow },
  'groups.delete': { input: z.strictObject({ id: Id, reason: Reason }), output: NoOutput },
  'groups.members': { input: GroupMembersQuery, output: UserPage },
} as const;
