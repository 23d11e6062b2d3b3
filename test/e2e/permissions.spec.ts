import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { templateSettings } from '../../shared/domain/groupTemplates';
import { expect, test, type AppUnderTest } from './fixtures';
import { PermissionsPage } from './pages/PermissionsPage';

/** Org / Sales / Sales North and Org / Finance; a global administrator, a reader and someone in no group. */
async function seedOrganisation(app: AppUnderTest) {
  await app.seed.setup();
  const org = await app.seed.call('orgUnits.create', { parentId: null, name: 'Org' });
  const sales = await app.seed.call('orgUnits.create', { parentId: org.id, name: 'Sales' });
  await app.seed.call('orgUnits.create', { parentId: sales.id, name: 'Sales North' });
  await app.seed.call('orgUnits.create', { parentId: org.id, name: 'Finance' });
  const admins = await app.seed.call('groups.create', { name: 'Global admins', settings: templateSettings('global_administrator') });
  const managers = await app.seed.call('groups.create', { name: 'Unit managers', settings: templateSettings('create_and_modify_my_unit') });
  const readers = await app.seed.call('groups.create', { name: 'Readers', settings: templateSettings('read_all_units') });
  const [alpha, rita, mona] = await app.seed.users([
    { username: 'alpha', firstName: 'Alpha', lastName: 'Admin' },
    { username: 'rita', firstName: 'Rita', lastName: 'Reader', departmentId: sales.id },
    { username: 'mona', firstName: 'Mona', lastName: 'Manager', departmentId: sales.id },
    { username: 'nils', firstName: 'Nils', lastName: 'Nobody' },
  ]);
  await app.seed.call('memberships.add', { groupId: admins.id, userIds: [alpha!.id] });
  await app.seed.call('memberships.add', { groupId: readers.id, userIds: [rita!.id] });
  await app.seed.call('memberships.add', { groupId: managers.id, userIds: [mona!.id] });
  await app.seed.call('memberships.add', { groupId: readers.id, userIds: [mona!.id] });
  await app.page.reload();
  await app.page.getByTestId('app-bar').waitFor();
}

test('who has access here: everyone holding a level at a unit, with the level and the reason', async ({ app }) => {
  await seedOrganisation(app);
  const screen = new PermissionsPage(app.page);
  await screen.open();
  await expect(app.page.getByTestId('effective-empty')).toContainText('Choose a user');
  await screen.openTab('who-has');
  await expect(app.page.getByTestId('who-has-empty')).toBeVisible();
  await screen.pick('who-has-unit', 'Sales', 'Org / Sales');

  await expect(app.page.getByTestId('who-has-row')).toHaveCount(3);
  await expect(screen.whoHasRow('Alpha Admin').getByTestId('who-has-level')).toHaveText('Create and delete');
  // The grant that gives the level comes first; the rest open on request.
  await expect(screen.whoHasRow('Alpha Admin').getByTestId('who-has-reason')).toContainText('Global admins: Create and delete');
  await screen.whoHasRow('Mona Manager').getByTestId('who-has-more-reasons').click();
  await expect(screen.whoHasRow('Mona Manager').getByTestId('who-has-reason')).toContainText('Readers');
  await expect(screen.whoHasRow('Mona Manager').getByTestId('who-has-level')).toHaveText('Create and delete');
  await expect(screen.whoHasRow('Mona Manager').getByTestId('who-has-reason')).toContainText('Unit managers');
  await expect(screen.whoHasRow('Rita Reader').getByTestId('who-has-level')).toHaveText('Read documents');
  await expect(screen.whoHasRow('Nils Nobody')).toHaveCount(0);
  await screen.expectAccessible('who has access');
  await screen.screenshot('permissions-01-who-has-access');

  // Filtering by level keeps only those who can change things here.
  await app.page.getByTestId('who-has-levels').getByText(/^Create and delete/).click();
  await expect(app.page.getByTestId('who-has-row')).toHaveCount(2);
  await expect(screen.whoHasRow('Rita Reader')).toHaveCount(0);

  // The export holds what the filter shows, every page of it.
  const file = join(app.dir, 'who-has.xlsx');
  await app.answerSaveDialog(file);
  await app.page.getByTestId('who-has-export').click();
  await expect(screen.snackbar()).toContainText('Saved who-has.xlsx (2 users)');
  expect(existsSync(file)).toBe(true);

  // A report permission: the unit managers' template grants Write in reports at their unit.
  await app.page.getByTestId('who-has-kind-report').click();
  await screen.chooseSelect('who-has-report', 'Write in reports');
  await expect(screen.whoHasRow('Mona Manager').getByTestId('who-has-level')).toHaveText('Granted');
  await expect(screen.whoHasRow('Rita Reader')).toHaveCount(0);
});

