import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { ImportPage } from './pages/ImportPage';
import { UsersGroupsPage } from './pages/UsersGroupsPage';

test('import a CSV with one bad row: the dry run names it, apply creates the others, the list shows them', async ({ app }) => {
  await app.seed.setup();
  // As Excel saves "CSV UTF-8" in a Swedish locale: a BOM, semicolons and Swedish header names.
  const file = join(app.dir, 'nyanställda.csv');
  writeFileSync(
    file,
    '\ufeffAnvändarnamn;Förnamn;Efternamn;E-post;Användartyp\r\n' +
      'asa.lind;Åsa;Lind;asa.lind@example.com;Standard\r\n' +
      'bjorn.ek;Björn;Ek;bjorn.ek@example.com;Läsbehörighet\r\n' +
      'carl berg;Carl;Berg;carl.berg@example.com;Standard\r\n' +
      '"dana.ohlsson";"Dana";"Öhlsson; jr";dana@example.com;Admin\r\n',
  );
  await app.answerUserListToImport(file);
  const wizard = new ImportPage(app.page);
  await wizard.open();
  await expect(wizard.dialog()).toContainText('nyanställda.csv');
  expect(await wizard.mappedColumn('username')).toBe('Användarnamn');
  expect(await wizard.mappedColumn('email')).toBe('E-post');
  expect(await wizard.mappedColumn('department')).toBe('Not in the file');
  await expect(app.page.getByTestId('import-sample')).toContainText('Öhlsson; jr');
  await wizard.screenshot('55-import-mapping');
  await wizard.expectAccessible('import mapping');

  await wizard.runDryRun();
  await expect(app.page.getByTestId('import-counts')).toContainText('3 will be created');
  await expect(app.page.getByTestId('import-counts')).toContainText('1 error');
  await expect(wizard.row(4)).toContainText('Error');
  await expect(wizard.row(4)).toContainText('A username cannot contain a space (U+0020); found at character 5');
  await expect(wizard.row(2)).toContainText('Will be created');
  await wizard.screenshot('56-import-dry-run');
  await wizard.expectAccessible('import dry run');

  await app.page.getByTestId('import-reason').locator('input').fill('HR-2026-11');
  await wizard.apply();
  await expect(app.page.getByTestId('confirm-dialog')).toContainText('Åsa Lind (asa.lind), Björn Ek (bjorn.ek) and Dana Öhlsson; jr (dana.ohlsson)');
  await wizard.screenshot('57-import-confirm');
  await wizard.confirm();

  await expect(app.page.getByTestId('import-done')).toContainText('Created 3 users.');
  await expect(app.page.getByTestId('import-done')).toContainText('1 not imported because of errors');
  const results = join(app.dir, 'results.xlsx');
  await app.answerSaveDialog(results);
  await app.page.getByTestId('import-save-results').click();
  await expect(wizard.snackbar()).toContainText('Results saved: results.xlsx');
  await wizard.screenshot('58-import-done');
  await app.page.getByTestId('import-close').click();
  await expect(wizard.dialog()).toBeHidden();

  const users = new UsersGroupsPage(app.page);
  for (const username of ['asa.lind', 'bjorn.ek', 'dana.ohlsson']) await expect(users.userRow(username)).toBeVisible();
  await expect(users.userRow('carl berg')).toHaveCount(0);
  await users.screenshot('59-import-users-listed');

  const [entry] = (await app.seed.call('audit.list', { action: 'user.import' })).rows;
  expect(entry?.sentence).toMatch(/imported 3 users \(Åsa Lind, Björn Ek and 1 more\) from nyanställda\.csv$/);
  expect(entry?.reason).toBe('HR-2026-11');
});

test('a locked authentication mode greys out Import, saying why', async ({ app }) => {
  await app.seed.setup();
  await app.seed.call('settings.update', { authMode: 'directory' });
  const button = app.page.getByTestId('import-users-button');
  await expect(button).toBeDisabled();
  await button.locator('..').hover();
  const wizard = new ImportPage(app.page);
  await expect(wizard.shownTooltip()).toContainText('Directory-synced');
});
