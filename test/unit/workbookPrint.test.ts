/**
 * Every workbook AccessDesk writes is a printed record an auditor can read: each sheet prints landscape, as wide
 * as one page, with its header row on every page, in a named font with a filled header, and says that its times
 * are UTC. Read back with openpyxl, an independent reader.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { writeAuditWorkbook } from '../../electron/jobs/auditWorkbook';
import { templateSettings } from '../../shared/domain/groupTemplates';
import { createTestCore, jobEnd, type TestCore } from '../support/core';
import { call, newUser, setUpAdmin } from '../support/operators';
import { readCells, readWorkbook, type SheetSummary } from '../support/xlsx';

let core: TestCore;
beforeEach(async () => {
  core = await createTestCore();
  await setUpAdmin(core);
});
afterEach(async () => core.dispose());

/** A small organisation whose every sheet has rows: units, groups granting access, members, audit entries. */
async function arrange() {
  const org = await call(core, 'orgUnits.create', { parentId: null, name: 'Organisation' });
  const sales = await call(core, 'orgUnits.create', { parentId: org.id, name: 'Sales' });
  const readers = await call(core, 'groups.create', { name: 'Readers', description: 'Read access to every unit', settings: templateSettings('read_all_units') });
  const users = [];
  for (let i = 0; i < 3; i += 1) users.push(await call(core, 'users.create', newUser({ departmentId: sales.id })));
  await call(core, 'memberships.add', { groupId: readers.id, userIds: users.map((user) => user.id) });
  // An administrator also holds report permissions, so the Report permissions sheet has rows too.
  const admins = await call(core, 'groups.create', { name: 'Administrators', settings: templateSettings('global_administrator') });
  await call(core, 'memberships.add', { groupId: admins.id, userIds: [users[0]!.id] });
  return { sales, user: users[0]! };
}

async function exportAll(): Promise<Record<string, string>> {
  const { sales, user } = await arrange();
  const audit = join(core.dir, 'audit.xlsx');
  core.dialogs.nextExportPath = audit;
  const { jobId } = await call(core, 'exports.start', {});
  expect(await jobEnd(core, jobId ?? '')).toMatchObject({ type: 'job.finished' });
  const effective = join(core.dir, 'effective.xlsx');
  core.dialogs.nextExportPath = effective;
  await call(core, 'permissions.exportEffective', { userId: user.id });
  const whoHas = join(core.dir, 'who.xlsx');
  core.dialogs.nextExportPath = whoHas;
  await call(core, 'permissions.exportWhoHas', { unitId: sales.id, target: { kind: 'area', area: 'text', columnId: null } });
  return { audit, effective, whoHas };
}

/** Column widths add up to what a landscape page shows at a readable size once fitted to its width. */
const READABLE_TOTAL_WIDTH = 220;

function expectPrintable(sheet: SheetSummary, name: string) {
  expect(sheet.print, name).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, titleRows: '$1:$1' });
  expect(sheet.frozen, name).toBe('A2');
  expect(sheet.autoFilter, name).toMatch(/^A1:[A-Z]+1$/);
  expect(sheet.headerFonts.length, name).toBe(sheet.header.length);
  for (const font of sheet.headerFonts) expect(font, name).toEqual({ name: 'Arial', size: 10, bold: true });
  for (const fill of sheet.headerFills) expect(fill.type === 'solid' && /^[0-9A-F]{8}$/.test(fill.color ?? ''), name).toBe(true);
  expect(sheet.bodyFonts.length, `${name} has data rows`).toBeGreaterThan(0);
  for (const font of sheet.bodyFonts) expect(font, name).toBe('Arial');
  const total = Object.values(sheet.widths).reduce((sum, width) => sum + width, 0);
  expect(total, name).toBeLessThanOrEqual(READABLE_TOTAL_WIDTH);
  expect(sheet.print.header.right, name).toBe('&A');
  expect(sheet.print.footer.right, name).toBe('Page &P of &N');
  expect(sheet.print.footer.left, name).toMatch(/^Generated \d{4}-\d\d-\d\d \d\d:\d\d UTC\. All times UTC\.$/);
}

