/**
 * The audit log as the operator filtered it, in a workbook: one row per entry in plain words, and every
 * user, group and unit each entry affected on its own sheet (a bulk entry of 100,000 users does not fit a cell).
 */
import type { AuditEntryDetail } from '../../shared/contract';
import { SplitSheet } from './sheetSplitter';
import { openWorkbook, SheetWriter, type ColumnSpec } from './sheetWriter';
import type { CellValue } from './cellText';
import type { PrintHeading } from './printLayout';

/** An entry as the workbook writes it: the detail without the raw change JSON (the codes stay in the app). */
export type ExportedAuditEntry = Omit<AuditEntryDetail, 'raw'>;

export interface AuditLogExport {
  /** Batches of entries, newest first, read while the workbook is written. */
  entries: Iterable<readonly ExportedAuditEntry[]>;
  /** The filters in words ("Target: Ben Andersen (ben); Action: Added members"), or "None". */
  filters: string;
  exportedBy: string;
  exportedAt: Date;
}

const LOG_COLUMNS: ColumnSpec[] = [
  { header: 'Entry', width: 9 },
  { header: 'Time (UTC)', width: 19, date: true },
  { header: 'Operator', width: 26, wrap: true },
  { header: 'Action', width: 22 },
  { header: 'Target', width: 28, wrap: true },
  { header: 'What happened', width: 70, wrap: true },
  { header: 'Changes (before → after)', width: 48, wrap: true },
  { header: 'Reason', width: 28, wrap: true },
];

const AFFECTED_COLUMNS: ColumnSpec[] = [
  { header: 'Entry', width: 9 },
  { header: 'Kind', width: 10 },
  { header: 'Name', width: 60, wrap: true },
];

const KIND: Record<ExportedAuditEntry['affected'][number]['type'], string> = { user: 'User', group: 'Group', orgUnit: 'Unit' };

/** Lets the zip drain between batches, so a long log never queues whole in memory. */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Writes the entries; returns how many were written. */
export async function writeAuditLogWorkbook(file: string, request: AuditLogExport): Promise<number> {
  const workbook = openWorkbook({ filename: file, zipLevel: 1 });
  const heading: PrintHeading = { title: 'AccessDesk audit log', generatedAt: request.exportedAt };
  const log = new SplitSheet<CellValue[]>('Audit log', (name) => new SheetWriter(workbook, name, LOG_COLUMNS, heading));
  const affected = new SplitSheet<CellValue[]>('Affected', (name) => new SheetWriter(workbook, name, AFFECTED_COLUMNS, heading));
  for (const batch of request.entries) {
    for (const entry of batch) {
      log.add([
        entry.id,
        new Date(entry.at),
        entry.operator,
        entry.actionLabel,
        entry.target,
        entry.sentence,
        entry.fields.map((field) => `${field.field}: ${field.before} → ${field.after}`).join('\n'),
        entry.reason ?? '',
      ]);
      for (const subject of entry.affected) affected.add([entry.id, KIND[subject.type], subject.label]);
    }
    await breathe();
  }
  log.commit();
  affected.commit();
  const summary = new SheetWriter(workbook, 'Summary', [
    { header: 'Item', width: 24 },
    { header: 'Value', width: 90, wrap: true },
  ], heading);
  const rows: [string, CellValue][] = [
    ['Exported at', request.exportedAt],
    ['Exported by', request.exportedBy],
    ['Filters', request.filters],
    ['Entries', log.rows],
    ['Times', 'All times in this workbook are UTC.'],
  ];
  for (const row of rows) summary.add(row);
  summary.commit();
  await workbook.commit();
  return log.rows;
}
