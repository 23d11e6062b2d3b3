import { expect, test } from './fixtures';
import { StartPage } from './pages/StartPage';
import { UsersGroupsPage } from './pages/UsersGroupsPage';

test.beforeEach(async ({ app }) => {
  await new StartPage(app.page).openDemo();
});

test('the demo opens on Users & Groups with paged, searchable users and groups', async ({ app }) => {
  const screen = new UsersGroupsPage(app.page);
  await expect(app.page.getByTestId('users-total')).toContainText(/of 2\d\d/);
  await expect(screen.group('Planners')).toBeVisible();
  await screen.expectAccessible('users and groups');
  await screen.screenshot('03-users-and-groups');

  await screen.searchUsers('ann');
  await expect(screen.userRows().first()).toBeVisible();
  await screen.searchUsers('no-such-person-xyz');
  await expect(screen.userRows()).toHaveCount(0);
  await expect(app.page.getByTestId('users-table')).toContainText('No users match');
});

test('adding a user shows the main process errors on their fields, then saves', async ({ app }) => {
  const screen = new UsersGroupsPage(app.page);
  await screen.openAddUser();
  await screen.fillUser({ username: 'has space', firstName: 'Nora', lastName: 'Quist', email: 'nora@' });
  await screen.saveUser();
  await expect(app.page.getByTestId('user-username')).toContainText('cannot contain a space');
  await expect(app.page.getByTestId('user-email')).toContainText('valid email');
  await screen.screenshot('04-add-user-errors');
  await screen.expectAccessible('add user dialog');

  await screen.fillUser({ username: 'admin', email: 'nora.quist@example.com' });
  await screen.saveUser();
  await expect(app.page.getByTestId('user-username')).toContainText('taken');

  await screen.fillUser({ username: 'nora.quist' });
  await screen.saveUser();
  await expect(app.page.getByTestId('user-dialog')).toBeHidden();
  await screen.searchUsers('nora.quist');
  await expect(screen.userRow('nora.quist')).toBeVisible();
  await expect(screen.userRow('nora.quist')).toContainText('nora.quist@example.com');
});

test('drag three selected users onto a group, remove one with the centre button, and undo', async ({ app }) => {
  const screen = new UsersGroupsPage(app.page);
  await screen.searchUsers('olsen');
  await expect(screen.userRows().nth(2)).toBeVisible();
  const before = await screen.memberCount('Planners');
  const usernames = await Promise.all([0, 1, 2].map((i) => screen.userRows().nth(i).getAttribute('data-username')));

  await screen.selectRows(0, 2);
  await expect(app.page.getByTestId('users-selected-count')).toContainText('3 selected');
  await screen.userRows().nth(1).dragTo(screen.group('Planners'));
  await expect(screen.snackbar()).toContainText(/added to Planners/);
  const alreadyMembers = /(\d+) already members?/.exec(await screen.snackbar().innerText());
  const added = 3 - Number(alreadyMembers?.[1] ?? 0);
  await screen.expectMemberCount('Planners', before + added);
  await screen.screenshot('05-after-drag');

  await screen.group('Planners').click();
  await expect(app.page.getByTestId('group-members')).toBeVisible();
  for (const username of usernames) {
    await expect(app.page.locator(`[data-testid="group-members"] [data-testid="member-row"]`).filter({ hasText: username ?? '' })).toHaveCount(1);
  }

  await app.page.getByTestId('users-clear-selection').click();
  await expect(app.page.getByTestId('users-selected-count')).toContainText('0 selected');
  await screen.userRow(usernames[0] ?? '').getByTestId('user-row-checkbox').click();
  await app.page.getByTestId('remove-from-group').click();
  await expect(screen.snackbar()).toContainText('1 removed from Planners');
  await screen.expectMemberCount('Planners', before + added - 1);

  await screen.snackbar().getByTestId('snackbar-undo').click();
  await screen.expectMemberCount('Planners', before + added);
});

test('keyboard: Ctrl+A selects the page and Alt+A adds it to the selected group', async ({ app }) => {
  const screen = new UsersGroupsPage(app.page);
  await screen.searchUsers('berg');
  await expect(screen.userRows().first()).toBeVisible();
  const rows = await screen.userRows().count();
  await (await screen.findGroup('Site Leads')).click();
  await screen.userRows().first().click();
  await app.page.keyboard.press('ControlOrMeta+a');
  await expect(app.page.getByTestId('users-selected-count')).toContainText(`${rows} selected`);
  await app.page.keyboard.press('Alt+a');
  await expect(screen.snackbar()).toContainText(/added to Site Leads|already members?/);
});

test('deactivating a user asks first and hides them until "Show deactivated users"', async ({ app }) => {
  const screen = new UsersGroupsPage(app.page);
  await screen.searchUsers('olsen');
  const row = screen.userRows().first();
  const username = (await row.getAttribute('data-username')) ?? '';
  await row.click({ button: 'right' });
  await app.page.getByRole('menuitem', { name: /Deactivate/ }).click();
  await expect(app.page.getByTestId('confirm-dialog')).toContainText('Deactivate');
  await screen.expectAccessible('confirm dialog');
  await screen.confirm();
  await expect(screen.userRow(username)).toHaveCount(0);
  await screen.showDeactivated();
  await expect(screen.userRow(username)).toContainText('Deactivated');
});

test('a selection kept across pages says so, Ctrl-click adds to it, and Clear empties it', async ({ app }) => {
  const screen = new UsersGroupsPage(app.page);
  const count = app.page.getByTestId('users-selected-count');
  await expect(screen.userRows().nth(2)).toBeVisible();
  await screen.selectRows(0, 2);
  await expect(count).toHaveText('3 selected');

  await app.page.getByRole('button', { name: 'Next page of users' }).click();
  await expect(app.page.getByTestId('users-total')).toContainText(/^51–/);
  await expect(count).toContainText('3 selected across pages');
  await screen.userRows().nth(1).click({ modifiers: ['ControlOrMeta'] });
  await screen.userRows().nth(4).click({ modifiers: ['ControlOrMeta'] });
  await expect(count).toContainText('5 selected across pages');
  await screen.screenshot('09-selection-across-pages');

  await screen.userRows().nth(3).click();
  await expect(count).toHaveText('1 selected');
  await screen.userRows().nth(6).click({ modifiers: ['Shift'] });
  await expect(count).toHaveText('4 selected');
  await app.page.getByTestId('users-clear-selection').click();
  await expect(count).toHaveText('0 selected');
});
