import { z } from 'zod';
import {
  EMAIL_MAX_LENGTH,
  EMAIL_PATTERN,
  NAME_MAX_LENGTH,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  PLATFORM_ROLES,
  USER_STATUSES,
  USER_TYPES,
  USERNAME_MAX_LENGTH,
  USERNAME_PATTERN,
} from '../domain/users';
import { findForbiddenCharacter, forbiddenCharacterMessage, normaliseIdentity } from '../domain/identity';
import { Id, PageRequest, Reason, plainText, SearchText, SkippedUser, SortDirection, UserIdList, pageOf } from './common';

/** Trimmed and NFC-normalised, then refused if it holds a character that would make one identity look like two. */
function identityText(label: string) {
  return z
    .string()
    .transform(normaliseIdentity)
    .superRefine((value, ctx) => {
      const found = findForbiddenCharacter(value);
      if (found) ctx.addIssue({ code: 'custom', message: forbiddenCharacterMessage(label, found) });
    });
}

export const Username = identityText('A username').pipe(
  z
    .string()
    .min(1, 'Enter a username')
    .refine((value) => [...value].length <= USERNAME_MAX_LENGTH, `A username has at most ${USERNAME_MAX_LENGTH} characters`)
    .regex(USERNAME_PATTERN, 'A username cannot contain spaces'),
);

export const Email = identityText('An email address').pipe(
  z
    .string()
    .max(EMAIL_MAX_LENGTH, `An email address has at most ${EMAIL_MAX_LENGTH} characters`)
    .regex(EMAIL_PATTERN, 'Enter a valid email address, such as name@example.com'),
);

const PersonName = (label: string) =>
  plainText({ label: `A ${label}`, max: NAME_MAX_LENGTH, required: `Enter a ${label}` });

export const PersonFields = z.object({
  username: Username,
  firstName: PersonName('first name'),
  lastName: PersonName('last name'),
  email: Email,
});

const Password = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `A password has at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `A password has at most ${PASSWORD_MAX_LENGTH} characters`);

export const NewPassword = z.strictObject({ password: Password, passwordConfirm: z.string() });

export const UserType = z.enum(USER_TYPES);
export const UserStatus = z.enum(USER_STATUSES);
export const PlatformRole = z.enum(PLATFORM_ROLES);

export const UserRow = z.object({
  id: z.number().int(),
  username: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  userType: UserType,
  status: UserStatus,
  platformRole: PlatformRole,
  sso: z.boolean(),
  groupCount: z.number().int(),
  departmentId: z.number().int().nullable(),
});
export type UserRow = z.infer<typeof UserRow>;

export const UserDetail = UserRow.extend({
  createdAt: z.string(),
  updatedAt: z.string(),
  groups: z.array(z.object({ id: z.number().int(), name: z.string() })),
  departmentPath: z.string().nullable(),
});
export type UserDetail = z.infer<typeof UserDetail>;

export const USER_SORT_KEYS = [
  'username',
  'firstName',
  'lastName',
  'email',
  'userType',
  'status',
  'groupCount',
] as const;
export const UserSortKey = z.enum(USER_SORT_KEYS);
export type UserSortKey = z.infer<typeof UserSortKey>;

export const UserListQuery = PageRequest.extend({
  sortBy: UserSortKey.default('lastName'),
  sortDir: SortDirection.default('asc'),
  search: SearchText,
  /** Empty means every status the deactivated toggle allows. */
  statuses: z.array(UserStatus).max(USER_STATUSES.length).default([]),
  showDeactivated: z.boolean().default(false),
}).strict();
export type UserListQuery = z.input<typeof UserListQuery>;
export type UserListQueryParsed = z.output<typeof UserListQuery>;

export const UserPage = pageOf(UserRow);
export type UserPage = z.infer<typeof UserPage>;

const EditableUserFields = z.object({
  firstName: PersonFields.shape.firstName,
  lastName: PersonFields.shape.lastName,
  email: Email,
  userType: UserType.default('standard'),
  platformRole: PlatformRole.default('none'),
  /** The user's department (an org unit). Omitted on an edit: unchanged; null: none. */
  departmentId: Id.nullable().optional(),
  reason: Reason,
});

export const UserCreateInput = EditableUserFields.extend({
  username: Username,
  sso: z.boolean().default(true),
  password: z.string().max(PASSWORD_MAX_LENGTH).optional(),
  passwordConfirm: z.string().max(PASSWORD_MAX_LENGTH).optional(),
}).strict().superRefine((value, ctx) => {
  if (value.sso) {
    if (value.password) {
      ctx.addIssue({ code: 'custom', path: ['password'], message: 'SSO users sign in through their identity provider and have no password' });
    }
    return;
  }
  const checked = Password.safeParse(value.password ?? '');
  if (!checked.success) {
    ctx.addIssue({ code: 'custom', path: ['password'], message: checked.error.issues[0]?.message ?? 'Enter a password' });
  } else if (value.password !== value.passwordConfirm) {
    ctx.addIssue({ code: 'custom', path: ['passwordConfirm'], message: 'The passwords do not match' });
  }
});
export type UserCreateInput = z.input<typeof UserCreateInput>;
export type UserCreateInputParsed = z.output<typeof UserCreateInput>;

export const UserUpdateInput = EditableUserFields.extend({ id: Id }).strict();
export type UserUpdateInput = z.input<typeof UserUpdateInput>;
export type UserUpdateInputParsed = z.output<typeof UserUpdateInput>;

export const UserStatusInput = z.strictObject({
  userIds: UserIdList,
  status: z.enum(['active', 'deactivated']),
  reason: Reason,
});
export type UserStatusInput = z.input<typeof UserStatusInput>;

export const UserDeleteInput = z.strictObject({ userIds: UserIdList, reason: Reason });
export type UserDeleteInput = z.input<typeof UserDeleteInput>;

/** Per-user outcomes of a bulk change: who changed, and who was skipped and why. */
export const BulkUserResult = z.object({
  changed: z.number().int(),
  skipped: z.number().int(),
  changedUserIds: z.array(z.number().int()),
  skippedUsers: z.array(SkippedUser),
});
export type BulkUserResult = z.infer<typeof BulkUserResult>;

export const usersContract = {
  'users.list': { input: UserListQuery, output: UserPage },
  'users.get': { input: z.strictObject({ id: Id }), output: UserDetail },
  'users.create': { input: UserCreateInput, output: UserRow },
  'users.update': { input: UserUpdateInput, output: UserRow },
  'users.setStatus': { input: UserStatusInput, output: BulkUserResult },
  'users.delete': { input: UserDeleteInput, output: BulkUserResult },
} as const;