describe('printed workbooks', () => {
  test('every sheet of every workbook prints landscape, one page wide, with its filled Arial header row on every page', async () => {
    const files = await exportAll();
    const audit = readWorkbook(files.audit!);
    expect(audit.sheets).toEqual(expect.arrayContaining(['Summary', 'Users', 'Groups', 'Memberships', 'Audit log', 'Effective permissions']));
    for (const name of audit.sheets) expectPrintable(audit.detail[name]!, `audit workbook: ${name}`);
    expect(audit.detail.Summary?.print.header.left).toBe('AccessDesk audit workbook');

    const effective = readWorkbook(files.effective!);
    expect(effective.sheets).toEqual(['Effective permissions', 'Report permissions', 'Summary']);
    for (const name of effective.sheets) expectPrintable(effective.detail[name]!, `effective permissions workbook: ${name}`);

    const whoHas = readWorkbook(files.whoHas!);
    expect(whoHas.sheets).toEqual(['Who has access', 'Summary']);
    for (const name of whoHas.sheets) expectPrintable(whoHas.detail[name]!, `who-has-access workbook: ${name}`);
    expect(whoHas.detail.Summary?.print.header.left).toBe('Who has access at Organisation / Sales');
  });

  test('a row of wrapped text is as tall as its lines, so no reader clips it on paper', async () => {
    const files = await exportAll();
    const sheet = readWorkbook(files.effective!).detail['Effective permissions']!;
    const rows = readCells(files.effective!)['Effective permissions'] ?? [];
    const why = sheet.header.indexOf('Why');
    const tall = rows.flatMap((row, index) => {
      const lines = String(row[why] ?? '').split('\n').length;
      return index > 0 && lines > 1 ? [{ row: index + 1, lines }] : [];
    });
    expect(tall.length).toBeGreaterThan(0);
    // Arial 10 takes 12.75 points a line.
    for (const { row, lines } of tall) expect(sheet.rowHeights[String(row)] ?? 0, `row ${row}`).toBeGreaterThanOrEqual(lines * 12.75);
  });

  test('each Summary sheet says its times are UTC', async () => {
    const files = await exportAll();
    for (const file of Object.values(files)) {
      const summary = readCells(file).Summary ?? [];
      const zone = summary.find((row) => row[0] === 'Time zone');
      expect(zone?.[1], file).toMatch(/\bUTC\b/);
    }
  });

  test('the times written are the UTC times of the store, whatever the time zone of the machine', async () => {
    await arrange();
    const zone = process.env.TZ;
    // Chatham Islands: +13:45, so a time written in the machine's zone could not pass for UTC.
    process.env.TZ = 'Pacific/Chatham';
    const file = join(core.dir, 'zoned.xlsx');
    const before = Date.now();
    try {
      expect(new Date(Date.UTC(2026, 0, 1)).getTimezoneOffset()).not.toBe(0);
      await writeAuditWorkbook({ storeFile: core.store.file, outputFile: file, workspaceId: core.ctx.workspaceId, operatorLabel: 'Ada Admin (ada)' }, () => undefined);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
    const after = Date.now();
    const cells = readCells(file);
    /** openpyxl reads a date without a zone; read as UTC it is the instant written, give or take float rounding. */
    const instant = (value: unknown) => Date.parse(`${String(value)}Z`);

    const generated = instant(cells.Summary?.find((row) => row[0] === 'Generated at')?.[1]);
    expect(generated).toBeGreaterThanOrEqual(before - 1);
    expect(generated).toBeLessThanOrEqual(after + 1);

    const stored = core.store.sqlite.prepare('select id, at from audit_log order by id').all() as { id: number; at: string }[];
    const written = new Map((cells['Audit log'] ?? []).slice(1).map((row) => [row[0], instant(row[1])]));
    expect(stored.length).toBeGreaterThan(0);
    for (const entry of stored) expect(Math.abs((written.get(entry.id) ?? Number.NaN) - Date.parse(entry.at)), `entry #${entry.id}`).toBeLessThan(1);
  });
});
