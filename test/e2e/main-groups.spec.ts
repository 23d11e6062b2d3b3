import { expect, test } from './fixtures';
import { UsersGroupsPage } from './pages/UsersGroupsPage';

test('a user is member of one main group and extra groups; deleting their main group asks to reassign it', async ({ app }) => {
  await app.seed.setup();
  const [ann, ben] = await app.seed.users([
    { username: 'ann.berg', firstName: 'Ann', lastName: 'Berg' },
    { username: 'ben.cole', firstName: 'Ben', lastName: 'Cole' },
  ]);
  await app.seed.group('Planners', [ann!.id, ben!.id]);
  await app.seed.group('Readers', [ann!.id]);
  await app.page.reload();

  const screen = new UsersGroupsPage(app.page);
  await screen.searchUsers('ann.berg');
  await screen.openRowMenu('ann.berg');
  await app.page.getByTestId('user-menu-member-of').click();
  const dialog = app.page.getByTestId('member-of-dialog');
  const row = (group: string) => dialog.locator(`[data-testid="member-of-row"][data-group-name="${group}"]`);
  await expect(row('Planners').getByTestId('member-of-main')).toBeVisible();
  await expect(row('Readers')).toContainText('Extra');

  await row('Readers').getByTestId('member-of-make-main').click();
  await expect(row('Readers').getByTestId('member-of-main')).toBeVisible();
  await expect(row('Planners')).toContainText('Extra');
  await row('Planners').getByTestId('member-of-ends-on').fill('2999-12-31');
  await row('Planners').getByTestId('member-of-ends-on').dispatchEvent('change');
  await expect(screen.snackbar()).toContainText('leaves Planners on 2999-12-31');
  await screen.expectAccessible('member of dialog');
  await screen.screenshot('30-member-of');
  await app.page.getByTestId('member-of-close').click();

  // Planners is still Ben's main group: deleting it is refused, naming him, and offers reassignment.
  await (await screen.findGroup('Planners')).getByTestId('group-delete').click();
  await app.page.getByTestId('confirm-ok').click();
  const reassign = app.page.getByTestId('reassign-main-dialog');
  await expect(reassign.getByTestId('reassign-main-message')).toContainText('Planners is the main group of 1 user (Ben Cole (ben.cole))');
  await screen.screenshot('31-reassign-main-group');
  await reassign.getByTestId('reassign-main-target').click();
  await app.page.getByRole('option', { name: 'Readers' }).click();
  await reassign.getByTestId('reassign-main-confirm').click();
  await expect(reassign).toBeHidden();
  await expect(screen.snackbar()).toContainText('Group Planners deleted');
  const memberships = await app.seed.call('memberships.ofUser', { userId: ben!.id });
  expect(memberships.map((m) => [m.groupName, m.isMain])).toEqual([['Readers', true]]);
});
