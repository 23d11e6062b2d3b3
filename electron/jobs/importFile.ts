import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import ExcelJS from 'exceljs';
import { MAX_IMPORT_COLUMNS } from '../../shared/domain/userImport';
import { AppError } from '../../shared/errors';

/** A file larger than this is not a user list; it is refused before it is read into memory. */
export const MAX_IMPORT_ROWS = 200_000;
const PROGRESS_EVERY = 1_000;

export interface ImportRecord {
  /** As a spreadsheet program numbers it: the header is row 1 (for a CSV, the record's number, not its line). */
  row: number;
  cells: string[];
}

export interface ImportTable {
  format: 'csv' | 'xlsx';
  columns: string[];
  records: ImportRecord[];
}

export interface ReadOptions {
  /** Stop after this many data rows (the mapping step's sample). */
  limit?: number;
  onRows?: (done: number) => void;
}

function refuse(message: string): never {
  throw new AppError('validation', message);
}

/** The byte offset of the first byte that breaks UTF-8, or -1 when the whole buffer is valid. */
export function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index] ?? 0;
    let length: number;
    let min: number;
    if (lead < 0x80) {
      index += 1;
      continue;
    } else if (lead >= 0xc2 && lead <= 0xdf) {
      length = 2;
      min = 0x80;
    } else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      min = 0x800;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      min = 0x10000;
    } else {
      return index;
    }
    let codePoint = lead & (0xff >> (length + 1));
    for (let next = 1; next < length; next += 1) {
      const byte = bytes[index + next];
      if (byte === undefined || (byte & 0xc0) !== 0x80) return index + next === bytes.length ? index : index + next;
      codePoint = (codePoint << 6) | (byte & 0x3f);
    }
    if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return index;
    index += length;
  }
  return -1;
}

function lineOf(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let index = 0; index < offset; index += 1) if (bytes[index] === 0x0a) line += 1;
  return line;
}

const group = (value: number) => String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** The file's text, BOM removed; a file that is not UTF-8 (Latin-1 saved by an old Excel, say) is refused. */
export function decodeCsv(bytes: Buffer): string {
  if (!isUtf8(bytes)) {
    const offset = firstInvalidUtf8Byte(bytes);
    refuse(
      `The file is not UTF-8 text: byte ${group(offset + 1)} (line ${group(lineOf(bytes, offset))}) is not valid UTF-8. ` +
        'Save it as "CSV UTF-8" and import it again.',
    );
  }
  const text = bytes.toString('utf8');
  return text.startsWith('\ufeff') ? text.slice(1) : text;
}

const SEPARATORS = [',', ';', '\t'] as const;

/** The separator the first line uses most outside quotes; a comma when it holds none (a one-column file). */
export function detectSeparator(text: string): string {
  const counts = new Map<string, number>(SEPARATORS.map((separator) => [separator, 0]));
  let quoted = false;
  for (const character of text) {
    if (character === '"') quoted = !quoted;
    else if (!quoted && (character === '\n' || character === '\r')) break;
    else if (!quoted && counts.has(character)) counts.set(character, (counts.get(character) ?? 0) + 1);
  }
  let best: string = ',';
  for (const separator of SEPARATORS) if ((counts.get(separator) ?? 0) > (counts.get(best) ?? 0)) best = separator;
  return best;
}

/**
 * RFC 4180 records: fields in double quotes may hold the separator, line breaks and doubled quotes; line ends
 * are CRLF, LF or CR. A quote inside an unquoted field is kept as it is, as spreadsheet programs do.
 */
export function* csvRecords(text: string, separator: string): Generator<string[]> {
  let field = '';
  let record: string[] = [];
  let index = 0;
  let recordNumber = 1;
  const length = text.length;
  while (index < length) {
    const character = text[index];
    if (character === '"' && field === '') {
      const start = index;
      index += 1;
      for (;;) {
        const close = text.indexOf('"', index);
        if (close === -1) refuse(`Row ${group(recordNumber)}: a quoted field opened at character ${group(start + 1)} is never closed`);
        field += text.slice(index, close);
        if (text[close + 1] === '"') {
          field += '"';
          index = close + 2;
        } else {
          index = close + 1;
          break;
        }
      }
      // Text after the closing quote (`"a"b`) belongs to the same field.
      continue;
    }
    if (character === separator) {
      record.push(field);
      field = '';
      index += 1;
    } else if (character === '\n' || character === '\r') {
      record.push(field);
      yield record;
      recordNumber += 1;
      record = [];
      field = '';
      index += character === '\r' && text[index + 1] === '\n' ? 2 : 1;
    } else {
      const next = nextSpecial(text, index, separator);
      field += text.slice(index, next);
      index = next;
    }
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    yield record;
  }
}

