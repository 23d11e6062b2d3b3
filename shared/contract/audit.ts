import { z } from 'zod';
import { Id, NoInput, SearchText } from './common';
import { MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE } from '../domain/paging';
import { ViewExported } from './permissions';

export const AuditRow = z.object({
  id: z.number().int(),
  at: z.string(),
  operatorId: z.number().int().nullable(),
  /** The operator in full ("Ada Admin (ada)"), or "AccessDesk" for its own changes. */
  operator: z.string(),
  action: z.string(),
  /** The action in words, as the action filter offers it. */
  actionLabel: z.string(),
  targetType: z.string(),
  targetId: z.number().int().nullable(),
  target: z.string(),
  /** The entry in one sentence that names its operator, people and groups, with before → after. */
  sentence: z.string(),
  reason: z.string().nullable(),
});
export type AuditRow = z.infer<typeof AuditRow>;

/** Entry times are ISO instants; the filter takes the same form (the renderer sends its local day as UTC). */
const Instant = z.iso.datetime({ offset: true, message: 'Give a date and time' });
const ActionCode = z.string().regex(/^[a-zA-Z]+\.[a-zA-Z]+$/, 'Choose an action from the list').max(64);

/**
 * The log's text is searched by words (see the audit text index), so text with no letter or digit, which
 * holds no word, could match nothing: it is refused instead of showing an empty log.
 */
const AuditText = SearchText.refine((text) => text === '' || /[\p{L}\p{N}\p{Co}]/u.test(text), 'Search for a word or a number');

/**
 * What the log shows: every filter narrows, none widens; text matches the words of actions, reasons and
 * non-personal change text, the last word as a prefix.
 */
export const AuditFilters = z.strictObject({
  operatorId: Id.optional(),
  action: ActionCode.optional(),
  target: z.strictObject({ type: z.enum(['user', 'group', 'orgUnit']), id: Id }).optional(),
  from: Instant.optional(),
  to: Instant.optional(),
  text: AuditText.optional(),
});
export type AuditFilters = z.input<typeof AuditFilters>;

/** Keyset paging, newest first: `before` is the last id of the page shown, left out for the first page. */
export const AuditListQuery = AuditFilters.extend({
  before: Id.optional(),
  pageSize: z.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
});
export type AuditListQuery = z.input<typeof AuditListQuery>;

/** Counting a million entries would make every page slow: the count stops at this many. */
export const AUDIT_COUNT_CAP = 10_000;

export const AuditPage = z.object({
  rows: z.array(AuditRow),
  /** The cursor for the next (older) page; null on the last page. */
  nextBefore: z.number().int().nullable(),
  /** Entries matching the filters, counted up to AUDIT_COUNT_CAP (or a lower bound, see totalCapped). */
  total: z.number().int().min(0),
  /** True when counting stopped early: at least `total` entries match, maybe more. */
  totalCapped: z.boolean(),
});
export type AuditPage = z.infer<typeof AuditPage>;

export const AuditFieldChange = z.object({ field: z.string(), before: z.string(), after: z.string() });
export type AuditFieldChange = z.infer<typeof AuditFieldChange>;

export const AuditAffected = z.object({ type: z.enum(['user', 'group', 'orgUnit']), id: z.number().int().nullable(), label: z.string() });
export type AuditAffected = z.infer<typeof AuditAffected>;

/** One entry in full: the sentence, before → after per field, everyone affected, and the raw codes. */
export const AuditEntryDetail = AuditRow.extend({
  fields: z.array(AuditFieldChange),
  affected: z.array(AuditAffected),
  raw: z.object({
    action: z.string(),
    targetType: z.string(),
    targetId: z.number().int().nullable(),
    operatorId: z.number().int().nullable(),
    change: z.string(),
    hash: z.string(),
  }),
});
export type AuditEntryDetail = z.infer<typeof AuditEntryDetail>;

export const CHAIN_PROBLEM_KINDS = [
  /** One entry's contents differ from what was signed. */
  'changed',
  /** An entry does not follow the one before it: entries between were removed, or the order was changed. */
  'removedOrReordered',
  /** Entries after the last checkpoint that this store's key did not sign. */
  'forged',
  /** A run of entries not signed with the key, from one point on: the chain was rewritten from there. */
  'rewritten',
  /** A signed checkpoint counted entries past the end of the log. */
  'truncated',
  /** The log is empty but a signed checkpoint counted entries. */
  'deleted',
  /** A signed checkpoint names a head that is not the entry the log now holds there. */
  'checkpointMismatch',
  /** A checkpoint line not signed with this store's key, or no checkpoints at all. */
  'checkpoints',
  /** The checkpoints beside the store were deleted or cut back; recorded in the chain when AccessDesk noticed. */
  'checkpointsLost',
  /** A person's value no longer matches the commitment the entry holds. */
  'personalValue',
  /** The chain was already broken before it was re-sealed with the key. */
  'legacy',
] as const;
export type ChainProblemKind = (typeof CHAIN_PROBLEM_KINDS)[number];

export const ChainProblem = z.object({
  /** The entry it is found at (the last entry still present, for a truncated tail); null when no entry can show it. */
  entryId: z.number().int().nullable(),
  kind: z.enum(CHAIN_PROBLEM_KINDS),
  message: z.string(),
});
export type ChainProblem = z.infer<typeof ChainProblem>;

export const AuditCheckpoint = z.object({
  count: z.number().int(),
  headId: z.number().int(),
  headHash: z.string(),
  sealedAt: z.string(),
  signature: z.string(),
});
export type AuditCheckpoint = z.infer<typeof AuditCheckpoint>;

export const ChainVerification = z.object({
  ok: z.boolean(),
  /** Entries read. */
  checked: z.number().int(),
  headHash: z.string().nullable(),
  /** The first problem found at an entry; the log view highlights it. */
  firstBroken: z.object({ id: z.number().int(), reason: z.string() }).nullable(),
  /** Every problem found, in log order (at most MAX_CHAIN_PROBLEMS). */
  problems: z.array(ChainProblem),
  /** The widest signed checkpoint found beside the store. */
  lastSeal: AuditCheckpoint.nullable(),
});
export type ChainVerification = z.infer<typeof ChainVerification>;

export const MAX_CHAIN_PROBLEMS = 100;

/** What verifying an exported workbook found: is the head and count it printed still in the log, unchanged? */
export const WorkbookVerification = z.object({
  /** The workbook's seal is signed with this store's key, and the entry it names is still the log's entry there. */
  ok: z.boolean(),
  fileName: z.string(),
  seal: AuditCheckpoint,
  /** Entries the log holds now. */
  entriesNow: z.number().int(),
  /** Entries added after the export (they are not evidence of tampering). */
  addedSince: z.number().int(),
  problems: z.array(ChainProblem),
});
export type WorkbookVerification = z.infer<typeof WorkbookVerification>;

export const auditContract = {
  'audit.list': { input: AuditListQuery, output: AuditPage },
  'audit.get': { input: z.strictObject({ id: Id }), output: AuditEntryDetail },
  'audit.exportLog': { input: AuditFilters, output: ViewExported },
  'audit.verify': { input: NoInput, output: ChainVerification },
  /** The operator picks an exported workbook in a native dialog; null when they cancel it. */
  'audit.verifyWorkbook': { input: NoInput, output: WorkbookVerification.nullable() },
} as const;
