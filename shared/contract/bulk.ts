import { z } from 'zod';
import { Id, NoInput, Reason, UserIdList } from './common';
import { ViewExported } from './permissions';
import { UserType } from './users';

/**
 * The changes a bulk action can make to a selection of users, one variant per kind. To add one (restore,
 * temporary passwords, workspaces): add a variant here, its words in shared/domain/bulkActions.ts, and its
 * planner and writer in electron/services/bulkUsers.ts; the exhaustive switches there make a missing piece a
 * compile error.
 */
export const BulkAction = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('activate') }),
  z.strictObject({ kind: z.literal('deactivate') }),
  z.strictObject({ kind: z.literal('delete') }),
  z.strictObject({ kind: z.literal('setUserType'), userType: UserType }),
  /** null clears the department. */
  z.strictObject({ kind: z.literal('setDepartment'), departmentId: Id.nullable() }),
  z.strictObject({ kind: z.literal('setMainGroup'), groupId: Id }),
]);
export type BulkAction = z.infer<typeof BulkAction>;
export type BulkActionKind = BulkAction['kind'];

export const BulkPreviewInput = z.strictObject({ action: BulkAction, userIds: UserIdList });
export type BulkPreviewInput = z.input<typeof BulkPreviewInput>;

export const BulkApplyInput = z.strictObject({ action: BulkAction, userIds: UserIdList, reason: Reason });
export type BulkApplyInput = z.input<typeof BulkApplyInput>;

/** The value a change moves a user from or to: a status or user type code, an org unit or group id, or none. */
export const BulkValue = z.union([z.string(), z.number().int(), z.null()]);
export type BulkValue = z.infer<typeof BulkValue>;

export const BulkOutcomeKind = z.enum(['change', 'skip', 'refuse']);
export type BulkOutcomeKind = z.infer<typeof BulkOutcomeKind>;

/** What the action does to one user: change (before → after), skip (already so) or refuse, with the reason. */
export const BulkOutcome = z.object({
  userId: z.number().int(),
  label: z.string(),
  outcome: BulkOutcomeKind,
  /** The value before, in words and as stored (an Undo sets it back). */
  before: z.string(),
  beforeValue: BulkValue,
  after: z.string(),
  /** Why a user is skipped or refused; null for a change. */
  reason: z.string().nullable(),
});
export type BulkOutcome = z.infer<typeof BulkOutcome>;

export const BulkPreview = z.object({
  /** The action in words, e.g. "Set user type to Read-Only". */
  title: z.string(),
  counts: z.object({ change: z.number().int(), skip: z.number().int(), refuse: z.number().int() }),
  /** Every selected user, refused first, then changes, then skipped. */
  outcomes: z.array(BulkOutcome),
});
export type BulkPreview = z.infer<typeof BulkPreview>;

export const bulkContract = {
  'users.bulkPreview': { input: BulkPreviewInput, output: BulkPreview },
  'users.bulkApply': { input: BulkApplyInput, output: BulkPreview },
  /** The last applied bulk action's outcomes as a workbook, through the save dialog. */
  'users.bulkSaveResults': { input: NoInput, output: ViewExported },
} as const;
