import { expect, test, type Seed } from './fixtures';
import { field } from './pages/AppPage';
import { OrgUnitsPage } from './pages/OrgUnitsPage';

/** Company › Sales › North, Company › Operations › Logistics */
async function seedTree(seed: Seed) {
  const company = await seed.call('orgUnits.create', { parentId: null, name: 'Company' });
  const sales = await seed.call('orgUnits.create', { parentId: company.id, name: 'Sales' });
  await seed.call('orgUnits.create', { parentId: sales.id, name: 'North' });
  const operations = await seed.call('orgUnits.create', { parentId: company.id, name: 'Operations' });
  await seed.call('orgUnits.create', { parentId: operations.id, name: 'Logistics' });
  await seed.call('orgUnits.setHidden', { id: operations.id, hidden: true });
  await seed.users([{ departmentId: sales.id }, { departmentId: sales.id }]);
  return { company, sales, operations };
}

test.beforeEach(async ({ app }) => {
  await app.seed.setup();
});

test('an empty tree says how to start; the first unit is added by clicking', async ({ app }) => {
  const screen = new OrgUnitsPage(app.page);
  await screen.open();
  await expect(app.page.getByTestId('org-units-empty')).toContainText('No org units yet — add the first top unit');
  await expect(screen.toolbarButton('rename')).toBeDisabled();
  await screen.screenshot('40-org-units-empty');
  await screen.toolbarButton('addTop').click();
  await screen.addUnit('Company');
  await expect(screen.unit('Company')).toHaveAttribute('aria-selected', 'true');
  await screen.toolbarButton('addChild').click();
  await screen.addUnit('Finance');
  await expect(screen.unit('Finance')).toHaveAttribute('aria-level', '2');
  expect(await screen.parentOf('Finance')).toBe('Company');

  await screen.toolbarButton('toggleHidden').click();
  await expect(screen.unit('Finance')).toContainText('Hidden');
  await expect(screen.toolbarButton('toggleHidden')).toHaveText('Unhide');
  await screen.unit('Finance').press('F2');
  await screen.addUnit('Finance & Control');
  await expect(screen.unit('Finance & Control')).toHaveAttribute('aria-selected', 'true');
});

test('moving a unit by keyboard only: arrows, Move to…, type to filter, Enter', async ({ app }) => {
  await seedTree(app.seed);
  const screen = new OrgUnitsPage(app.page);
  await screen.open();
  await expect(screen.unit('Company')).toBeVisible();

  await screen.unit('Company').focus();
  await app.page.keyboard.press('ArrowRight');
  await expect(screen.unit('Company')).toHaveAttribute('aria-expanded', 'true');
  await app.page.keyboard.press('ArrowDown');
  await app.page.keyboard.press('ArrowDown');
  await expect(screen.selectedUnit()).toHaveAttribute('data-name', 'Sales');
  await expect(screen.unit('Sales')).toBeFocused();
  await expect(screen.unit('Sales')).toContainText('2 users');
  await expect(screen.unit('Operations')).toContainText('Hidden');
  await screen.expectAccessible('org units tree');
  await screen.screenshot('41-org-units-tree');

  await app.page.keyboard.press('m');
  await expect(screen.moveDialog()).toBeVisible();
  await expect(field(app.page, 'move-unit-target')).toBeFocused();
  await app.page.keyboard.type('Logis');
  await expect(app.page.getByRole('option', { name: 'Company / Operations / Logistics' })).toBeVisible();
  await expect(app.page.getByRole('option', { name: /North/ })).toHaveCount(0);
  await app.page.keyboard.press('Enter');
  await screen.screenshot('42-org-units-move-dialog');
  await screen.expectAccessible('move to dialog');
  await app.page.keyboard.press('Tab');
  await app.page.keyboard.press('Tab');
  await expect(app.page.getByTestId('move-unit-save')).toBeFocused();
  await app.page.keyboard.press('Enter');
  await expect(screen.moveDialog()).toBeHidden();

  await expect(screen.unit('Sales')).toHaveAttribute('aria-level', '4');
  expect(await screen.parentOf('Sales')).toBe('Logistics');
  await expect(screen.selectedUnit()).toHaveAttribute('data-name', 'Sales');
  const log = await app.seed.call('audit.list', {});
  expect(log.rows[0]).toMatchObject({ action: 'orgUnit.move', target: 'Company / Operations / Logistics / Sales' });
});

test('dragging a unit onto another moves it; its own subtree is refused', async ({ app }) => {
  await seedTree(app.seed);
  const screen = new OrgUnitsPage(app.page);
  await screen.open();
  await screen.expand('Company');
  await screen.expand('Sales');
  // Held over its own sub-unit, the drag shows the refusal before anything is dropped.
  const dataTransfer = await app.page.evaluateHandle(() => new DataTransfer());
  await screen.unit('Sales').dispatchEvent('dragstart', { dataTransfer });
  await screen.unit('North').dispatchEvent('dragover', { dataTransfer });
  await expect(screen.unit('North')).toHaveClass(/drop-refused/);
  await screen.screenshot('43-org-units-drop-refused');
  await screen.unit('North').dispatchEvent('drop', { dataTransfer });
  await screen.unit('Sales').dispatchEvent('dragend', { dataTransfer });
  await expect(screen.unit('North')).not.toHaveClass(/drop-refused/);
  expect(await screen.parentOf('Sales')).toBe('Company');
  await screen.unit('North').dragTo(screen.unit('Operations'));
  await expect(screen.snackbar()).toContainText('Moved North to Operations');
  await expect(screen.unit('North')).toHaveAttribute('aria-level', '3');
  expect(await screen.parentOf('North')).toBe('Operations');
  await screen.screenshot('44-org-units-after-drag');
});

test('deleting a unit in use asks where its users go before Delete is enabled', async ({ app }) => {
  await seedTree(app.seed);
  const screen = new OrgUnitsPage(app.page);
  await screen.open();
  await screen.expand('Company');
  await screen.unit('Sales').click();
  await app.page.keyboard.press('Delete');
  await expect(screen.deleteDialog()).toContainText('Company / Sales and the 1 unit below it will be deleted');
  await expect(app.page.getByTestId('delete-unit-usage')).toContainText('Department of 2 users');
  await expect(app.page.getByTestId('delete-unit-ok')).toBeDisabled();
  await field(app.page, 'delete-unit-reassign').fill('Operations');
  await app.page.getByRole('option', { name: 'Company / Operations (hidden)' }).click();
  await screen.screenshot('45-org-units-delete-reassign');
  await screen.expectAccessible('delete unit dialog');
  await app.page.getByTestId('delete-unit-ok').click();
  await expect(screen.deleteDialog()).toBeHidden();
  await expect(screen.unit('Sales')).toHaveCount(0);
  await expect(screen.unit('Operations')).toContainText('2 users');
});