function nextSpecial(text: string, from: number, separator: string): number {
  for (let index = from; index < text.length; index += 1) {
    const character = text[index];
    if (character === separator || character === '\n' || character === '\r' || character === '"') return index === from ? from + 1 : index;
  }
  return text.length;
}

const isBlank = (cells: readonly string[]) => cells.every((cell) => cell.trim() === '');

function columnLetter(index: number): string {
  let letters = '';
  for (let rest = index + 1; rest > 0; rest = Math.floor((rest - 1) / 26)) letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  return letters;
}

function headerOf(cells: readonly string[]): string[] {
  if (cells.length > MAX_IMPORT_COLUMNS) refuse(`The file has ${cells.length} columns; a user list has at most ${MAX_IMPORT_COLUMNS}`);
  let width = cells.length;
  while (width > 0 && (cells[width - 1] ?? '').trim() === '') width -= 1;
  if (width === 0) refuse('The file has no header row: its first row is empty');
  return cells.slice(0, width).map((cell, index) => cell.trim() || `Column ${columnLetter(index)}`);
}

/** Collects the data rows under the header, leaving blank rows out. */
class RecordCollector {
  readonly records: ImportRecord[] = [];
  /** The header's column names, once the first non-blank row is read. */
  header: string[] | null = null;
  private seen = 0;

  constructor(private readonly options: ReadOptions) {}

  /** False once the limit is reached. */
  add(row: number, cells: string[]): boolean {
    if (this.header === null) {
      if (isBlank(cells)) return true;
      this.header = headerOf(cells);
      return true;
    }
    if (isBlank(cells)) return true;
    if (this.records.length >= MAX_IMPORT_ROWS) refuse(`The file has more than ${group(MAX_IMPORT_ROWS)} rows; split it and import each part`);
    this.records.push({ row, cells });
    this.seen += 1;
    if (this.seen % PROGRESS_EVERY === 0) this.options.onRows?.(this.seen);
    return this.options.limit === undefined || this.records.length < this.options.limit;
  }

  table(format: ImportTable['format']): ImportTable {
    if (this.header === null) refuse('The file is empty');
    this.options.onRows?.(this.seen);
    return { format, columns: this.header, records: this.records };
  }
}

export function readCsvText(text: string, options: ReadOptions = {}): ImportTable {
  const collector = new RecordCollector(options);
  let row = 0;
  for (const cells of csvRecords(text, detectSeparator(text))) {
    row += 1;
    if (!collector.add(row, cells)) break;
  }
  return collector.table('csv');
}

type XlsxValue = ExcelJS.CellValue | undefined;

/**
 * A cell as text. A formula cell is its formula (`=HYPERLINK(…)`), never evaluated and never its cached result,
 * so what the file says is what is imported; a shared formula's copies carry only a cached result, taken as text.
 */
export function xlsxCellText(value: XlsxValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString();
  if ('formula' in value || 'sharedFormula' in value) {
    const formula = 'formula' in value ? value.formula : '';
    if (formula) return `=${formula}`;
    return xlsxCellText((value as { result?: XlsxValue }).result);
  }
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('hyperlink' in value) return String(value.text);
  if ('error' in value) return value.error;
  return '';
}

export async function readXlsx(file: string, options: ReadOptions = {}): Promise<ImportTable> {
  const collector = new RecordCollector(options);
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', worksheets: 'emit', entries: 'ignore' });
    reading: for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = (row.values as XlsxValue[]).slice(1);
        if (!collector.add(row.number, Array.from(values, xlsxCellText))) break reading;
      }
      // Only the first sheet is read.
      break;
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    refuse(`The file is not a readable XLSX workbook: ${error instanceof Error ? error.message : String(error)}`);
  }
  return collector.table('xlsx');
}

export function importFormatOf(file: string): ImportTable['format'] {
  const extension = extname(file).toLowerCase();
  if (extension === '.xlsx') return 'xlsx';
  if (extension === '.csv' || extension === '.txt') return 'csv';
  return refuse(`Choose a .csv or .xlsx file; ${extension ? `"${extension}" files` : 'files without an extension'} cannot be imported`);
}

/** Reads a CSV or XLSX user list; every problem with the file itself is a `validation` error naming it. */
export async function readImportFile(file: string, options: ReadOptions = {}): Promise<ImportTable> {
  const format = importFormatOf(file);
  if (format === 'xlsx') return readXlsx(file, options);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    return refuse(`The file could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  return readCsvText(decodeCsv(bytes), options);
}
