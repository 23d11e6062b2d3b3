/** The results of an applied bulk action as a workbook: every selected user with their outcome, and a summary. */
import type { BulkOutcomeKind, BulkPreview } from '../../shared/contract';
import type { PrintHeading } from './printLayout';
import { openWorkbook, SheetWriter } from './sheetWriter';

export interface BulkResults {
  result: BulkPreview;
  reason: string | null;
  appliedBy: string;
  appliedAt: Date;
}

const OUTCOME_WORDS: Record<BulkOutcomeKind, string> = { change: 'Changed', skip: 'Skipped', refuse: 'Refused' };

/** Writes the workbook; returns how many user rows it holds. */
export async function writeBulkResultsWorkbook(file: string, data: BulkResults): Promise<number> {
  const workbook = openWorkbook({ filename: file });
  const heading: PrintHeading = { title: `Bulk action: ${data.result.title}`, generatedAt: data.appliedAt };
  const sheet = new SheetWriter(workbook, 'Results', [
    { header: 'User', width: 34, wrap: true },
    { header: 'Outcome', width: 10 },
    { header: 'Before', width: 26, wrap: true },
    { header: 'After', width: 26, wrap: true },
    { header: 'Reason', width: 44, wrap: true },
  ], heading);
  for (const outcome of data.result.outcomes) {
    sheet.add([outcome.label, OUTCOME_WORDS[outcome.outcome], outcome.before, outcome.outcome === 'change' ? outcome.after : outcome.before, outcome.reason ?? '']);
  }
  sheet.commit();
  const summary = new SheetWriter(workbook, 'Summary', [
    { header: 'Item', width: 28 },
    { header: 'Value', width: 80, wrap: true },
  ], heading);
  const items: [string, string | number | Date][] = [
    ['Action', data.result.title],
    ['Changed', data.result.counts.change],
    ['Skipped', data.result.counts.skip],
    ['Reason given', data.reason ?? ''],
    ['Applied by', data.appliedBy],
    ['Applied at', data.appliedAt],
  ];
  for (const item of items) summary.add(item);
  summary.commit();
  await workbook.commit();
  return sheet.rows;
}
