import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { orgUnitNodes, scorecardColumnsOf } from '../../electron/db/repos/permissionInputs';
import { today } from '../../electron/db/time';
import { CAPPED_LEVEL_TEXT, writeAuditWorkbook } from '../../electron/jobs/auditWorkbook';
import { cellValue } from '../../electron/jobs/cellText';
import { compactRows, type PermissionGroupInput } from '../../shared/domain/effectivePermissions';
import { GROUP_TEMPLATES, type GroupTemplateKey } from '../../shared/domain/groupTemplates';
import { OrgTree } from '../../shared/domain/orgTree';
import { AREA_LABELS, WORK_LEVEL_LABELS, defaultGroupSettings, type GroupSettings } from '../../shared/domain/permissionModel';
import { USER_TYPE_LABELS, type UserType } from '../../shared/domain/users';
import { createTestCore, jobEnd, type TestCore } from '../support/core';
import { call, callFailing, newUser, setUpAdmin } from '../support/operators';
import { readWorkbook } from '../support/xlsx';

let core: TestCore;
beforeEach(async () => {
  core = await createTestCore();
  await setUpAdmin(core);
});
afterEach(async () => core.dispose());

describe('the audit workbook', () => {
  test('a store tampered with characters XML cannot hold still exports a workbook an independent reader opens', async () => {
    const user = await call(core, 'users.create', newUser({ lastName: 'Tampered' }));
    // Written around the contract, as a damaged or hand-edited store would hold it.
    core.store.sqlite.prepare('update users set first_name = ?, last_name = ? where id = ?').run('Bell\u0007Null\u0000', 'Half\ud800Pair\uffff', user.id);
    const file = join(core.dir, 'tampered.xlsx');
    core.dialogs.nextExportPath = file;
    const { jobId } = await call(core, 'exports.start', {});
    expect(await jobEnd(core, jobId ?? '')).toMatchObject({ type: 'job.finished' });
    const book = readWorkbook(file);
    expect(book.detail.Users?.rows).toBe(1 + 2);
  });


  test('has every sheet with a frozen bold filtered header, real dates, and formula-like text stored as text', async () => {
    const evil = await call(core, 'users.create', newUser({ firstName: '=HYPERLINK("http://x","click")', lastName: '+1-2', email: 'evil@example.com' }));
    const group = await call(core, 'groups.create', { name: '@Planners', description: '-the plan' });
    await call(core, 'memberships.add', { groupId: group.id, userIds: [evil.id] });
    const file = join(core.dir, 'audit.xlsx');
    core.dialogs.nextExportPath = file;
    const { jobId } = await call(core, 'exports.start', {});
    expect(jobId).toBeTruthy();
    const end = await jobEnd(core, jobId ?? '');
    expect(end).toMatchObject({ type: 'job.finished', fileName: 'audit.xlsx' });

    const book = readWorkbook(file);
    expect(book.sheets).toEqual(['Summary', 'Users', 'Groups', 'Memberships', 'Audit log', 'Effective permissions']);
    const auditEntries = core.store.sqlite.prepare('select count(*) from audit_log').pluck().get() as number;
    expect(book.detail.Users?.rows).toBe(1 + 2);
    expect(book.detail.Groups?.rows).toBe(1 + 1);
    expect(book.detail.Memberships?.rows).toBe(1 + 1);
    expect(book.detail['Audit log']?.rows).toBe(1 + auditEntries);
    expect(book.detail.Users?.header.slice(0, 5)).toEqual(['User ID', 'Username', 'First name', 'Last name', 'Email']);
    for (const name of book.sheets) {
      const sheet = book.detail[name]!;
      expect(sheet.frozen, name).toBe('A2');
      expect(sheet.headerBold, name).toBe(true);
      expect(sheet.autoFilter, name).toMatch(/^A1:[A-Z]+1$/);
      expect(Object.keys(sheet.widths).length, name).toBeGreaterThan(0);
    }
    expect(book.dateCells.Users).toBeTruthy();
    expect(book.dateCells['Audit log']).toBeTruthy();
    // Formula-like text is kept, behind the apostrophe that marks it as text.
    expect(book.formulaLike).toEqual([]);
    const guarded = book.guarded.map((cell) => cell.value);
    expect(guarded).toEqual(expect.arrayContaining([`'=HYPERLINK("http://x","click")`, "'+1-2", "'@Planners", "'-the plan"]));
  });

  test('the Effective permissions sheet holds the engine\'s compact rows for every live user, read back by openpyxl', async () => {
    const top = await call(core, 'orgUnits.create', { parentId: null, name: 'Organisation' });
    const sales = await call(core, 'orgUnits.create', { parentId: top.id, name: 'Sales' });
    await call(core, 'orgUnits.create', { parentId: sales.id, name: 'Nordic' });
    const [column] = scorecardColumnsOf(core.store.db, core.ctx.workspaceId);
    if (!column) throw new Error('the store has no scorecard columns');

    const fromTemplate = async (key: GroupTemplateKey) => {
      const template = GROUP_TEMPLATES.find((t) => t.key === key);
      if (!template) throw new Error(`no template ${key}`);
      return call(core, 'groups.create', { name: template.name, settings: template.settings });
    };
    const managers = await fromTemplate('create_and_modify_my_unit');
    const readers = await fromTemplate('read_all_units');
    const admins = await fromTemplate('global_administrator');
    const columnSettings: GroupSettings = {
      ...defaultGroupSettings(),
      visibleUnits: { all: true },
      workGrants: [{ scope: 'mine_underlying_and_one_up', level: 'comment', area: 'measure' }],
      columnGrants: [{ scope: 'mine_and_underlying', level: 'change', area: 'text', columnId: column.id }],
    };
    const planners = await call(core, 'groups.create', { name: '=Planners', settings: columnSettings });

    const manager = await call(core, 'users.create', newUser({ firstName: 'Mona', lastName: 'Manager', departmentId: sales.id }));
    const reader = await call(core, 'users.create', newUser({ firstName: 'Rolf', lastName: 'Reader', userType: 'read_only', departmentId: top.id }));
    const ended = await call(core, 'users.create', newUser({ firstName: 'Enid', lastName: 'Ended', departmentId: sales.id }));
    const deleted = await call(core, 'users.create', newUser({ firstName: 'Del', lastName: 'Eted' }));
    await call(core, 'memberships.add', { groupId: managers.id, userIds: [manager.id, ended.id] });
    await call(core, 'memberships.add', { groupId: planners.id, userIds: [manager.id] });
    await call(core, 'memberships.add', { groupId: admins.id, userIds: [reader.id, deleted.id] });
    await call(core, 'memberships.add', { groupId: readers.id, userIds: [ended.id] });
    // A membership that ended today no longer counts; a deleted user has no rows.
    core.store.sqlite.prepare('update memberships set ends_on = ? where user_id = ? and group_id = ?').run(today(), ended.id, managers.id);
    await call(core, 'users.delete', { userIds: [deleted.id] });

    const file = join(core.dir, 'effective.xlsx');
    core.dialogs.nextExportPath = file;
    const { jobId } = await call(core, 'exports.start', {});
    expect(await jobEnd(core, jobId ?? '')).toMatchObject({ type: 'job.finished' });

    const book = readWorkbook(file);
    const sheet = book.detail['Effective permissions'];
    expect(sheet?.header).toEqual(['User', 'Username', 'User type', 'Department', 'Unit (path)', 'Includes subtree', 'Area or column', 'Level', 'Group', 'Reason']);
    expect(sheet?.frozen).toBe('A2');
    expect(sheet?.headerBold).toBe(true);
    expect(sheet?.autoFilter).toBe('A1:J1');
    // The group name that looks like a formula is guarded as text.
    expect(book.guarded.filter((cell) => cell.sheet === 'Effective permissions' && cell.value === "'=Planners").length).toBeGreaterThan(0);
    expect(book.formulaLike).toEqual([]);

    const tree = new OrgTree(orgUnitNodes(core.store.db, core.ctx.workspaceId));
    const columns = scorecardColumnsOf(core.store.db, core.ctx.workspaceId);
    const settingsOf = (id: number) => JSON.parse(core.store.sqlite.prepare('select settings from groups where id = ?').pluck().get(id) as string) as GroupSettings;
    const expectedRows = (
      user: { firstName: string; lastName: string; username: string },
      userType: UserType,
      departmentId: number,
      groups: { id: number; name: string }[],
    ) => {
      const input: PermissionGroupInput[] = groups.map((g, i) => ({ id: g.id, name: g.name, membership: i === 0 ? 'main' : 'extra', settings: settingsOf(g.id) }));
      return compactRows({ tree, columns, user: { departmentId, userType }, groups: input }).map((row) => [
        `${user.firstName} ${user.lastName}`,
        user.username,
        USER_TYPE_LABELS[userType],
        tree.pathOf(departmentId),
        tree.pathOf(row.unitId),
        row.includesSubtree ? 'Yes' : 'No',
        row.columnId === null ? AREA_LABELS[row.area] : `${AREA_LABELS[row.area]} · ${columns.find((c) => c.id === row.columnId)?.name}`,
        row.level === null ? CAPPED_LEVEL_TEXT : WORK_LEVEL_LABELS[row.level],
        cellValue(row.groupName),
        cellValue(row.reason),
      ]);
    };
    const managerRows = expectedRows(manager, 'standard', sales.id, [managers, planners]);
    const readerRows = expectedRows(reader, 'read_only', top.id, [admins]);
    const endedRows = expectedRows(ended, 'standard', sales.id, [readers]);
    // The engine's own figures: the template's one grant on Sales alone, the planners' measure grant on
    // Organisation and Sales and below, their column grant on Sales and below; the cap on the reader.
    expect(managerRows.map((row) => row.slice(4, 8))).toEqual(
      expect.arrayContaining([
        ['Organisation / Sales', 'No', 'All areas', 'Create and delete'],
        ['Organisation', 'No', 'Measure', 'Comment'],
        ['Organisation / Sales', 'Yes', `Text · ${column.name}`, 'Change'],
      ]),
    );
    expect(readerRows.every((row) => row[7] === CAPPED_LEVEL_TEXT)).toBe(true);

    const written = readSheetRows(file, 'Effective permissions');
    const byUser = (username: string) => written.filter((row) => row[1] === username);
    expect(byUser(manager.username)).toEqual(managerRows);
    expect(byUser(reader.username)).toEqual(readerRows);
    expect(byUser(ended.username)).toEqual(endedRows);
    expect(byUser(deleted.username)).toEqual([]);
    expect(written).toHaveLength(managerRows.length + readerRows.length + endedRows.length);
  });

  test('a sheet past its row limit continues on numbered sheets with the same header', async () => {
    const group = await call(core, 'groups.create', { name: 'Everyone reads', settings: GROUP_TEMPLATES.find((t) => t.key === 'read_all_units')?.settings });
    await call(core, 'orgUnits.create', { parentId: null, name: 'Organisation' });
    const users = [];
    for (let i = 0; i < 5; i += 1) users.push(await call(core, 'users.create', newUser()));
    await call(core, 'memberships.add', { groupId: group.id, userIds: users.map((user) => user.id) });
    const file = join(core.dir, 'split.xlsx');
    await writeAuditWorkbook(
      { storeFile: core.store.file, outputFile: file, workspaceId: core.ctx.workspaceId, operatorLabel: 'Test' },
      () => undefined,
      { rowsPerSheet: 2 },
    );
    const book = readWorkbook(file);
    expect(book.sheets.filter((name) => name.startsWith('Effective permissions'))).toEqual([
      'Effective permissions',
      'Effective permissions 2',
      'Effective permissions 3',
    ]);
    expect(book.sheets.filter((name) => name.startsWith('Memberships'))).toEqual(['Memberships', 'Memberships 2', 'Memberships 3']);
    for (const name of ['Effective permissions', 'Effective permissions 2', 'Effective permissions 3']) {
      const sheet = book.detail[name]!;
      expect(sheet.header[0], name).toBe('User');
      expect(sheet.frozen, name).toBe('A2');
      expect(sheet.autoFilter, name).toBe('A1:J1');
    }
    const rows = ['Effective permissions', 'Effective permissions 2', 'Effective permissions 3'].flatMap((name) => readSheetRows(file, name));
    expect(rows.map((row) => row[1]).sort()).toEqual(users.map((user) => user.username).sort());
  });

  test('closing the save dialog starts nothing', async () => {
    core.dialogs.nextExportPath = null;
    expect(await call(core, 'exports.start', {})).toEqual({ jobId: null });
  });

  test('cancel stops the job and leaves no file behind', async () => {
    for (let i = 0; i < 30; i += 1) await call(core, 'users.create', newUser());
    core.dialogs.nextExportPath = join(core.dir, 'cancelled.xlsx');
    const { jobId } = await call(core, 'exports.start', {});
    await call(core, 'exports.cancel', { jobId: jobId ?? '' });
    const end = await jobEnd(core, jobId ?? '');
    expect(end).toMatchObject({ type: 'job.failed', error: { code: 'cancelled' } });
    expect(existsSync(join(core.dir, 'cancelled.xlsx'))).toBe(false);
    expect(readdirSync(core.dir).filter((name) => name.includes('partial'))).toEqual([]);
    expect((await callFailing(core, 'exports.cancel', { jobId: jobId ?? '' })).code).toBe('not_found');
  });
});

/** The data rows of one sheet as openpyxl reads them (empty cells as ''). */
function readSheetRows(file: string, sheet: string): string[][] {
  const script = String.raw`
import json, sys
import openpyxl
ws = openpyxl.load_workbook(sys.argv[1], read_only=True)[sys.argv[2]]
print(json.dumps([["" if v is None else v for v in row] for row in ws.iter_rows(min_row=2, values_only=True)]))
`;
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, file, sheet], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })) as string[][];
}
