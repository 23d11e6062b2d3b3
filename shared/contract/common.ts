import { z } from 'zod';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, SEARCH_MAX_LENGTH } from '../domain/paging';

export const Id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const NoInput = z.object({}).strict();
export const NoOutput = z.null();
export const SortDirection = z.enum(['asc', 'desc']);
export type SortDirection = z.infer<typeof SortDirection>;

export const PageRequest = z.strictObject({
  page: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).default(1),
  pageSize: z.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
});

export const REASON_MAX_LENGTH = 500;
/** Why the operator makes a change (a ticket number, say); every mutating method takes one, kept in the audit entry. */
export const Reason = z
  .string()
  .trim()
  .max(REASON_MAX_LENGTH, `A reason has at most ${REASON_MAX_LENGTH} characters`)
  .optional();

/** The outcome for one user of a bulk change that left them as they were. */
export const SkippedUser = z.object({ userId: z.number().int(), reason: z.string() });
export type SkippedUser = z.infer<typeof SkippedUser>;

export const SearchText = z.string().trim().max(SEARCH_MAX_LENGTH).default('');

export function pageOf<Row extends z.ZodType>(row: Row) {
  return z.object({
    rows: z.array(row),
    total: z.number().int().min(0),
    page: z.number().int().min(1),
    pageSize: z.number().int().min(1),
  });
}

export interface Page<Row> {
  rows: Row[];
  total: number;
  page: number;
  pageSize: number;
}

/** Bulk actions take at most this many ids in one call; the 100,000-user store fits. */
export const MAX_BULK_IDS = 100_000;
export const UserIdList = z.array(Id).min(1, 'Select at least one user').max(MAX_BULK_IDS);
