import { expect, test } from './fixtures';
import { GroupEditorPage } from './pages/GroupEditorPage';
import { UsersGroupsPage } from './pages/UsersGroupsPage';

const LOCAL_ONLY_FLAGS = ['administerExternalLinks', 'administerSourceSystems', 'importKpiData'];

test('a group from the "Create and modify my unit" template, edited and saved, is still so after a reload', async ({ app }) => {
  await app.seed.setup();
  const list = new UsersGroupsPage(app.page);
  const editor = new GroupEditorPage(app.page);

  await editor.openNew('create_and_modify_my_unit');
  await editor.expectOpen('New group');
  await expect(editor.nameField()).toHaveValue('Create and modify my unit');
  await expect(editor.workGrantRows()).toHaveCount(1);
  await expect(editor.workGrantLevel(0)).toContainText('Create and delete');
  await editor.screenshot('30-group-editor-new-from-template');
  await editor.save();
  await expect(app.page.getByTestId('editor-title')).toHaveText('Edit group Create and modify my unit');

  await editor.cancel();
  const item = await list.findGroup('Create and modify my unit');
  await expect(item.getByTestId('group-licence-chip')).toHaveText('Full licence');
  await expect(item.getByTestId('group-menus')).toHaveText('Menus: Home');
  await list.screenshot('35-group-list-licence-and-menus');
  await item.getByTestId('group-edit').click();
  await editor.expectOpen('Edit group Create and modify my unit');
  await expect(editor.saveButton()).toBeDisabled();

  await editor.choose(editor.workGrantLevel(0), 'Change');
  for (const flag of LOCAL_ONLY_FLAGS) await expect(editor.flag(flag)).toBeHidden();
  await expect(editor.flag('annualCycleEvents')).toBeVisible();
  await editor.setAdminPermission('local');
  for (const flag of LOCAL_ONLY_FLAGS) await expect(editor.flag(flag)).toBeVisible();
  await expect(editor.flag('annualCycleEvents')).toBeHidden();
  await expect(app.page.getByTestId('editor-local-warning')).toContainText('administers nothing');
  await editor.flag('importKpiData').locator('input').check();
  await expect(app.page.getByTestId('editor-unsaved')).toBeVisible();
  await editor.expectAccessible('group editor');
  await editor.screenshot('31-group-editor-local-administrator');
  await editor.save();

  await app.page.reload();
  await (await list.findGroup('Create and modify my unit')).getByTestId('group-edit').click();
  await editor.expectOpen('Edit group Create and modify my unit');
  await expect(editor.workGrantLevel(0)).toContainText('Change');
  await expect(app.page.getByTestId('admin-permission-local').locator('input')).toBeChecked();
  await expect(editor.flag('importKpiData').locator('input')).toBeChecked();
});

test('a Member group opens read-only, saying why', async ({ app }) => {
  await app.seed.setup();
  await app.seed.call('groups.create', { name: 'Vendor members', description: 'Managed by the vendor', licenceLevel: 'member' });
  const list = new UsersGroupsPage(app.page);
  const editor = new GroupEditorPage(app.page);

  const item = await list.findGroup('Vendor members');
  await expect(item.getByTestId('group-licence-chip')).toHaveText('Member licence');
  await item.locator('.group-select').dblclick();
  await editor.expectOpen('Edit group Vendor members');
  await expect(editor.lockedBanner()).toContainText('This group has the Member licence level, so its settings are locked');
  await expect(editor.nameField()).toBeDisabled();
  await expect(app.page.getByTestId('admin-permission-full').locator('input')).toBeDisabled();
  await expect(app.page.getByTestId('work-grant-add')).toBeDisabled();
  await expect(editor.saveButton()).toBeDisabled();
  await editor.expectAccessible('locked group editor');
  await editor.screenshot('32-group-editor-locked-member');
});

test('a repeated grant row is marked before saving and refused by main; leaving asks before discarding', async ({ app }) => {
  await app.seed.setup();
  const list = new UsersGroupsPage(app.page);
  const editor = new GroupEditorPage(app.page);

  await app.page.getByTestId('new-group-button').click();
  await expect(app.page.getByTestId('new-group-menu')).toContainText('Read all units');
  await editor.screenshot('34-new-group-menu');
  await app.page.getByTestId('new-group-blank').click();
  await editor.expectOpen('New group');
  await editor.nameField().fill('Planners');
  await app.page.getByTestId('work-grant-add').click();
  await app.page.getByTestId('work-grant-add').click();
  await expect(app.page.getByTestId('work-grant-error')).toHaveText('Row 2: Row 1 already grants Change on All areas, Mine');
  await expect(app.page.getByTestId('editor-problems')).toHaveText('1 setting to fix');
  await editor.saveButton().click();
  await expect(app.page.getByTestId('work-grant-error')).toBeInViewport();
  await expect(app.page.getByTestId('editor-title')).toHaveText('New group');
  await expect(app.page.getByTestId('editor-saved')).toBeHidden();
  await expect(editor.saveButton()).toBeEnabled();
  await editor.screenshot('33-group-editor-duplicate-row');
  await editor.workGrantRows().nth(1).getByTestId('work-grant-remove').click();
  await expect(app.page.getByTestId('work-grant-error')).toHaveCount(0);

  await app.page.getByTestId('menu-reports').locator('input').check();
  await app.page.keyboard.press('Escape');
  await expect(app.page.getByTestId('confirm-dialog')).toContainText('Discard your changes to Planners?');
  await app.page.getByTestId('confirm-cancel').click();
  await expect(editor.root()).toBeVisible();

  await app.page.keyboard.press('Control+s');
  await expect(app.page.getByTestId('editor-saved')).toBeVisible();
  await expect(app.page.getByTestId('menu-home').locator('input')).toBeDisabled();
  await editor.cancel();
  await expect(editor.root()).toBeHidden();
  await expect((await list.findGroup('Planners')).getByTestId('group-menus')).toHaveText('Menus: Home, Reports');
});
