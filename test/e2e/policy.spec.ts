import { expect, test } from './fixtures';
import { UsersGroupsPage } from './pages/UsersGroupsPage';

const PASSWORD = 'provision-2026';

test('a User Provisioner sees export, the audit log and group changes disabled, each saying why', async ({ app }) => {
  await app.seed.setup();
  const [member] = await app.seed.users(1);
  await app.seed.group('Night shift', [member!.id]);
  await app.seed.users([{ username: 'pia.provisioner', platformRole: 'provisioner', sso: false, password: PASSWORD, passwordConfirm: PASSWORD }]);
  await app.seed.signIn('pia.provisioner', PASSWORD);

  const screen = new UsersGroupsPage(app.page);
  await expect(screen.userRow('pia.provisioner')).toBeVisible();
  await expect(app.page.getByTestId('export-button')).toBeDisabled();
  await expect(app.page.getByTestId('nav-audit')).toBeDisabled();
  await expect(app.page.getByTestId('new-group-button')).toBeDisabled();
  await expect(app.page.getByTestId('add-user-button')).toBeEnabled();
  await expect(screen.group('Night shift').getByTestId('group-edit')).toBeDisabled();

  await screen.hoverReason('export-button');
  await expect(screen.shownTooltip()).toContainText('User Administrator role');
  await screen.expectAccessible('provisioner main screen');
  await screen.screenshot('07-provisioner-export-refused');
});

test('the last Super Administrator cannot deactivate or delete themselves; the menu says why', async ({ app }) => {
  await app.seed.demo();
  const screen = new UsersGroupsPage(app.page);
  await screen.searchUsers('admin');
  await screen.openRowMenu('admin');
  const deactivate = app.page.getByRole('menuitem', { name: /Deactivate/ });
  await expect(deactivate).toHaveClass(/v-list-item--disabled/);
  await deactivate.locator('xpath=..').hover();
  await expect(screen.shownTooltip()).toContainText('your own account');
  await screen.screenshot('08-self-deactivate-refused');
});
