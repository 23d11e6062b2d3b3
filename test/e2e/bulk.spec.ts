import { join } from 'node:path';
import { expect, test } from './fixtures';
import { BulkPage } from './pages/BulkPage';

test.beforeEach(async ({ app }) => {
  await app.seed.setup();
  const people = ['anna.berg', 'bo.dahl', 'cara.ek', 'dan.fors'];
  const made = await app.seed.users(
    people.map((username) => {
      const [first = '', last = ''] = username.split('.');
      const cap = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
      return { username, firstName: cap(first), lastName: cap(last), email: `${username}@example.com` };
    }),
  );
  const dan = made.find((user) => user.username === 'dan.fors');
  if (dan) await app.seed.call('users.setStatus', { userIds: [dan.id], status: 'deactivated' });
  await app.page.reload();
  await app.page.getByTestId('app-bar').waitFor();
});

test('bulk deactivate 3 users with the preview, then Undo', async ({ app }) => {
  const screen = new BulkPage(app.page);
  await screen.showDeactivated();
  await expect(app.page.getByTestId('bulk-actions-button')).toBeDisabled();

  for (const username of ['anna.berg', 'bo.dahl', 'cara.ek', 'dan.fors']) {
    await screen.userRow(username).getByTestId('user-row-checkbox').click();
  }
  await expect(app.page.getByTestId('users-selected-count')).toContainText('4 selected');
  await screen.chooseWithKeyboard('deactivate');
  await expect(screen.counts()).toContainText('3 to change');
  await expect(screen.counts()).toContainText('1 skipped');
  await expect(screen.counts()).toContainText('0 refused');
  await expect(screen.rows()).toHaveCount(4);
  await expect(screen.dialog()).toContainText('Anna Berg (anna.berg)');
  await expect(screen.dialog()).toContainText('Active → Deactivated');
  await expect(screen.dialog()).toContainText('Already deactivated');
  await expect(app.page.getByTestId('bulk-apply')).toHaveText('Apply to 3 users');
  await screen.screenshot('60-bulk-deactivate-preview');

  await screen.apply('Left the company');
  await expect(app.page.getByTestId('bulk-done')).toBeVisible();
  await expect(screen.counts()).toContainText('3 changed');
  await expect(screen.snackbar()).toContainText('Deactivate: done for 3 users; 1 skipped');
  await app.answerSaveDialog(join(app.dir, 'bulk-results.xlsx'));
  await app.page.getByTestId('bulk-save-results').click();
  await expect(app.page.getByTestId('bulk-saved')).toHaveText('Saved as bulk-results.xlsx');
  await screen.screenshot('61-bulk-deactivate-applied');
  await app.page.getByTestId('bulk-close').click();
  await expect(screen.dialog()).toBeHidden();
  for (const username of ['anna.berg', 'bo.dahl', 'cara.ek']) await expect(screen.userRow(username)).toContainText('Deactivated');
  await screen.screenshot('63-bulk-deactivate-list');

  await screen.snackbar().getByRole('button', { name: 'Undo' }).click();
  await expect(screen.snackbar()).toContainText('Undone: Deactivate');
  for (const username of ['anna.berg', 'bo.dahl', 'cara.ek']) await expect(screen.userRow(username)).toContainText('Active');
  await expect(screen.userRow('dan.fors')).toContainText('Deactivated');
});

test('a refused subject disables Apply and says who and why', async ({ app }) => {
  const screen = new BulkPage(app.page);
  await screen.userRow('ada').getByTestId('user-row-checkbox').click();
  await screen.userRow('anna.berg').getByTestId('user-row-checkbox').click();
  await screen.chooseWithKeyboard('deactivate');
  await expect(screen.counts()).toContainText('1 refused');
  await expect(app.page.getByTestId('bulk-apply')).toBeDisabled();
  await expect(app.page.getByTestId('bulk-refusal')).toContainText('You cannot deactivate your own account');
  await screen.screenshot('62-bulk-refused');
  await app.page.keyboard.press('Escape');
  await expect(screen.dialog()).toBeHidden();
  await expect(screen.userRow('anna.berg')).toContainText('Active');
});
