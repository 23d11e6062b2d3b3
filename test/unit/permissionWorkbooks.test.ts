import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { templateSettings } from '../../shared/domain/groupTemplates';
import { createTestCore, type TestCore } from '../support/core';
import { call, newUser, setUpAdmin } from '../support/operators';
import { readWorkbook, type WorkbookSummary } from '../support/xlsx';

let core: TestCore;
beforeEach(async () => {
  core = await createTestCore();
  await setUpAdmin(core);
});
afterEach(async () => core.dispose());

/** A tree whose names look like formulas, and a reader and an administrator placed in it. */
async function arrange() {
  const org = await call(core, 'orgUnits.create', { parentId: null, name: '=Org' });
  const sales = await call(core, 'orgUnits.create', { parentId: org.id, name: '+Sales' });
  await call(core, 'orgUnits.create', { parentId: sales.id, name: '＝North' });
  const readers = await call(core, 'groups.create', { name: '@Readers', settings: templateSettings('read_all_units') });
  const admins = await call(core, 'groups.create', { name: 'Global admins', settings: templateSettings('global_administrator') });
  const reader = await call(core, 'users.create', newUser({ firstName: '-Rita', lastName: 'Reader', departmentId: sales.id }));
  const admin = await call(core, 'users.create', newUser({ firstName: 'Adam', lastName: 'Admin' }));
  await call(core, 'memberships.add', { groupId: readers.id, userIds: [reader.id] });
  await call(core, 'memberships.add', { groupId: admins.id, userIds: [admin.id] });
  return { org, sales, reader, admin };
}

function expectTidySheets(book: WorkbookSummary) {
  for (const name of book.sheets) {
    const sheet = book.detail[name]!;
    expect(sheet.frozen, name).toBe('A2');
    expect(sheet.headerBold, name).toBe(true);
    expect(sheet.autoFilter, name).toMatch(/^A1:[A-Z]+1$/);
    expect(Object.keys(sheet.widths).length, name).toBeGreaterThan(0);
  }
  // Formula-like text is kept behind the apostrophe that marks it as text; none is left to evaluate.
  expect(book.formulaLike).toEqual([]);
}

describe('the effective permissions workbook', () => {
  test('one row per unit and area with level and reasons, report permissions and a summary, formulas guarded', async () => {
    const { reader } = await arrange();
    const file = join(core.dir, 'effective.xlsx');
    core.dialogs.nextExportPath = file;
    const exported = await call(core, 'permissions.exportEffective', { userId: reader.id });
    expect(exported.fileName).toBe('effective.xlsx');

    const book = readWorkbook(file);
    expect(book.sheets).toEqual(['Effective permissions', 'Report permissions', 'Summary']);
    expect(book.detail['Effective permissions']?.header).toEqual(['Unit', 'Visible', 'Area', 'Scorecard column', 'Level', 'Why']);
    // Three units × three areas × (the general permission and each scorecard column).
    const view = await call(core, 'permissions.effective', { userId: reader.id });
    expect(view.cells.length).toBe(3 * 3 * (1 + view.columns.length));
    expect(book.detail['Effective permissions']?.rows).toBe(1 + view.cells.length);
    expect(exported.rows).toBe(view.cells.length + view.reports.length);
    expectTidySheets(book);
    const guarded = book.guarded.map((cell) => cell.value);
    expect(guarded).toEqual(expect.arrayContaining(["'=Org", "'=Org / +Sales", "'=Org / +Sales / ＝North"]));
    expect(guarded.some((value) => value.startsWith("'-Rita Reader"))).toBe(true);
  });

  test('the unit and area filters narrow the export like the view', async () => {
    const { sales, admin } = await arrange();
    const file = join(core.dir, 'filtered.xlsx');
    core.dialogs.nextExportPath = file;
    const exported = await call(core, 'permissions.exportEffective', { userId: admin.id, unitId: sales.id, areas: ['measure'] });
    const book = readWorkbook(file);
    // Sales and North, measure only (general and per column); the administrator's nine report permissions on both.
    const columns = (await call(core, 'permissions.effective', { userId: admin.id })).columns.length;
    expect(book.detail['Effective permissions']?.rows).toBe(1 + 2 * (1 + columns));
    expect(book.detail['Report permissions']?.rows).toBe(1 + 2 * 9);
    expect(exported.rows).toBe(2 * (1 + columns) + 2 * 9);
  });

  test('closing the save dialog writes nothing', async () => {
    const { reader } = await arrange();
    core.dialogs.nextExportPath = null;
    expect(await call(core, 'permissions.exportEffective', { userId: reader.id })).toEqual({ fileName: null, rows: 0 });
  });
});

describe('the who-has-access workbook', () => {
  test('every holder on one sheet, whatever the page size on screen, and the question in the summary', async () => {
    const { sales } = await arrange();
    const file = join(core.dir, 'who.xlsx');
    core.dialogs.nextExportPath = file;
    const exported = await call(core, 'permissions.exportWhoHas', { unitId: sales.id, target: { kind: 'area', area: 'text', columnId: null } });
    expect(exported).toEqual({ fileName: 'who.xlsx', rows: 2 });
    const book = readWorkbook(file);
    expect(book.sheets).toEqual(['Who has access', 'Summary']);
    expect(book.detail['Who has access']?.header).toEqual(['Name', 'Username', 'User type', 'Department', 'Level', 'Why']);
    expect(book.detail['Who has access']?.rows).toBe(1 + 2);
    expectTidySheets(book);
    expect(book.guarded.map((cell) => cell.value)).toEqual(expect.arrayContaining(["'=Org / +Sales"]));

    const filtered = join(core.dir, 'who-change.xlsx');
    core.dialogs.nextExportPath = filtered;
    const changers = await call(core, 'permissions.exportWhoHas', {
      unitId: sales.id,
      target: { kind: 'area', area: 'text', columnId: null },
      level: 'change',
    });
    expect(changers.rows).toBe(1);
  });
});
