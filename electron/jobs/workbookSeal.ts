import ExcelJS from 'exceljs';
import { basename } from 'node:path';
import type { ChainVerification } from '../../shared/contract';
import { AppError } from '../../shared/errors';

/** Labels in column A of the Summary sheet, one row each, as the audit workbook prints its seal. */
export const SEAL_LABELS = {
  count: 'Audit entries',
  headId: 'Audit head entry',
  headHash: 'Audit head',
  signature: 'Audit seal',
  sealedAt: 'Sealed at',
} as const;

export interface PrintedSeal {
  count: number;
  headId: number;
  headHash: string;
  sealedAt: string;
  signature: string;
}

/** The Summary sheet is short; a file whose first sheet goes on is not one of ours. */
const MAX_SUMMARY_ROWS = 200;

function notOurs(fileName: string, why: string): AppError {
  return new AppError('validation', `${fileName} is not an audit workbook exported by AccessDesk: ${why}`);
}

function cellText(value: ExcelJS.CellValue): string | null {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return String(value);
  if (value && typeof value === 'object' && 'richText' in value) return value.richText.map((part) => part.text).join('').trim();
  return null;
}

/** Reads of a sound file that failed on exceljs's streaming unzip before giving up on it. */
const READ_ATTEMPTS = 3;

/**
 * The Summary rows, read again when the read fails: exceljs's streaming unzip (unzipper) now and then ends
 * a sound file with FILE_ENDED, depending on timing. A file that is not a workbook fails every attempt.
 */
async function summaryRows(file: string): Promise<Map<string, string>> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await summaryRowsOnce(file);
    } catch (error) {
      if (attempt >= READ_ATTEMPTS) throw error;
    }
  }
}

/** The label → value rows of the workbook's first sheet (its Summary). */
async function summaryRowsOnce(file: string): Promise<Map<string, string>> {
  const rows = new Map<string, string>();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: 'emit', sharedStrings: 'cache', styles: 'ignore', hyperlinks: 'ignore' });
  try {
    for await (const sheet of reader) {
      let read = 0;
      for await (const row of sheet) {
        read += 1;
        if (read > MAX_SUMMARY_ROWS) break;
        const label = cellText(row.getCell(1).value);
        const value = cellText(row.getCell(2).value);
        if (label !== null && value !== null && !rows.has(label)) rows.set(label, value);
      }
      break;
    }
  } catch (error) {
    // Leaving the zip stream after the first sheet can end it with an error, depending on timing; the rows
    // read stand, and a file cut short before them still fails the checks of its seal rows.
    if (rows.size === 0) throw error;
  }
  return rows;
}

function wholeNumber(text: string | undefined): number | null {
  return text !== undefined && /^\d{1,15}$/.test(text) ? Number(text) : null;
}

/**
 * Reads the audit seal an exported workbook printed on its Summary sheet. Any other file (not a workbook,
 * damaged, edited so the rows are gone) is refused with a `validation` error that says why.
 */
export async function readWorkbookSeal(file: string): Promise<{ fileName: string; seal: PrintedSeal }> {
  const fileName = basename(file);
  let rows: Map<string, string>;
  try {
    rows = await summaryRows(file);
  } catch {
    throw notOurs(fileName, 'it cannot be read as an Excel workbook');
  }
  const count = wholeNumber(rows.get(SEAL_LABELS.count));
  const headId = wholeNumber(rows.get(SEAL_LABELS.headId));
  const headHash = rows.get(SEAL_LABELS.headHash);
  const signature = rows.get(SEAL_LABELS.signature);
  const sealedAt = rows.get(SEAL_LABELS.sealedAt);
  if (count === null || headId === null || headHash === undefined || signature === undefined || sealedAt === undefined) {
    throw notOurs(fileName, `its Summary sheet has no complete audit seal (${Object.values(SEAL_LABELS).join(', ')})`);
  }
  if (!/^[0-9a-f]{64}$/.test(headHash) || !/^[0-9a-f]{64}$/.test(signature) || sealedAt.length > 40) {
    throw notOurs(fileName, 'its audit seal rows were changed');
  }
  return { fileName, seal: { count, headId, headHash, sealedAt, signature } };
}

/**
 * The Summary rows that print the export's seal, one label per row in column A, so "Verify a workbook" can read
 * them back. Without a seal (a workbook written directly, not through the app) only the count and head print.
 */
export function sealSummaryRows(seal: PrintedSeal | undefined, entries: number, headHash: string | null): [string, string | number][] {
  if (!seal) return [[SEAL_LABELS.count, entries], [SEAL_LABELS.headHash, headHash ?? '(empty log)']];
  return [
    [SEAL_LABELS.count, seal.count],
    [SEAL_LABELS.headId, seal.headId],
    [SEAL_LABELS.headHash, seal.headHash],
    [SEAL_LABELS.signature, seal.signature],
    [SEAL_LABELS.sealedAt, seal.sealedAt],
  ];
}

/** One line for the Summary: the verification's outcome, or why there is none. */
export function chainVerdict(chain: ChainVerification | null): string {
  if (!chain) return 'Not verified: the workbook was written without the store\'s audit key';
  if (chain.ok) return 'Yes';
  const first = chain.problems[0];
  return `No: ${first?.message ?? 'the chain does not hold'}${chain.problems.length > 1 ? ` (and ${chain.problems.length - 1} more problem(s))` : ''}`;
}