test("a user's effective permissions, with why for the cell in focus", async ({ app }) => {
  await seedOrganisation(app);
  const screen = new PermissionsPage(app.page);
  await screen.open();
  await screen.pick('effective-user-picker', 'Mona', 'Mona Manager');

  await expect(screen.matrix()).toBeVisible();
  await expect(app.page.getByTestId('permission-summary')).toContainText('Unit managers');
  await expect(screen.cell('Sales', 0)).toHaveText('Create & delete');
  await expect(screen.cell('Finance', 0)).toHaveText('Read');

  await screen.cell('Sales', 0).click();
  await expect(screen.whyPanel()).toContainText('Org / Sales');
  await expect(app.page.getByTestId('why-reasons')).toContainText('Unit managers');

  // The keyboard moves between cells, and Enter takes the focus to the explanation.
  await app.page.keyboard.press('ArrowDown');
  await expect(screen.cell('Sales North', 0)).toBeFocused();
  await expect(screen.whyPanel()).toContainText('Org / Sales / Sales North');
  await expect(app.page.getByTestId('why-reasons')).toContainText('Readers');
  await app.page.keyboard.press('Enter');
  await expect(app.page.locator('#why-heading')).toBeFocused();

  await screen.expectAccessible('effective permissions');
  await screen.screenshot('permissions-02-effective-why');

  await app.page.getByTestId('section-reports').click();
  await expect(app.page.getByTestId('report-permissions')).toContainText('Write in reports');
  await screen.screenshot('permissions-03-effective-reports');

  // Compare two users: the main groups differ, and are marked.
  await screen.openTab('compare');
  await screen.pick('compare-left', 'Mona', 'Mona Manager');
  await screen.pick('compare-right', 'Rita', 'Rita Reader');
  await expect(app.page.getByTestId('compare-row').filter({ hasText: 'Main group' })).toHaveAttribute('data-differs', 'true');
  await app.page.getByTestId('compare-only-differences').locator('input').check();
  await expect(app.page.getByTestId('compare-row').filter({ hasText: 'Landing menu' })).toHaveCount(0);
  await screen.expectAccessible('compare');
  await screen.screenshot('permissions-04-compare');
});

test('a large tree: the matrix draws only the rows on screen, and Ctrl+End reaches the last unit', async ({ app }) => {
  await app.seed.setup();
  let last = '';
  for (let top = 1; top <= 6; top += 1) {
    const parent = await app.seed.call('orgUnits.create', { parentId: null, name: `Region ${String(top).padStart(2, '0')}` });
    for (let child = 1; child <= 49; child += 1) {
      last = `Office ${String(top).padStart(2, '0')}-${String(child).padStart(2, '0')}`;
      await app.seed.call('orgUnits.create', { parentId: parent.id, name: last });
    }
  }
  const admins = await app.seed.call('groups.create', { name: 'Global admins', settings: templateSettings('global_administrator') });
  const [alpha] = await app.seed.users([{ username: 'alpha', firstName: 'Alpha', lastName: 'Admin' }]);
  await app.seed.call('memberships.add', { groupId: admins.id, userIds: [alpha!.id] });
  await app.page.reload();

  const screen = new PermissionsPage(app.page);
  await screen.open();
  await screen.pick('effective-user-picker', 'Alpha', 'Alpha Admin');
  await expect(screen.cell('Region 01', 0)).toHaveText('Create & delete');
  // 300 units, a window of rows in the page.
  expect(await screen.matrix().locator('[role="row"][data-unit-id]').count()).toBeLessThan(80);

  await screen.cell('Region 01', 0).focus();
  await app.page.keyboard.press('Control+End');
  await expect(screen.whyPanel()).toContainText(`Region 06 / ${last}`);
  await expect(screen.matrix().locator(`[role="row"][data-unit-name="${last}"] [role="gridcell"]:focus`)).toHaveCount(1);
  await screen.screenshot('permissions-05-large-tree');
});
