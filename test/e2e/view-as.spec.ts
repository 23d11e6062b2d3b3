import { templateSettings } from '../../shared/domain/groupTemplates';
import { expect, test } from './fixtures';
import { PermissionsPage } from './pages/PermissionsPage';
import { UsersGroupsPage } from './pages/UsersGroupsPage';

test('view as a lower user: a banner, their menus, units and permissions, until End view as', async ({ app }) => {
  await app.seed.setup();
  const org = await app.seed.call('orgUnits.create', { parentId: null, name: 'Org' });
  await app.seed.call('orgUnits.create', { parentId: org.id, name: 'Sales' });
  const readers = await app.seed.call('groups.create', { name: 'Readers', settings: templateSettings('read_all_units') });
  const [rita] = await app.seed.users([{ username: 'rita', firstName: 'Rita', lastName: 'Reader' }]);
  await app.seed.call('memberships.add', { groupId: readers.id, userIds: [rita!.id] });
  await app.page.reload();

  const screen = new PermissionsPage(app.page);
  await screen.open();
  await screen.pick('effective-user-picker', 'Rita', 'Rita Reader');
  await app.page.getByTestId('view-as-this-user').click();

  await expect(screen.banner()).toBeVisible();
  await expect(screen.banner()).toContainText('Viewing as Rita Reader');
  await expect(screen.banner()).toContainText('read-only preview');
  await expect(app.page.getByTestId('view-as-menus')).toContainText('Home');
  await expect(app.page.getByTestId('view-as-menus')).toContainText('landing page');
  await expect(app.page.getByTestId('view-as-units')).toContainText('Sales');
  await expect(screen.matrix()).toBeVisible();
  await screen.expectAccessible('view as preview');
  await screen.screenshot('view-as-01-preview');

  await app.page.getByTestId('end-view-as').click();
  await expect(screen.banner()).toBeHidden();
  await expect(app.page.getByTestId('tab-effective')).toBeVisible();
});

test('view as is refused for a higher user, with the reason from main', async ({ app }) => {
  await app.seed.setup();
  await app.seed.users([{ username: 'sam.super', firstName: 'Sam', lastName: 'Super', platformRole: 'super_admin' }]);
  await app.page.reload();

  const users = new UsersGroupsPage(app.page);
  await users.searchUsers('sam.super');
  await users.openRowMenu('sam.super');
  await app.page.getByTestId('user-menu-view-as').click();

  await expect(users.snackbar()).toContainText('lower platform role');
  await expect(app.page.getByTestId('view-as-banner')).toHaveCount(0);
  await users.screenshot('view-as-02-refused');
  await users.expectAccessible('view as refused');
});
