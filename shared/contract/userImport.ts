import { z } from 'zod';
import { IMPORT_FIELDS, MAX_IMPORT_COLUMNS, type ImportField } from '../domain/userImport';
import { Reason } from './common';

const ImportId = z.string().min(1).max(100);
const ColumnIndex = z.number().int().min(0).max(MAX_IMPORT_COLUMNS - 1).nullable();

/** Which column (0-based, as in the header row) feeds each field; null: not in the file. */
export const ImportMapping = z.strictObject(
  Object.fromEntries(IMPORT_FIELDS.map((field) => [field, ColumnIndex])) as Record<ImportField, typeof ColumnIndex>,
);
export type ImportMapping = z.infer<typeof ImportMapping>;

export const ImportOpened = z.object({
  importId: z.string(),
  fileName: z.string(),
  format: z.enum(['csv', 'xlsx']),
  /** The header row's names, one per column. */
  columns: z.array(z.string()),
  /** The first rows under the header, as text, for the mapping step's preview. */
  sampleRows: z.array(z.array(z.string())),
  /** Suggested from the header names (English and Swedish); the operator may change it. */
  mapping: ImportMapping,
});
export type ImportOpened = z.infer<typeof ImportOpened>;

export const IMPORT_OUTCOMES = ['create', 'unchanged', 'skipped', 'error'] as const;
export const ImportOutcome = z.enum(IMPORT_OUTCOMES);
export type ImportOutcome = z.infer<typeof ImportOutcome>;

export const ImportRowResult = z.object({
  /** The row number as a spreadsheet program shows it: the header is row 1. */
  row: z.number().int(),
  outcome: ImportOutcome,
  username: z.string(),
  name: z.string(),
  email: z.string(),
  /** Why the row is skipped or refused; empty for a row that is created or unchanged. */
  reason: z.string(),
});
export type ImportRowResult = z.infer<typeof ImportRowResult>;

export const ImportCounts = z.object({
  create: z.number().int(),
  unchanged: z.number().int(),
  skipped: z.number().int(),
  error: z.number().int(),
});
export type ImportCounts = z.infer<typeof ImportCounts>;

export const ImportPreview = z.object({
  importId: z.string(),
  fileName: z.string(),
  counts: ImportCounts,
  /** Every data row of the file, in file order (blank rows left out). */
  rows: z.array(ImportRowResult),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ImportApplied = z.object({
  created: z.number().int(),
  counts: ImportCounts,
});
export type ImportApplied = z.infer<typeof ImportApplied>;

export const ImportResultsSaved = z.object({
  /** Null when the operator closed the save dialog. */
  fileName: z.string().nullable(),
  rows: z.number().int(),
});
export type ImportResultsSaved = z.infer<typeof ImportResultsSaved>;

export const userImportContract = {
  /** Asks for a CSV or XLSX file and reads its header and first rows; null when the operator cancels. */
  'users.importOpen': { input: z.strictObject({}), output: ImportOpened.nullable() },
  /** The dry run: every row's outcome, read in a worker; nothing is written. */
  'users.importPreview': { input: z.strictObject({ importId: ImportId, mapping: ImportMapping }), output: ImportPreview },
  /** Creates every row the dry run would create, in one transaction with one audit entry. */
  'users.importApply': { input: z.strictObject({ importId: ImportId, reason: Reason }), output: ImportApplied },
  /** Saves every row with its outcome as an xlsx workbook the operator picks. */
  'users.importResults': { input: z.strictObject({ importId: ImportId }), output: ImportResultsSaved },
  /** Stops a dry run still reading its file. */
  'users.importCancel': { input: z.strictObject({ importId: ImportId }), output: z.null() },
} as const;
