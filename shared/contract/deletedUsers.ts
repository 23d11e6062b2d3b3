import { z } from 'zod';
import { PageRequest, Reason, SearchText, UserIdList, pageOf } from './common';
import { PlatformRole, UserStatus, UserType } from './users';

/** A deleted user who is not anonymised yet: still restorable, still named in history as "Name (deleted)". */
export const DeletedUserRow = z.object({
  id: z.number().int(),
  username: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  userType: UserType,
  platformRole: PlatformRole,
  /** The status a restore returns them to: deletion leaves it as it was. */
  status: UserStatus,
  deletedAt: z.string(),
  departmentId: z.number().int().nullable(),
});
export type DeletedUserRow = z.infer<typeof DeletedUserRow>;

/** Most recently deleted first; the search matches username, names and email like the users list. */
export const DeletedUserListQuery = PageRequest.extend({ search: SearchText }).strict();
export type DeletedUserListQuery = z.input<typeof DeletedUserListQuery>;
export type DeletedUserListQueryParsed = z.output<typeof DeletedUserListQuery>;

export const DeletedUserPage = pageOf(DeletedUserRow);
export type DeletedUserPage = z.infer<typeof DeletedUserPage>;

export const RestoreUsersInput = z.strictObject({ userIds: UserIdList, reason: Reason });
export type RestoreUsersInput = z.input<typeof RestoreUsersInput>;

export const AnonymiseUsersInput = z.strictObject({ userIds: UserIdList, reason: Reason });
export type AnonymiseUsersInput = z.input<typeof AnonymiseUsersInput>;

export const AnonymiseAllDeletedInput = z.strictObject({ reason: Reason });
export type AnonymiseAllDeletedInput = z.input<typeof AnonymiseAllDeletedInput>;

export const RestoreUsersResult = z.object({ restored: z.number().int().min(0) });
export type RestoreUsersResult = z.infer<typeof RestoreUsersResult>;

export const AnonymiseUsersResult = z.object({ anonymised: z.number().int().min(0) });
export type AnonymiseUsersResult = z.infer<typeof AnonymiseUsersResult>;

export const deletedUsersContract = {
  'users.listDeleted': { input: DeletedUserListQuery, output: DeletedUserPage },
  'users.restore': { input: RestoreUsersInput, output: RestoreUsersResult },
  'users.anonymise': { input: AnonymiseUsersInput, output: AnonymiseUsersResult },
  'users.anonymiseAllDeleted': { input: AnonymiseAllDeletedInput, output: AnonymiseUsersResult },
} as const;
