import { AppError } from '../../shared/errors';
import { SEED_ADMIN, expect, test } from './fixtures';
import { UsersGroupsPage } from './pages/UsersGroupsPage';

test('app.seed puts users and a group in place through the contract, and the screen shows them', async ({ app }) => {
  const operator = await app.seed.setup();
  expect(operator.username).toBe(SEED_ADMIN.username);
  await expect(app.page.getByTestId('operator-name')).toContainText(`${SEED_ADMIN.firstName} ${SEED_ADMIN.lastName}`);

  const users = await app.seed.users(3);
  const screen = new UsersGroupsPage(app.page);
  for (const user of users) await expect(screen.userRow(user.username)).toBeVisible();
  await expect(app.page.getByTestId('users-total')).toContainText('of 4');

  const group = await app.seed.group('Seeded group', users.map((user) => user.id));
  expect(group.memberCount).toBe(3);
  await screen.expectMemberCount('Seeded group', 3);

  const refused = app.seed.call('users.create', { username: users[0]!.username, firstName: 'Same', lastName: 'Name', email: 'same@example.com' });
  await expect(refused).rejects.toBeInstanceOf(AppError);
  await expect(refused).rejects.toMatchObject({ code: 'conflict' });
});
