/** The import's results as a workbook: every row of the file with what happened to it, and why. */
import type { CellValue } from './cellText';
import type { PrintHeading } from './printLayout';
import { openWorkbook, SheetWriter, type ColumnSpec } from './sheetWriter';

export interface ImportResultsExport {
  fileName: string;
  applied: boolean;
  rows: readonly { row: number; outcome: string; username: string; name: string; email: string; reason: string }[];
  exportedBy: string;
  exportedAt: Date;
}

const COLUMNS: ColumnSpec[] = [
  { header: 'Row', width: 8 },
  { header: 'Outcome', width: 16 },
  { header: 'Username', width: 26, wrap: true },
  { header: 'Name', width: 30, wrap: true },
  { header: 'Email', width: 32, wrap: true },
  { header: 'Reason', width: 70, wrap: true },
];

/** Writes the rows (text that looks like a formula is written as text by the sheet writer); returns how many. */
export async function writeImportResultsWorkbook(file: string, request: ImportResultsExport): Promise<number> {
  const workbook = openWorkbook({ filename: file, zipLevel: 1 });
  const heading: PrintHeading = { title: `AccessDesk import results: ${request.fileName}`, generatedAt: request.exportedAt };
  const results = new SheetWriter(workbook, 'Import results', COLUMNS, heading);
  for (const row of request.rows) results.add([row.row, row.outcome, row.username, row.name, row.email, row.reason] satisfies CellValue[]);
  results.commit();
  const summary = new SheetWriter(workbook, 'Summary', [
    { header: 'Item', width: 24 },
    { header: 'Value', width: 70, wrap: true },
  ], heading);
  const summaryRows: [string, CellValue][] = [
    ['File', request.fileName],
    ['State', request.applied ? 'Applied' : 'Dry run only: nothing was written'],
    ['Rows', request.rows.length],
    ['Saved by', request.exportedBy],
    ['Saved at', request.exportedAt],
  ];
  for (const row of summaryRows) summary.add(row);
  summary.commit();
  await workbook.commit();
  return request.rows.length;
}
