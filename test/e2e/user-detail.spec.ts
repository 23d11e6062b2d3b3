import { expect, test } from './fixtures';
import { field } from './pages/AppPage';
import { UserDetailPage } from './pages/UserDetailPage';

test.beforeEach(async ({ app }) => {
  await app.seed.setup();
  const [anna] = await app.seed.users([
    { username: 'anna.berg', firstName: 'Anna', lastName: 'Berg', email: 'anna.berg@example.com' },
    { username: 'bo.dahl', firstName: 'Bo', lastName: 'Dahl', email: 'bo.dahl@example.com' },
  ]);
  if (!anna) throw new Error('seeding made no users');
  await app.seed.group('Planners', [anna.id]);
  await app.seed.call('users.setStatus', { userIds: [anna.id], status: 'deactivated', reason: 'On leave' });
  await app.seed.call('users.setStatus', { userIds: [anna.id], status: 'active' });
  await app.page.reload();
  await app.page.getByTestId('app-bar').waitFor();
});

test('open a user with Enter, edit a field, keep the edit when switching rows asks, then save', async ({ app }) => {
  const screen = new UserDetailPage(app.page);
  await screen.openWithEnter('anna.berg');
  await expect(app.page.getByTestId('user-detail-main-group')).toHaveText('Planners');
  await expect(app.page.getByTestId('user-detail-history-entry')).toHaveCount(3);
  await expect(app.page.getByTestId('user-detail-history')).toContainText('Deactivated');
  await expect(app.page.getByTestId('user-detail-history')).toContainText('Reason: On leave');
  await screen.expectAccessible('user detail pane');
  await screen.screenshot('50-user-detail-open');

  await screen.setFirstName('Annika');
  await expect(app.page.getByTestId('user-detail-unsaved')).toBeVisible();
  await screen.userRow('bo.dahl').locator('td.cell-username').click();
  await expect(app.page.getByTestId('confirm-dialog')).toContainText('Discard your unsaved changes to Anna Berg (anna.berg)?');
  await screen.screenshot('51-user-detail-unsaved-guard');
  await app.page.getByTestId('confirm-cancel').click();
  await expect(app.page.getByTestId('user-detail-username')).toHaveText('anna.berg');
  await expect(field(app.page, 'user-detail-first-name')).toHaveValue('Annika');

  await screen.save();
  await expect(screen.snackbar()).toContainText('User anna.berg saved');
  await expect(app.page.getByTestId('user-detail-unsaved')).toBeHidden();
  await expect(screen.userRow('anna.berg')).toContainText('Annika Berg');
  await expect(app.page.getByTestId('user-detail-title')).toHaveText('Annika Berg');
  await screen.screenshot('52-user-detail-saved');

  // With nothing unsaved, another row opens at once; Escape closes the pane and brings the groups back.
  await screen.openWithDoubleClick('bo.dahl');
  await expect(app.page.getByTestId('confirm-dialog')).toBeHidden();
  await app.page.keyboard.press('Escape');
  await expect(screen.pane()).toBeHidden();
  await expect(screen.group('Planners')).toBeVisible();
});

test('a locked authentication mode greys out Add user and editing with its reason, and Settings unlocks it again', async ({ app }) => {
  await app.seed.call('settings.update', { authMode: 'directory', reason: 'Moving to AD' });
  await app.page.reload();
  await app.page.getByTestId('app-bar').waitFor();
  const screen = new UserDetailPage(app.page);

  await expect(app.page.getByTestId('auth-mode-chip')).toContainText('Directory-synced');
  await expect(app.page.getByTestId('add-user-button')).toBeDisabled();
  await screen.hoverReason('add-user-button');
  await expect(screen.shownTooltip()).toContainText('authentication mode Directory-synced');
  await screen.openWithEnter('anna.berg');
  await expect(app.page.getByTestId('user-detail-locked')).toContainText('Directory-synced');
  await expect(field(app.page, 'user-detail-first-name')).toBeDisabled();
  // Directory-synced still lets status changes and deleting through (DOMAIN.md locks add, edit and passwords).
  await expect(app.page.getByTestId('user-detail-status-action')).toBeEnabled();
  await screen.hoverReason('add-user-button');
  await expect(screen.shownTooltip()).toContainText('authentication mode Directory-synced');
  await screen.screenshot('53-locked-mode-add-user');

  await screen.openSettings();
  await expect(app.page.getByTestId('settings-auth-mode-directory').locator('input')).toBeChecked();
  await app.page.getByTestId('settings-auth-mode-local').locator('input').check();
  await field(app.page, 'settings-password-min-length').fill('5');
  await app.page.getByTestId('settings-save').click();
  await expect(app.page.getByTestId('settings-password-min-length')).toContainText('The minimum password length is a whole number from 8 to 128');
  await screen.screenshot('54-settings-validation');
  await field(app.page, 'settings-password-min-length').fill('14');
  await field(app.page, 'settings-reason').fill('AD project cancelled');
  await app.page.getByTestId('settings-save').click();
  await expect(screen.snackbar()).toContainText('Platform settings saved');
  await expect(app.page.getByTestId('settings-unsaved')).toBeHidden();

  await screen.openUsers();
  await expect(app.page.getByTestId('auth-mode-chip')).toBeHidden();
  await expect(app.page.getByTestId('add-user-button')).toBeEnabled();
});
