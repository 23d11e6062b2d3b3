import { expect, type Locator } from '@playwright/test';
import { UsersGroupsPage } from './UsersGroupsPage';

/** The users list's Bulk actions menu and its dry-run preview dialog. */
export class BulkPage extends UsersGroupsPage {
  dialog(): Locator {
    return this.page.getByTestId('bulk-dialog');
  }

  /** Opens the menu from the keyboard: focus the button, Enter, arrow down to the action, Enter. */
  async chooseWithKeyboard(kind: string): Promise<void> {
    await this.page.getByTestId('bulk-actions-button').focus();
    await this.page.keyboard.press('Enter');
    const menu = this.page.getByTestId('bulk-actions-menu');
    await expect(menu).toBeVisible();
    await this.page.keyboard.press('ArrowDown');
    const item = this.page.getByTestId(`bulk-action-${kind}`);
    for (let step = 0; step < 8 && !(await item.evaluate((element) => element === document.activeElement)); step += 1) {
      await this.page.keyboard.press('ArrowDown');
    }
    await this.page.keyboard.press('Enter');
    await expect(this.dialog()).toBeVisible();
  }

  counts(): Locator {
    return this.page.getByTestId('bulk-counts');
  }

  rows(): Locator {
    return this.page.getByTestId('bulk-rows').locator('.bulk-row');
  }

  async apply(reason: string): Promise<void> {
    await this.page.getByTestId('bulk-reason').locator('input').fill(reason);
    await this.page.keyboard.press('Enter');
  }
}
