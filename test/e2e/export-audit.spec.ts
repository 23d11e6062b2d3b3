import { join } from 'node:path';
import { readWorkbook } from '../support/xlsx';
import { expect, test } from './fixtures';
import { StartPage } from './pages/StartPage';
import { UsersGroupsPage } from './pages/UsersGroupsPage';

test('export writes the audit workbook in the background; an independent reader finds every sheet and row', async ({ app }) => {
  await new StartPage(app.page).openDemo();
  const screen = new UsersGroupsPage(app.page);
  await screen.showDeactivated();
  await expect(app.page.getByTestId('users-total')).toContainText(/of \d+/);
  const totalText = await app.page.getByTestId('users-total').innerText();
  const userTotal = Number(/of ([\d,]+)/.exec(totalText)?.[1]?.replace(/,/g, ''));
  // The group list is virtualised: only the groups in view are in the page, so ask the contract for all.
  const groups = await app.seed.call('groups.list', { search: '' });
  await expect(app.page.getByTestId('groups-total')).toHaveText(String(groups.length));
  const memberships = groups.reduce((sum, group) => sum + group.memberCount, 0);

  const file = join(app.dir, 'audit.xlsx');
  await app.answerSaveDialog(file);
  await app.page.getByTestId('export-button').click();
  await expect(screen.snackbar()).toContainText('Audit workbook saved', { timeout: 30_000 });

  const book = readWorkbook(file);
  expect(book.sheets).toEqual(['Summary', 'Users', 'Groups', 'Memberships', 'Audit log', 'Effective permissions']);
  expect(book.detail.Users?.header.slice(0, 4)).toEqual(['User ID', 'Username', 'First name', 'Last name']);
  expect(book.detail.Groups?.header.slice(0, 2)).toEqual(['Group ID', 'Name']);
  expect(book.detail.Memberships?.header.slice(0, 2)).toEqual(['Group', 'Username']);
  expect(book.detail['Audit log']?.header.slice(0, 4)).toEqual(['Entry', 'Time', 'Operator', 'Action']);
  expect(book.detail.Users?.rows).toBe(userTotal + 1);
  expect(book.detail.Groups?.rows).toBe(groups.length + 1);
  expect(book.detail.Memberships?.rows).toBe(memberships + 1);
  expect(book.detail['Audit log']?.rows).toBeGreaterThan(1);
  for (const name of book.sheets) expect(book.detail[name]?.frozen, name).toBe('A2');
});

test('the audit log lists changes and verifies its chain', async ({ app }) => {
  await new StartPage(app.page).openDemo();
  const screen = new UsersGroupsPage(app.page);
  await app.page.getByTestId('nav-audit').click();
  await expect(app.page.getByTestId('audit-table')).toContainText('Demo Administrator opened the demo workspace');
  await app.page.getByTestId('audit-verify').click();
  await expect(app.page.getByTestId('audit-verify-result')).toContainText(/intact/i);
  await screen.expectAccessible('audit log');
  await screen.screenshot('06-audit-log');
});
