import { expect, type Locator } from '@playwright/test';
import { AppPage, field } from './AppPage';

/** The Org units screen: the tree, its toolbar and the add/rename, Move to… and delete dialogs. */
export class OrgUnitsPage extends AppPage {
  async open(): Promise<void> {
    await this.page.getByTestId('nav-org-units').click();
    await expect(this.page.getByTestId('org-units-view')).toBeVisible();
  }

  tree(): Locator {
    return this.page.getByTestId('org-tree');
  }

  unit(name: string): Locator {
    return this.tree().locator(`[role="treeitem"][data-name="${name}"]`);
  }

  selectedUnit(): Locator {
    return this.tree().locator('[role="treeitem"][aria-selected="true"]');
  }

  async expand(name: string): Promise<void> {
    const unit = this.unit(name);
    if ((await unit.getAttribute('aria-expanded')) !== 'true') await unit.locator('.toggle').click();
    await expect(unit).toHaveAttribute('aria-expanded', 'true');
  }

  /** The aria-level of a unit's row, and the name of the nearest row above it one level up. */
  async parentOf(name: string): Promise<string | null> {
    return this.tree().evaluate((tree, unitName) => {
      const rows = [...tree.querySelectorAll<HTMLElement>('[role="treeitem"]')];
      const index = rows.findIndex((row) => row.dataset.name === unitName);
      const level = Number(rows[index]?.getAttribute('aria-level'));
      for (let i = index - 1; i >= 0; i -= 1) {
        if (Number(rows[i]?.getAttribute('aria-level')) === level - 1) return rows[i]?.dataset.name ?? null;
      }
      return null;
    }, name);
  }

  toolbarButton(action: 'addTop' | 'addChild' | 'rename' | 'toggleHidden' | 'move' | 'remove'): Locator {
    return this.page.getByTestId(`org-${action}`);
  }

  async addUnit(name: string): Promise<void> {
    await field(this.page, 'unit-name-input').fill(name);
    await this.page.getByTestId('unit-name-save').click();
    await expect(this.page.getByTestId('unit-name-dialog')).toBeHidden();
  }

  moveDialog(): Locator {
    return this.page.getByTestId('move-unit-dialog');
  }

  deleteDialog(): Locator {
    return this.page.getByTestId('delete-unit-dialog');
  }
}
