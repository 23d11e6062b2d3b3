import { z } from 'zod';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, SEARCH_MAX_LENGTH } from '../domain/paging';
import { findControlCharacter, searchableText } from '../domain/text';

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
export const Reason = plainText({ label: 'A reason', max: REASON_MAX_LENGTH, multiline: true }).optional();

/** The outcome for one user of a bulk change that left them as they were. */
export const SkippedUser = z.object({ userId: z.number().int(), reason: z.string() });
export type SkippedUser = z.infer<typeof SkippedUser>;

export const SearchText = z
  .string()
  .max(SEARCH_MAX_LENGTH * 2, `Search for at most ${SEARCH_MAX_LENGTH} characters`)
  .transform(searchableText)
  .pipe(z.string().max(SEARCH_MAX_LENGTH, `Search for at most ${SEARCH_MAX_LENGTH} characters`))
  .default('');

interface PlainTextRules {
  label: string;
  max: number;
  /** The message for an empty value; omitted means empty is allowed. */
  required?: string;
  /** Descriptions and reasons may hold line breaks and tabs; names may not. */
  multiline?: boolean;
}

/** Trimmed, NFC-normalised text with no control characters, within its length. */
export function plainText(rules: PlainTextRules) {
  return z
    .string()
    .max(rules.max * 4, `${rules.label} has at most ${rules.max} characters`)
    .transform((value) => value.normalize('NFC').trim())
    .superRefine((value, ctx) => {
      if (rules.required && value === '') ctx.addIssue({ code: 'custom', message: rules.required });
      if ([...value].length > rules.max) ctx.addIssue({ code: 'custom', message: `${rules.label} has at most ${rules.max} characters` });
      const position = findControlCharacter(value, rules.multiline ?? false);
      if (position !== null) {
        ctx.addIssue({ code: 'custom', message: `${rules.label} cannot contain a control character; found at character ${position}` });
      }
    });
}

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
