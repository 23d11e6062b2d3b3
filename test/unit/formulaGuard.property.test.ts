/**
 * No text AccessDesk writes into a workbook can be evaluated as a formula: text starting with a formula sign
 * (ASCII or full-width, also after leading white space, control or invisible characters) is read back by
 * openpyxl as text that starts with something else, on every sheet, the Summary sheets included, whatever the
 * store holds: names are written around the contract, as a damaged or hand-edited store would hold them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeAuditWorkbook } from '../../electron/jobs/auditWorkbook';
import { cellValue } from '../../electron/jobs/cellText';
import { templateSettings } from '../../shared/domain/groupTemplates';
import { createTestCore, type TestCore } from '../support/core';
import { call, newUser, setUpAdmin } from '../support/operators';
import { REPO_ROOT } from '../support/paths';
import { readCells } from '../support/xlsx';

const SIGNS = ['=', '+', '-', '@', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20'];
/** White space, controls (some XML cannot hold) and invisible format characters an importer may skip. */
const LEADING = [' ', '\t', '\r', '\n', '\u00A0', '\u3000', '\u2028', '\u200B', '\u200E', '\uFEFF', '\u0000', '\u0007', '\u001F', '\u0085'];

/** A formula sign, possibly after leading white space or control characters, then anything. */
const formulaText = fc
  .tuple(fc.string({ unit: fc.constantFrom(...LEADING), maxLength: 3 }), fc.constantFrom(...SIGNS), fc.string({ unit: 'binary', maxLength: 24 }))
  .map(([lead, sign, rest]) => ({ text: `${lead}${sign}${rest}`, sign }));

/** The reader's view, written apart from the guard: would a spreadsheet program see a formula sign first? */
function startsLikeFormula(text: string): boolean {
  const start = text.replace(/^[\p{White_Space}\p{Cc}\p{Cf}]+/u, '');
  return SIGNS.some((sign) => start.startsWith(sign));
}

describe('the formula guard', () => {
  test('text starting with a formula sign never starts with one once guarded, and keeps its sign', () => {
    fc.assert(
      fc.property(formulaText, ({ text, sign }) => {
        const guarded = cellValue(text);
        expect(typeof guarded).toBe('string');
        expect(startsLikeFormula(String(guarded))).toBe(false);
        expect(String(guarded)).toContain(sign);
      }),
      { numRuns: 2000 },
    );
  });

  test('text that does not look like a formula is written as it is', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (text) => {
        fc.pre(!/^[\p{White_Space}\p{Cc}\p{Cf}]/u.test(text) && !startsLikeFormula(text));
        expect(cellValue(text)).toBe(text);
      }),
    );
  });

  test('only the sheet writer puts rows into a workbook, so every sheet is guarded', () => {
    const sources = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) return sources(path);
        return entry.name.endsWith('.ts') ? [path] : [];
      });
    const writing = /\.(addWorksheet|addRow|addRows|insertRow|insertRows|spliceRows|duplicateRow)\(|\.getCell\([^)]*\)\.value\s*=(?!=)|\.columns\s*=(?!=)/;
    const offenders = sources(join(REPO_ROOT, 'electron'))
      .filter((file) => writing.test(readFileSync(file, 'utf8')))
      .map((file) => relative(REPO_ROOT, file));
    expect(offenders).toEqual(['electron/jobs/sheetWriter.ts']);
  });
});

describe('every sheet of every workbook, from whatever the store holds', () => {
  let core: TestCore;
  let ids: { admin: number; user: number; group: number; unit: number };
  beforeAll(async () => {
    core = await createTestCore();
    const admin = await setUpAdmin(core);
    const unit = await call(core, 'orgUnits.create', { parentId: null, name: 'Organisation' });
    const group = await call(core, 'groups.create', { name: 'Administrators', description: 'All of it', settings: templateSettings('global_administrator') });
    const user = await call(core, 'users.create', newUser({ departmentId: unit.id }));
    await call(core, 'memberships.add', { groupId: group.id, userIds: [user.id] });
    ids = { admin: admin.id, user: user.id, group: group.id, unit: unit.id };
  });
  afterAll(async () => core.dispose());

  test('text starting with a formula sign is read back as text that does not start with one', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(formulaText, { minLength: 7, maxLength: 7 }), async (fields) => {
        const [first, last, group, description, unit, operator, admin] = fields.map((field) => field.text) as [string, string, string, string, string, string, string];
        const sql = core.store.sqlite;
        sql.prepare('update users set first_name = ?, last_name = ? where id = ?').run(first, last, ids.user);
        sql.prepare('update users set first_name = ? where id = ?').run(admin, ids.admin);
        sql.prepare('update groups set name = ?, description = ? where id = ?').run(group, description, ids.group);
        sql.prepare('update org_units set name = ? where id = ?').run(unit, ids.unit);
        run += 1;

        const audit = join(core.dir, `audit-${run}.xlsx`);
        await writeAuditWorkbook({ storeFile: core.store.file, outputFile: audit, workspaceId: core.ctx.workspaceId, operatorLabel: operator }, () => undefined);
        const effective = join(core.dir, `effective-${run}.xlsx`);
        core.dialogs.nextExportPath = effective;
        await call(core, 'permissions.exportEffective', { userId: ids.user });
        const whoHas = join(core.dir, `who-${run}.xlsx`);
        core.dialogs.nextExportPath = whoHas;
        await call(core, 'permissions.exportWhoHas', { unitId: ids.unit, target: { kind: 'area', area: 'text', columnId: null } });

        const books = new Map([audit, effective, whoHas].map((file) => [file, readCells(file)]));
        for (const [file, cells] of books) {
          for (const [sheet, rows] of Object.entries(cells)) {
            for (const value of rows.flat()) if (typeof value === 'string') expect(startsLikeFormula(value), `${file} ${sheet}: ${JSON.stringify(value)}`).toBe(false);
          }
        }
        // The fields from user data were written, on the Summary sheets too.
        const summaryValue = (file: string, item: string) => String(books.get(file)?.Summary?.find((row) => row[0] === item)?.[1]);
        expect(summaryValue(audit, 'Generated by')).toContain(fields[5]!.sign);
        expect(summaryValue(effective, 'User')).toContain(fields[0]!.sign);
        expect(summaryValue(whoHas, 'Unit')).toContain(fields[4]!.sign);
      }),
      { numRuns: 6 },
    );
  }, 180_000);
});
