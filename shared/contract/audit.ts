import { z } from 'zod';
import { NoInput, PageRequest, pageOf } from './common';

export const AuditRow = z.object({
  id: z.number().int(),
  at: z.string(),
  operator: z.string(),
  action: z.string(),
  targetType: z.string(),
  target: z.string(),
  summary: z.string(),
});
export type AuditRow = z.infer<typeof AuditRow>;

export const AuditListQuery = PageRequest.strict();
export type AuditListQuery = z.input<typeof AuditListQuery>;

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
  'audit.list': { input: AuditListQuery, output: pageOf(AuditRow) },
  'audit.verify': { input: NoInput, output: ChainVerification },
  /** The operator picks an exported workbook in a native dialog; null when they cancel it. */
  'audit.verifyWorkbook': { input: NoInput, output: WorkbookVerification.nullable() },
} as const;
