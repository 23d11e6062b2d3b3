/**
 * Excel holds at most 1,048,576 rows a sheet (DOMAIN.md "Audit"): one is the header, so a sheet holds
 * 1,048,575 data rows and the rest continue on a numbered sheet of the same columns ("Memberships 2", ...).
 */
export const EXCEL_MAX_ROWS = 1_048_576;
export const MAX_DATA_ROWS_PER_SHEET = EXCEL_MAX_ROWS - 1;
/** Excel refuses longer sheet names. */
const MAX_SHEET_NAME_LENGTH = 31;

export interface RowSink<Row> {
  add(row: Row): void;
  commit(): void;
}

/** The name of the n-th (1-based) sheet of a split sheet: the first keeps the plain name. */
export function continuationName(base: string, n: number): string {
  if (n <= 1) return base.slice(0, MAX_SHEET_NAME_LENGTH);
  const suffix = ` ${n}`;
  return `${base.slice(0, MAX_SHEET_NAME_LENGTH - suffix.length)}${suffix}`;
}

/**
 * Writes rows to `open(name)` sheets, opening the next one when the current one is full. The first sheet is
 * opened at once, so an empty sheet still appears with its header. Each full sheet is committed (flushed to
 * the file) before the next one opens, so at most one sheet is being written at a time.
 */
export class SplitSheet<Row> implements RowSink<Row> {
  private current: RowSink<Row>;
  private rowsInCurrent = 0;
  private sheetCount = 1;
  private rowCount = 0;

  constructor(
    private readonly baseName: string,
    private readonly open: (name: string) => RowSink<Row>,
    private readonly limit: number = MAX_DATA_ROWS_PER_SHEET,
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`A sheet must hold at least one row, not ${limit}`);
    this.current = open(continuationName(baseName, 1));
  }

  /** Data rows written so far, over all the sheets. */
  get rows(): number {
    return this.rowCount;
  }

  /** How many sheets the rows took (at least one). */
  get sheets(): number {
    return this.sheetCount;
  }

  add(row: Row): void {
    if (this.rowsInCurrent >= this.limit) {
      this.current.commit();
      this.sheetCount += 1;
      this.current = this.open(continuationName(this.baseName, this.sheetCount));
      this.rowsInCurrent = 0;
    }
    this.current.add(row);
    this.rowsInCurrent += 1;
    this.rowCount += 1;
  }

  commit(): void {
    this.current.commit();
  }
}
