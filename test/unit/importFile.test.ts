/**
 * Reading a user list: the file's own rules (encoding, BOM, separators, quoting, formula cells), before any
 * row meets the store.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { csvRecords, decodeCsv, detectSeparator, firstInvalidUtf8Byte, readCsvText, readImportFile } from '../../electron/jobs/importFile';
import { AppError } from '../../shared/errors';
import { mappingProblem, parseUserType, suggestMapping } from '../../shared/domain/userImport';

const dir = mkdtempSync(join(tmpdir(), 'accessdesk-import-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** RFC 4180 as a spreadsheet program writes it: quotes only around fields that need them. */
function toCsv(table: readonly (readonly string[])[], separator: string): string {
  const quote = (cell: string) => (/["\r\n]/.test(cell) || cell.includes(separator) ? `"${cell.replace(/"/g, '""')}"` : cell);
  return table.map((record) => record.map(quote).join(separator)).join('\r\n') + '\r\n';
}

function failure(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('CSV', () => {
  test('any table written as CSV (either separator) reads back cell for cell', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'Z', 'é', 'Ä', ' ', ',', ';', '"', '\n', '\r', '\r\n', '=', '+', '\t', '😀'), maxLength: 8 });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 }), fc.constantFrom(',', ';'), (table, separator) => {
        expect([...csvRecords(toCsv(table, separator), separator)]).toEqual(table);
      }),
      { numRuns: 500 },
    );
  });

  test('quoted fields hold separators, doubled quotes and line breaks; rows are numbered by record', () => {
    const text = 'username;first name;last name;email\r\n"ann;a";"Ann ""The"" Quick";"Two\nLines";ann@example.com\nben;Ben;Berg;ben@example.com\n';
    const table = readCsvText(text);
    expect(table.columns).toEqual(['username', 'first name', 'last name', 'email']);
    expect(table.records).toEqual([
      { row: 2, cells: ['ann;a', 'Ann "The" Quick', 'Two\nLines', 'ann@example.com'] },
      { row: 3, cells: ['ben', 'Ben', 'Berg', 'ben@example.com'] },
    ]);
  });

  test('the separator is the one the header uses most outside quotes', () => {
    expect(detectSeparator('username;first name;"a,b,c"\nx,y,z,w')).toBe(';');
    expect(detectSeparator('username,first name;x,y')).toBe(',');
    expect(detectSeparator('username')).toBe(',');
  });

  test('a BOM is dropped, with either separator', () => {
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('användarnamn;förnamn\nåsa;Åsa\n', 'utf8')]);
    const table = readCsvText(decodeCsv(withBom));
    expect(table.columns).toEqual(['användarnamn', 'förnamn']);
    expect(table.records[0]?.cells).toEqual(['åsa', 'Åsa']);
  });

  test('a Latin-1 file is refused as validation, naming the byte and the line', () => {
    const latin1 = Buffer.from('username,first name\nanna,Anna\nbjörn,Björn\n', 'latin1');
    const error = failure(() => decodeCsv(latin1));
    expect(error.code).toBe('validation');
    const offset = latin1.indexOf(0xf6);
    expect(error.message).toBe(`The file is not UTF-8 text: byte ${offset + 1} (line 3) is not valid UTF-8. Save it as "CSV UTF-8" and import it again.`);
  });

  test('the UTF-8 check finds the first bad byte: overlong forms, surrogates and cut-off sequences included', () => {
    expect(firstInvalidUtf8Byte(Buffer.from('ok é 😀', 'utf8'))).toBe(-1);
    expect(firstInvalidUtf8Byte(Buffer.from([0x61, 0xc0, 0x80]))).toBe(1);
    expect(firstInvalidUtf8Byte(Buffer.from([0x61, 0xed, 0xa0, 0x80]))).toBe(1);
    expect(firstInvalidUtf8Byte(Buffer.from([0x61, 0x62, 0xe2, 0x82]))).toBe(2);
    expect(firstInvalidUtf8Byte(Buffer.from([0xe2, 0x28, 0xa1]))).toBe(1);
  });

  test('formula-looking text stays text, never evaluated', () => {
    const table = readCsvText('username,first name\n+cmd,"=HYPERLINK(""http://evil.example"",""x"")"\n');
    expect(table.records[0]?.cells).toEqual(['+cmd', '=HYPERLINK("http://evil.example","x")']);
  });

  test('an unclosed quote and an empty file are refused as validation', () => {
    expect(failure(() => readCsvText('username\n"ann\n')).message).toBe('Row 2: a quoted field opened at character 10 is never closed');
    expect(failure(() => readCsvText('\n\n')).message).toBe('The file is empty');
  });

  test('only .csv and .xlsx files are read', async () => {
    await expect(readImportFile(join(dir, 'people.xls'))).rejects.toMatchObject({ code: 'validation', message: 'Choose a .csv or .xlsx file; ".xls" files cannot be imported' });
  });
});

describe('XLSX', () => {
  test('the first sheet is read; formula cells are their formula as text, other cells their text', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('People');
    sheet.addRow(['Username', 'First name', 'Last name', 'E-post']);
    sheet.addRow(['+cmd', { formula: 'HYPERLINK("http://evil.example","x")', result: 'x' }, { richText: [{ text: 'Ber' }, { text: 'g' }] }, 'cmd@example.com']);
    sheet.addRow([12345, true, { formula: '1+1' }, 'n@example.com']);
    workbook.addWorksheet('Other').addRow(['ignored']);
    const file = join(dir, 'people.xlsx');
    await workbook.xlsx.writeFile(file);
    const table = await readImportFile(file);
    expect(table.format).toBe('xlsx');
    expect(table.columns).toEqual(['Username', 'First name', 'Last name', 'E-post']);
    expect(table.records).toEqual([
      { row: 2, cells: ['+cmd', '=HYPERLINK("http://evil.example","x")', 'Berg', 'cmd@example.com'] },
      { row: 3, cells: ['12345', 'TRUE', '=1+1', 'n@example.com'] },
    ]);
  });

  test('a file that is not a workbook is refused as validation', async () => {
    const file = join(dir, 'fake.xlsx');
    writeFileSync(file, 'username,first name\n');
    await expect(readImportFile(file)).rejects.toMatchObject({ code: 'validation', message: expect.stringMatching(/^The file is not a readable XLSX workbook/) });
  });
});

describe('mapping', () => {
  test('header names map automatically in English and Swedish; unknown columns stay unused', () => {
    expect(suggestMapping(['Användarnamn', 'Förnamn', 'Efternamn', 'E-post', 'Användartyp', 'Avdelning', 'Anteckning'])).toEqual({
      username: 0, firstName: 1, lastName: 2, email: 3, userType: 4, department: 5,
    });
    expect(suggestMapping(['e_mail', 'USER NAME', 'Surname', 'given name'])).toEqual({
      username: 1, firstName: 3, lastName: 2, email: 0, userType: null, department: null,
    });
  });

  test('missing required columns are named; a column feeds one field only', () => {
    expect(mappingProblem({ username: 0, firstName: null, lastName: 1, email: null, userType: null, department: null }, 2)).toBe(
      'Choose a column for First name, Email: they are required',
    );
    expect(mappingProblem({ username: 0, firstName: 1, lastName: 2, email: 2, userType: null, department: null }, 3)).toBe(
      'Last name and Email cannot both come from the same column',
    );
    expect(mappingProblem({ username: 0, firstName: 1, lastName: 2, email: 3, userType: null, department: null }, 4)).toBeNull();
  });

  test('user types read in English and Swedish; blank is Standard', () => {
    expect(['Admin', 'standard', 'Read-Only', 'read only', 'Läsbehörighet', ''].map(parseUserType)).toEqual(['admin', 'standard', 'read_only', 'read_only', 'read_only', 'standard']);
    expect(parseUserType('Guest')).toBeNull();
  });
});
