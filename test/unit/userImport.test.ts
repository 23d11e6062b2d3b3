/**
 * Importing users through the contract, as an operator would: open a file, map its columns, read the dry run,
 * apply, and re-import. Each bad row is named with its reason, and nothing is ever half-applied.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { ImportMapping, ImportOpened, ImportPreview } from '../../shared/contract';
import { createTestCore, type TestCore } from '../support/core';
import { call, callFailing, FIRST_ADMIN, setUpAdmin } from '../support/operators';

let core: TestCore;
beforeEach(async () => {
  core = await createTestCore();
  await setUpAdmin(core);
});
afterEach(async () => {
  await core.dispose();
});

const HEADER = 'username,first name,last name,email';

function csvFile(name: string, text: string): string {
  const file = join(core.dir, name);
  writeFileSync(file, text);
  return file;
}

async function open(file: string): Promise<ImportOpened> {
  core.dialogs.nextUserListToImport = file;
  const opened = await call(core, 'users.importOpen', {});
  if (!opened) throw new Error('the dialog answered nothing');
  return opened;
}

async function dryRun(file: string, mapping?: ImportMapping): Promise<ImportPreview> {
  const opened = await open(file);
  return call(core, 'users.importPreview', { importId: opened.importId, mapping: mapping ?? opened.mapping });
}

const outcomes = (preview: ImportPreview) => preview.rows.map((row) => [row.row, row.outcome, row.reason]);
const auditCount = () => core.store.sqlite.prepare('select count(*) from audit_log').pluck().get() as number;
const usernames = () => core.store.sqlite.prepare("select username from users where username != 'ada' order by id").pluck().all() as string[];

describe('the dry run', () => {
  test('opening a file shows its columns, first rows and the mapping its header names suggest', async () => {
    const opened = await open(csvFile('people.csv', '\ufeffAnvändarnamn;Förnamn;Efternamn;E-post;Avdelning\nanna;Anna;Ek;anna@example.com;\n'));
    expect(opened).toMatchObject({
      fileName: 'people.csv',
      format: 'csv',
      columns: ['Användarnamn', 'Förnamn', 'Efternamn', 'E-post', 'Avdelning'],
      sampleRows: [['anna', 'Anna', 'Ek', 'anna@example.com', '']],
      mapping: { username: 0, firstName: 1, lastName: 2, email: 3, userType: null, department: 4 },
    });
  });

  test('closing the dialog opens nothing', async () => {
    core.dialogs.nextUserListToImport = null;
    expect(await call(core, 'users.importOpen', {})).toBeNull();
  });

  test('a file that is not UTF-8 is a validation error naming the byte and line', async () => {
    core.dialogs.nextUserListToImport = join(core.dir, 'latin1.csv');
    writeFileSync(core.dialogs.nextUserListToImport, Buffer.from(`${HEADER}\nbjörn,Björn,Berg,b@example.com\n`, 'latin1'));
    const error = await callFailing(core, 'users.importOpen', {});
    expect(error.code).toBe('validation');
    expect(error.message).toMatch(/^The file is not UTF-8 text: byte 39 \(line 2\)/);
  });

  test('missing required columns are a validation error naming them', async () => {
    const opened = await open(csvFile('names.csv', 'username,first name\nanna,Anna\n'));
    const error = await callFailing(core, 'users.importPreview', { importId: opened.importId, mapping: opened.mapping });
    expect(error).toMatchObject({ code: 'validation', message: 'Choose a column for Last name, Email: they are required' });
  });

  test('each bad row is named with its reason, and nothing is written', async () => {
    await call(core, 'users.create', { username: 'taken', firstName: 'Tom', lastName: 'Taken', email: 'tom@example.com' });
    const sales = await call(core, 'orgUnits.create', { parentId: null, name: 'Sales' });
    const before = auditCount();
    const long = 'x'.repeat(51);
    const preview = await dryRun(
      csvFile(
        'mixed.csv',
        [
          `${HEADER},user type,department`,
          'good,Good,Row,good@example.com,Admin,Sales',
          `${long},Long,Name,long@example.com,,`,
          'has space,Bad,Name,space@example.com,,',
          'bademail,Bad,Email,not-an-email,,',
          'TAKEN,Tom,Again,other@example.com,,',
          'newbie,New,Bie,TOM@example.com,,',
          'guest,Guest,Type,guest@example.com,Guest,',
          'lost,Lost,Unit,lost@example.com,,Nowhere',
          '',
          'blank,,Name,blank@example.com,,',
        ].join('\n'),
      ),
    );
    expect(outcomes(preview)).toEqual([
      [2, 'create', ''],
      [3, 'error', 'A username has at most 50 characters'],
      [4, 'error', 'A username cannot contain a space (U+0020); found at character 4'],
      [5, 'error', 'Enter a valid email address, such as name@example.com'],
      [6, 'skipped', '"taken" already exists with a different last name and email; import never changes existing users'],
      [7, 'error', 'taken already has this email address'],
      [8, 'error', 'Unknown user type "Guest"; use Admin, Standard, Read-Only'],
      [9, 'error', 'Unknown department "Nowhere"'],
      [11, 'error', 'Enter a first name'],
    ]);
    expect(preview.counts).toEqual({ create: 1, unchanged: 0, skipped: 1, error: 7 });
    expect(preview.rows[0]).toMatchObject({ username: 'good', name: 'Good Row', email: 'good@example.com' });
    expect(usernames()).toEqual(['taken']);
    expect(auditCount()).toBe(before);
    expect(sales.id).toBeGreaterThan(0);
  });

  test('identities that differ only by case, accent encoding or full-width letters are duplicates within the file', async () => {
    const composed = 'jos\u00e9';
    const decomposed = 'jose\u0301';
    const preview = await dryRun(
      csvFile(
        'same.csv',
        [
          HEADER,
          'Ärger,Ä,One,a1@example.com',
          'ärger,Ä,Two,a2@example.com',
          `${composed},J,One,j1@example.com`,
          `${decomposed},J,Two,j2@example.com`,
          'ＡＮＮ,A,Wide,w1@example.com',
          'ann,A,Narrow,w2@example.com',
          'solo,S,Olo,W1@EXAMPLE.COM',
        ].join('\n'),
      ),
    );
    expect(outcomes(preview)).toEqual([
      [2, 'error', 'Same username as row 3'],
      [3, 'error', 'Same username as row 2'],
      [4, 'error', 'Same username as row 5'],
      [5, 'error', 'Same username as row 4'],
      [6, 'error', 'Same username as row 7; Same email as row 8'],
      [7, 'error', 'Same username as row 6'],
      [8, 'error', 'Same email as row 6'],
    ]);
  });

  test('a username that differs only by Unicode case from a stored one is that user', async () => {
    await call(core, 'users.create', { username: 'Ärger', firstName: 'Ä', lastName: 'Rger', email: 'arger@example.com' });
    await call(core, 'users.create', { username: 'jos\u00e9', firstName: 'José', lastName: 'Diaz', email: 'jose@example.com' });
    const preview = await dryRun(csvFile('store.csv', `${HEADER}\närger,Ä,Rger,arger@example.com\njose\u0301,José,Other,jose@example.com\n`));
    expect(outcomes(preview)).toEqual([
      [2, 'unchanged', ''],
      [3, 'skipped', '"josé" already exists with a different last name; import never changes existing users'],
    ]);
  });

  test('a username held by a deleted user is refused: their history keeps it', async () => {
    const gone = await call(core, 'users.create', { username: 'gone', firstName: 'G', lastName: 'One', email: 'gone@example.com' });
    await call(core, 'users.delete', { userIds: [gone.id] });
    const preview = await dryRun(csvFile('gone.csv', `${HEADER}\ngone,G,One,gone2@example.com\n`));
    expect(outcomes(preview)).toEqual([[2, 'error', 'The username "gone" belongs to a deleted user, whose history keeps it']]);
  });

  test('departments match by full path or by a unique name', async () => {
    const north = await call(core, 'orgUnits.create', { parentId: null, name: 'North' });
    const south = await call(core, 'orgUnits.create', { parentId: null, name: 'South' });
    await call(core, 'orgUnits.create', { parentId: north.id, name: 'Sales' });
    const southSales = await call(core, 'orgUnits.create', { parentId: south.id, name: 'Sales' });
    const preview = await dryRun(
      csvFile('units.csv', `${HEADER},department\na,A,A,a@example.com,sales\nb,B,B,b@example.com,south/sales\nc,C,C,c@example.com,north\n`),
    );
    expect(outcomes(preview)).toEqual([
      [2, 'error', '2 units are named "sales"; write the full path, such as "Parent / sales"'],
      [3, 'create', ''],
      [4, 'create', ''],
    ]);
    await call(core, 'users.importApply', { importId: preview.importId });
    const b = core.store.sqlite.prepare("select department_id from users where username = 'b'").pluck().get();
    expect(b).toBe(southSales.id);
  });
});

describe('apply', () => {
  test('writes the valid rows in one transaction with one audit entry naming each user; re-importing changes nothing', async () => {
    const file = csvFile('staff.csv', `${HEADER},user type\nanna,Anna,Ek,anna@example.com,Read-Only\nbad user,Bad,Row,bad@example.com,\nbo,Bo,Berg,bo@example.com,\n`);
    const preview = await dryRun(file);
    const before = auditCount();
    const applied = await call(core, 'users.importApply', { importId: preview.importId, reason: 'HR-42' });
    expect(applied).toEqual({ created: 2, counts: { create: 2, unchanged: 0, skipped: 0, error: 1 } });
    expect(auditCount()).toBe(before + 1);
    const users = await call(core, 'users.list', { search: '' });
    const anna = users.rows.find((user) => user.username === 'anna');
    expect(anna).toMatchObject({ userType: 'read_only', platformRole: 'none', sso: true, status: 'active' });
    const [entry] = (await call(core, 'audit.list', { action: 'user.import' })).rows;
    expect(entry).toMatchObject({ sentence: 'Ada Admin imported 2 users (Anna Ek and Bo Berg) from staff.csv', reason: 'HR-42' });

    const again = await dryRun(file);
    expect(again.counts).toEqual({ create: 0, unchanged: 2, skipped: 0, error: 1 });
    expect(await call(core, 'users.importApply', { importId: again.importId })).toMatchObject({ created: 0 });
    expect(auditCount()).toBe(before + 1);
  });

  test('a store error mid-way rolls everything back: no user and no audit entry', async () => {
    const rows = Array.from({ length: 1200 }, (_, index) => `u${index},U,${index},u${index}@example.com`);
    const preview = await dryRun(csvFile('big.csv', [HEADER, ...rows].join('\n')));
    expect(preview.counts.create).toBe(1200);
    core.store.sqlite.exec("create temp trigger refuse_u900 before insert on users when new.username = 'u900' begin select raise(abort, 'disk full'); end");
    const before = auditCount();
    // Straight to the handler: through dispatch the test core fails any unexpected (internal) error loudly.
    expect(() => core.handlers['users.importApply']({ importId: preview.importId })).toThrow('disk full');
    expect(usernames()).toEqual([]);
    expect(auditCount()).toBe(before);
  });

  test('a row taken by someone else since the dry run refuses the whole apply, naming it', async () => {
    const preview = await dryRun(csvFile('race.csv', `${HEADER}\nanna,Anna,Ek,anna@example.com\nbo,Bo,Berg,bo@example.com\n`));
    await call(core, 'users.create', { username: 'BO', firstName: 'Bo', lastName: 'Other', email: 'bo2@example.com' });
    const error = await callFailing(core, 'users.importApply', { importId: preview.importId });
    expect(error).toMatchObject({ code: 'conflict', message: 'The store changed since the dry run (username BO); run the dry run again' });
    expect(usernames()).toEqual(['BO']);
  });

  test('applying twice, or before a dry run, is refused', async () => {
    const file = csvFile('once.csv', `${HEADER}\nanna,Anna,Ek,anna@example.com\n`);
    const opened = await open(file);
    expect(await callFailing(core, 'users.importApply', { importId: opened.importId })).toMatchObject({ code: 'validation' });
    await call(core, 'users.importPreview', { importId: opened.importId, mapping: opened.mapping });
    await call(core, 'users.importApply', { importId: opened.importId });
    expect(await callFailing(core, 'users.importApply', { importId: opened.importId })).toMatchObject({ code: 'conflict' });
  });

  test('XLSX formula cells are imported as their text, never evaluated, and the results file keeps them as text', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('People');
    sheet.addRow(['Username', 'First name', 'Last name', 'Email']);
    sheet.addRow(['+cmd', { formula: 'HYPERLINK("http://evil.example","x")', result: 'x' }, 'Berg', 'cmd@example.com']);
    sheet.addRow(['plain', 'Plain', { formula: '1+1', result: 2 }, 'plain@example.com']);
    const file = join(core.dir, 'formulas.xlsx');
    await workbook.xlsx.writeFile(file);
    const preview = await dryRun(file);
    expect(outcomes(preview)).toEqual([[2, 'create', ''], [3, 'create', '']]);
    await call(core, 'users.importApply', { importId: preview.importId });
    const stored = core.store.sqlite.prepare("select username, first_name, last_name from users where username != 'ada' order by id").all();
    expect(stored).toEqual([
      { username: '+cmd', first_name: '=HYPERLINK("http://evil.example","x")', last_name: 'Berg' },
      { username: 'plain', first_name: 'Plain', last_name: '=1+1' },
    ]);

    core.dialogs.nextExportPath = join(core.dir, 'results.xlsx');
    expect(await call(core, 'users.importResults', { importId: preview.importId })).toEqual({ fileName: 'results.xlsx', rows: 2 });
    const results = new ExcelJS.Workbook();
    await results.xlsx.readFile(core.dialogs.nextExportPath);
    const resultSheet = results.getWorksheet('Import results');
    expect(resultSheet?.getRow(2).values).toEqual([undefined, 2, 'Created', "'+cmd", "'=HYPERLINK(\"http://evil.example\",\"x\") Berg", 'cmd@example.com']);
    expect(resultSheet?.getCell('C2').formula).toBeUndefined();
  });
});

describe('who may import', () => {
  test('a locked authentication mode refuses import, naming the mode', async () => {
    const file = csvFile('staff.csv', `${HEADER}\nanna,Anna,Ek,anna@example.com\n`);
    const opened = await open(file);
    await call(core, 'settings.update', { authMode: 'directory' });
    core.dialogs.nextUserListToImport = file;
    const refusals = [
      await callFailing(core, 'users.importOpen', {}),
      await callFailing(core, 'users.importPreview', { importId: opened.importId, mapping: opened.mapping }),
      await callFailing(core, 'users.importApply', { importId: opened.importId }),
    ];
    for (const refusal of refusals) expect(refusal).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/Directory/) });
  });

  test('a User Provisioner imports users, who get no platform role', async () => {
    await call(core, 'users.create', { username: 'pat', firstName: 'Pat', lastName: 'Prov', email: 'pat@example.com', platformRole: 'provisioner', sso: false, password: 'provisioner pass', passwordConfirm: 'provisioner pass' });
    await call(core, 'session.signOut', {});
    await call(core, 'session.signIn', { username: 'pat', password: 'provisioner pass' });
    const preview = await dryRun(csvFile('staff.csv', `${HEADER}\nanna,Anna,Ek,anna@example.com\n`));
    await call(core, 'users.importApply', { importId: preview.importId });
    const roles = core.store.sqlite.prepare("select platform_role from users where username = 'anna'").pluck().all();
    expect(roles).toEqual(['none']);
  });

  test('another operator cannot use an import someone else opened', async () => {
    const preview = await dryRun(csvFile('staff.csv', `${HEADER}\nanna,Anna,Ek,anna@example.com\n`));
    await call(core, 'users.create', { username: 'una', firstName: 'Una', lastName: 'Admin', email: 'una@example.com', platformRole: 'user_admin', sso: false, password: 'user admin pass', passwordConfirm: 'user admin pass' });
    await call(core, 'session.signOut', {});
    await call(core, 'session.signIn', { username: 'una', password: 'user admin pass' });
    expect(await callFailing(core, 'users.importApply', { importId: preview.importId })).toMatchObject({ code: 'not_found' });
    await call(core, 'session.signOut', {});
    await call(core, 'session.signIn', { username: FIRST_ADMIN.username, password: FIRST_ADMIN.password });
  });
});
