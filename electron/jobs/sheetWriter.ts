/**
 * The one way AccessDesk puts cells into a workbook: every sheet is a `SheetWriter`, every row goes through
 * `add`, and `add` passes each value through `cellValue`, so no sheet can write formula-like text.
 */
import ExcelJS from 'exceljs';
import { cellValue, type CellValue } from './cellText';
import { CELL_STYLES, HEADER_STYLE, printableSheetOptions, rowHeightFor, wrappedLines, type CellKind, type PrintHeading } from './printLayout';

export interface ColumnSpec {
  header: string;
  /** In characters of the body font. The columns of a sheet together should fit a landscape page at a readable size. */
  width: number;
  /** Long text (reasons, paths, hashes) wraps inside its cell instead of widening the page. */
  wrap?: boolean;
  date?: boolean;
}

export interface WorkbookOptions {
  filename: string;
  /** Zip compression level, 0–9; exceljs's default unless given. */
  zipLevel?: number;
}

export function openWorkbook({ filename, zipLevel }: WorkbookOptions): ExcelJS.stream.xlsx.WorkbookWriter {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename,
    useStyles: true,
    useSharedStrings: false,
    ...(zipLevel === undefined ? {} : { zip: { zlib: { level: zipLevel } } }),
  });
  workbook.creator = 'AccessDesk';
  workbook.created = new Date();
  return workbook;
}

/** Lines the row's tallest wrapped cell takes; header cells all wrap. */
function linesOf(values: readonly CellValue[], columns: readonly ColumnSpec[], header: boolean): number {
  let lines = 1;
  columns.forEach((column, index) => {
    const value = values[index];
    if ((header || column.wrap) && typeof value === 'string') lines = Math.max(lines, wrappedLines(value, column.width));
  });
  return lines;
}

function kindOf(value: CellValue, column: ColumnSpec | undefined): CellKind {
  if (value instanceof Date) return 'date';
  return column?.wrap ? 'wrap' : 'text';
}

/** A printable sheet (see printLayout.ts) with a frozen, filtered header; rows are arrays in the order of its columns. */
export class SheetWriter {
  private readonly sheet: ExcelJS.Worksheet;
  rows = 0;

  constructor(
    workbook: ExcelJS.stream.xlsx.WorkbookWriter,
    name: string,
    private readonly columns: readonly ColumnSpec[],
    heading: PrintHeading,
  ) {
    this.sheet = workbook.addWorksheet(name, printableSheetOptions(heading));
    const headers = columns.map((column) => String(cellValue(column.header)));
    this.sheet.columns = columns.map((column, index) => ({ header: headers[index] ?? '', width: column.width }));
    const header = this.sheet.getRow(1);
    header.eachCell((cell) => {
      cell.style = HEADER_STYLE;
    });
    const height = rowHeightFor(linesOf(headers, columns, true));
    if (height !== undefined) header.height = height;
    header.commit();
    this.sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  }

  add(values: readonly CellValue[]): void {
    const cells = values.map(cellValue);
    const row = this.sheet.addRow(cells);
    row.eachCell({ includeEmpty: true }, (cell, columnNumber) => {
      cell.style = CELL_STYLES[kindOf(cell.value as CellValue, this.columns[columnNumber - 1])];
    });
    const height = rowHeightFor(linesOf(cells, this.columns, false));
    if (height !== undefined) row.height = height;
    row.commit();
    this.rows += 1;
  }

  commit(): void {
    this.sheet.commit();
  }
}
