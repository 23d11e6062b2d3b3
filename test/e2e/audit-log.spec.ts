import Database from 'better-sqlite3';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { AuditLogPage } from './pages/AuditLogPage';
import { UsersGroupsPage } from './pages/UsersGroupsPage';

test('the audit log filtered by a user shows their membership changes in words, and an entry opens in full', async ({ app }) => {
  await app.seed.setup();
  const [ben, carla, dan] = await app.seed.users([
    { username: 'ben', firstName: 'Ben', lastName: 'Andersen', email: 'ben@a.example' },
    { username: 'carla', firstName: 'Carla', lastName: 'Berg', email: 'carla@a.example' },
    { username: 'dan', firstName: 'Dan', lastName: 'Cole', email: 'dan@a.example' },
  ]);
  const planners = await app.seed.call('groups.create', { name: 'Planners' });
  await app.seed.call('memberships.add', { groupId: planners.id, userIds: [ben!.id, carla!.id, dan!.id], reason: 'CHG-1042' });
  await app.seed.call('memberships.remove', { groupId: planners.id, userIds: [ben!.id] });
  await app.seed.call('users.update', { id: carla!.id, firstName: 'Carla', lastName: 'Berg', email: 'carla@b.example' });

  const log = new AuditLogPage(app.page);
  await log.open();
  await expect(log.sentences().first()).toContainText("Ada Admin changed Carla Berg's email: carla@a.example → carla@b.example");

  await log.filterByTargetUser('Ander', 'Ben Andersen');
  await expect(log.sentences()).toHaveText([
    'Ada Admin removed Ben Andersen from Planners',
    'Ada Admin added Ben Andersen, Carla Berg and 1 more to Planners',
    'Ada Admin created user Ben Andersen',
  ]);
  await expect(app.page.getByTestId('audit-total')).toContainText('3 matching');

  await log.openEntry('Ada Admin added Ben Andersen, Carla Berg and 1 more to Planners');
  const detail = log.detail();
  await expect(detail.getByTestId('audit-detail-reason')).toHaveText('CHG-1042');
  await expect(detail.getByTestId('audit-detail-affected')).toContainText('Dan Cole (dan)');
  await expect(detail.getByTestId('audit-detail-affected')).toContainText('Ben Andersen (ben)');
  // The raw codes are there, folded away.
  await expect(detail.getByTestId('audit-detail-raw')).not.toHaveAttribute('open');
  await expect(detail.getByText('membership.add')).toBeHidden();
  await log.expectAccessible('audit log with an entry open');
  await log.screenshot('07-audit-log-filtered-detail');

  // The keyboard moves between entries; Escape closes the detail.
  await log.row(Number(await app.page.getByTestId('audit-row').nth(1).getAttribute('data-audit-id'))).click();
  await app.page.keyboard.press('ArrowUp');
  await expect(log.detail().getByTestId('audit-detail-sentence')).toHaveText('Ada Admin removed Ben Andersen from Planners');
  await app.page.keyboard.press('Escape');
  await expect(log.detail()).toBeHidden();

  await log.filterByText('no such words anywhere');
  await expect(app.page.getByTestId('audit-empty')).toContainText('No entries match these filters');
  await app.page.getByTestId('audit-empty-clear').click();
  await expect(log.sentences().first()).toContainText('Carla Berg');
});

test('verifying a store changed behind the app highlights the entry that was changed', async ({ app }) => {
  test.skip(app.target !== 'browser', 'the spec edits the store file the test host opened');
  await app.seed.setup();
  const [ben] = await app.seed.users([{ username: 'ben', firstName: 'Ben', lastName: 'Andersen', email: 'ben@a.example' }]);
  const planners = await app.seed.call('groups.create', { name: 'Planners' });
  await app.seed.call('memberships.add', { groupId: planners.id, userIds: [ben!.id] });
  await app.seed.call('groups.create', { name: 'Readers' });

  const raw = new Database(join(app.dir, 'store.sqlite'));
  const changed = raw.prepare("select id from audit_log where action = 'group.create' order by id limit 1").pluck().get() as number;
  raw.exec('drop trigger audit_log_refuse_update');
  raw.prepare("update audit_log set target_label = 'Someone else' where id = ?").run(changed);
  raw.close();

  const log = new AuditLogPage(app.page);
  await log.open();
  const result = await log.verify();
  await expect(result).toContainText(`Chain broken at entry #${changed}`);
  await expect(log.row(changed)).toHaveClass(/broken/);
  await expect(log.row(changed).getByTestId('audit-broken-mark')).toBeVisible();
  await expect(log.detail().getByTestId('audit-detail-sentence')).toBeVisible();
  await log.screenshot('08-audit-log-broken-entry');
});

test('a workbook exported from the app verifies against the log, and no longer does once an entry it records is changed', async ({ app }) => {
  await app.seed.setup();
  await app.seed.users(2);
  const file = join(app.dir, 'audit.xlsx');
  await app.answerSaveDialog(file);
  const screen = new UsersGroupsPage(app.page);
  await app.page.getByTestId('export-button').click();
  await expect(screen.snackbar()).toContainText('Audit workbook saved', { timeout: 30_000 });

  const log = new AuditLogPage(app.page);
  await log.open();
  await app.answerWorkbookToVerify(file);
  await app.page.getByTestId('audit-verify-workbook').click();
  await expect(app.page.getByTestId('audit-workbook-result')).toContainText('audit.xlsx: the');
  await expect(app.page.getByTestId('audit-workbook-result')).toContainText('still in the log, unchanged');
  await log.screenshot('09-audit-log-workbook-verified');

  test.skip(app.target !== 'browser', 'the rest edits the store file the test host opened');
  const raw = new Database(join(app.dir, 'store.sqlite'));
  raw.exec('drop trigger audit_log_refuse_update');
  raw.prepare("update audit_log set action = 'user.delete' where id = 2").run();
  raw.close();
  await app.page.getByTestId('audit-workbook-result').getByRole('button', { name: /dismiss/i }).click();
  await app.answerWorkbookToVerify(file);
  await app.page.getByTestId('audit-verify-workbook').click();
  await expect(app.page.getByTestId('audit-workbook-result')).toContainText('no longer holds what this workbook records');
});
