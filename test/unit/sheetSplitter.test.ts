import { describe, expect, test } from 'vitest';
import { EXCEL_MAX_ROWS, MAX_DATA_ROWS_PER_SHEET, SplitSheet, continuationName, type RowSink } from '../../electron/jobs/sheetSplitter';

interface FakeSheet {
  name: string;
  rows: number[];
  committed: boolean;
}

function recorder() {
  const sheets: FakeSheet[] = [];
  const open = (name: string): RowSink<number> => {
    const sheet: FakeSheet = { name, rows: [], committed: false };
    sheets.push(sheet);
    return {
      add: (row) => {
        if (sheet.committed) throw new Error(`row ${row} written to ${name} after its commit`);
        sheet.rows.push(row);
      },
      commit: () => {
        sheet.committed = true;
      },
    };
  };
  return { sheets, open };
}

describe('splitting a sheet at the row limit', () => {
  test('the limit leaves one row of Excel for the header', () => {
    expect(MAX_DATA_ROWS_PER_SHEET).toBe(1_048_575);
    expect(EXCEL_MAX_ROWS).toBe(1_048_576);
  });

  test('rows past the limit continue on numbered sheets, in order, each sheet committed before the next opens', () => {
    const { sheets, open } = recorder();
    const split = new SplitSheet('Effective permissions', open, 3);
    for (let row = 1; row <= 8; row += 1) split.add(row);
    split.commit();
    expect(sheets.map((sheet) => sheet.name)).toEqual(['Effective permissions', 'Effective permissions 2', 'Effective permissions 3']);
    expect(sheets.map((sheet) => sheet.rows)).toEqual([[1, 2, 3], [4, 5, 6], [7, 8]]);
    expect(sheets.every((sheet) => sheet.committed)).toBe(true);
    expect(split.rows).toBe(8);
    expect(split.sheets).toBe(3);
  });

  test('exactly a full sheet opens no empty continuation', () => {
    const { sheets, open } = recorder();
    const split = new SplitSheet('Memberships', open, 2);
    split.add(1);
    split.add(2);
    split.commit();
    expect(sheets.map((sheet) => sheet.name)).toEqual(['Memberships']);
  });

  test('no rows still gives the first sheet, so its header is in the workbook', () => {
    const { sheets, open } = recorder();
    new SplitSheet('Users', open, 5).commit();
    expect(sheets).toEqual([{ name: 'Users', rows: [], committed: true }]);
  });

  test('numbered names stay within the 31 characters Excel allows', () => {
    expect(continuationName('Memberships', 1)).toBe('Memberships');
    expect(continuationName('Memberships', 2)).toBe('Memberships 2');
    const long = 'A sheet name far longer than Excel allows';
    expect(continuationName(long, 1)).toHaveLength(31);
    expect(continuationName(long, 12)).toHaveLength(31);
    expect(continuationName(long, 12).endsWith(' 12')).toBe(true);
  });

  test('a limit below one row is refused', () => {
    expect(() => new SplitSheet('Users', recorder().open, 0)).toThrow(RangeError);
  });
});
