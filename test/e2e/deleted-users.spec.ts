import { expect, test } from './fixtures';
import { AuditLogPage } from './pages/AuditLogPage';
import { DeletedUsersPage } from './pages/DeletedUsersPage';
import { StartPage } from './pages/StartPage';
import { UsersGroupsPage } from './pages/UsersGroupsPage';

test.beforeEach(async ({ app }) => {
  await new StartPage(app.page).openDemo();
});

/** The username and "First Last" of the users table's nth row. */
async function rowPerson(screen: UsersGroupsPage, index: number): Promise<{ username: string; name: string }> {
  const row = screen.userRows().nth(index);
  return { username: (await row.getAttribute('data-username')) ?? '', name: (await row.locator('td').nth(2).innerText()).trim() };
}

test('delete three selected users with a confirmation naming them, then restore one from Deleted users', async ({ app }) => {
  const users = new UsersGroupsPage(app.page);
  await users.searchUsers('olsen');
  await expect(users.userRows().nth(2)).toBeVisible();
  const people = await Promise.all([0, 1, 2].map((index) => rowPerson(users, index)));
  const [first, second, third] = people as [{ username: string; name: string }, { username: string; name: string }, { username: string; name: string }];

  // The menu of a row inside the selection acts on all of it, and says so.
  await users.selectRows(0, 2);
  await users.openRowMenu(second.username);
  const deleteItem = app.page.getByRole('menuitem', { name: /^Delete/ });
  await expect(deleteItem).toHaveText('Delete 3 selected users');
  await deleteItem.click();
  const dialog = app.page.getByTestId('confirm-dialog');
  await expect(dialog).toContainText(`Delete ${first.name}, ${second.name} and 1 more?`);
  await users.screenshot('45-delete-confirmation-names-who');
  await users.confirm();
  await expect(users.snackbar()).toContainText('3 users deleted');

  const deleted = new DeletedUsersPage(app.page);
  await deleted.open();
  await deleted.search('olsen');
  await expect(deleted.rows()).toHaveCount(3);
  await expect(deleted.row(third.username)).toContainText(third.name);
  await deleted.expectAccessible('deleted users');
  await deleted.screenshot('46-deleted-users');

  const restore = await deleted.ask('restore', third.username);
  await expect(restore).toContainText(`Restore ${third.name}?`);
  await deleted.confirm();
  await expect(deleted.snackbar()).toContainText('1 user restored');
  await expect(deleted.rows()).toHaveCount(2);

  await app.page.getByTestId('nav-users-groups').click();
  await users.searchUsers(third.username);
  await expect(users.userRow(third.username)).toBeVisible();
});

test('anonymise a deleted user: the confirmation says it cannot be undone, and history shows "Anonymised user"', async ({ app }) => {
  const users = new UsersGroupsPage(app.page);
  await users.searchUsers('olsen');
  const person = await rowPerson(users, 0);
  await users.openRowMenu(person.username);
  await app.page.getByRole('menuitem', { name: 'Delete' }).click();
  await expect(app.page.getByTestId('confirm-dialog')).toContainText(`Delete ${person.name}?`);
  await users.confirm();

  const audit = new AuditLogPage(app.page);
  await audit.open();
  await expect(audit.sentences().first()).toContainText(`deleted ${person.name} (deleted)`);

  const deleted = new DeletedUsersPage(app.page);
  await deleted.open();
  await expect(deleted.rows()).toHaveCount(1);
  const ask = await deleted.ask('anonymise', person.username);
  await expect(ask).toContainText(`Anonymise ${person.name}?`);
  await expect(ask).toContainText('This cannot be undone.');
  await deleted.screenshot('47-anonymise-confirmation');
  await deleted.confirm();
  await expect(deleted.snackbar()).toContainText('1 user anonymised');
  await expect(deleted.rows()).toHaveCount(0);
  await expect(app.page.getByTestId('deleted-users-table')).toContainText('No deleted users.');
  await expect(app.page.getByTestId('anonymise-all-deleted')).toBeDisabled();
  await deleted.screenshot('48-deleted-users-empty');

  await audit.open();
  await expect(audit.sentences().first()).toContainText('anonymised a user: history now shows them as “Anonymised user”');
  await expect(audit.sentences().nth(1)).toContainText('deleted Anonymised user');
  await expect(app.page.getByTestId('audit-table')).not.toContainText(person.name);
  await audit.screenshot('49-history-anonymised');
});
