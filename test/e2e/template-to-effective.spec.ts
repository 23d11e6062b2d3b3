import { expect, test } from './fixtures';
import { GroupEditorPage } from './pages/GroupEditorPage';
import { PermissionsPage } from './pages/PermissionsPage';
import { UsersGroupsPage } from './pages/UsersGroupsPage';

test("a group made from a template, a grant changed in the editor, and a member's effective permission follows, with the reason", async ({ app }) => {
  await app.seed.setup();
  const org = await app.seed.call('orgUnits.create', { parentId: null, name: 'Org' });
  const sales = await app.seed.call('orgUnits.create', { parentId: org.id, name: 'Sales' });
  const [mona] = await app.seed.users([{ username: 'mona', firstName: 'Mona', lastName: 'Manager', departmentId: sales.id }]);
  await app.page.reload();

  // The template, created by clicking, with Mona added through the contract.
  const editor = new GroupEditorPage(app.page);
  await editor.openNew('create_and_modify_my_unit');
  await editor.nameField().fill('Sales managers');
  await editor.save();
  await editor.cancel();
  const list = new UsersGroupsPage(app.page);
  const groups = await app.seed.call('groups.list', {});
  const managers = groups.find((group) => group.name === 'Sales managers');
  expect(managers).toBeDefined();
  await app.seed.call('memberships.add', { groupId: managers!.id, userIds: [mona!.id] });

  const permissions = new PermissionsPage(app.page);
  await permissions.open();
  await permissions.pick('effective-user-picker', 'Mona', 'Mona Manager');
  await expect(permissions.cell('Sales', 0)).toHaveText('Create & delete');
  await permissions.cell('Sales', 0).click();
  await expect(app.page.getByTestId('why-reasons')).toContainText('Sales managers: Create and delete on all areas, scope Mine (Sales)');
  await expect(permissions.cell('Org', 0)).toHaveText('Read');

  // Narrow the grant to Comment in the editor.
  await app.page.getByTestId('nav-users-groups').click();
  await (await list.findGroup('Sales managers')).getByTestId('group-edit').click();
  await editor.expectOpen('Edit group Sales managers');
  await editor.choose(editor.workGrantLevel(0), 'Comment');
  await editor.save();
  await editor.cancel();

  // The screen kept Mona and reloaded her permissions when the group changed.
  await permissions.open();
  await expect(permissions.cell('Sales', 0)).toHaveText('Comment');
  await permissions.cell('Sales', 0).click();
  await expect(app.page.getByTestId('why-reasons')).toContainText('Sales managers: Comment on all areas, scope Mine (Sales)');
  await permissions.screenshot('50-effective-after-grant-change');
});
