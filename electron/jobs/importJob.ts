import { IMPORT_SAMPLE_ROWS, type ImportMappingValues } from '../../shared/domain/userImport';
import { readImportFile, type ImportTable } from './importFile';
import { checkImportRows, type CheckedRow } from './importRows';

/** Reading a user list off the main thread: the header and sample for the mapping step, or every row checked. */
export interface ImportReadJobRequest {
  kind: 'importRead';
  file: string;
  /** Null: only the header and the first rows; a mapping: every row, checked against the file's own rules. */
  mapping: ImportMappingValues | null;
}

export type ImportReadResult =
  | { kind: 'head'; format: ImportTable['format']; columns: string[]; sampleRows: string[][] }
  | { kind: 'checked'; format: ImportTable['format']; columns: string[]; rows: CheckedRow[] };

export const IMPORT_READ_PHASE = 'Reading the file';
export const IMPORT_CHECK_PHASE = 'Checking rows';

export async function importReadJob(request: ImportReadJobRequest, report: (phase: string, done: number, total: number) => void): Promise<ImportReadResult> {
  if (request.mapping === null) {
    const table = await readImportFile(request.file, { limit: IMPORT_SAMPLE_ROWS });
    const width = table.columns.length;
    const sampleRows = table.records.map((record) => Array.from({ length: width }, (_, index) => record.cells[index] ?? ''));
    return { kind: 'head', format: table.format, columns: table.columns, sampleRows };
  }
  report(IMPORT_READ_PHASE, 0, 0);
  const table = await readImportFile(request.file, { onRows: (done) => report(IMPORT_READ_PHASE, done, 0) });
  const total = table.records.length;
  report(IMPORT_CHECK_PHASE, 0, total);
  const rows = checkImportRows(table.records, request.mapping, (done) => report(IMPORT_CHECK_PHASE, done, total));
  report(IMPORT_CHECK_PHASE, total, total);
  return { kind: 'checked', format: table.format, columns: table.columns, rows };
}
