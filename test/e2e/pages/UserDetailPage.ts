import { expect, type Locator } from '@playwright/test';
import { field } from './AppPage';
import { UsersGroupsPage } from './UsersGroupsPage';

/** Users & Groups with a user open in the detail pane beside the list, and the Settings view. */
export class UserDetailPage extends UsersGroupsPage {
  pane(): Locator {
    return this.page.getByTestId('user-detail');
  }

  /** Selects the row with a click, then opens it with Enter, as an administrator on the keyboard would. */
  async openWithEnter(username: string): Promise<void> {
    await this.userRow(username).locator('td.cell-username').click();
    await this.page.keyboard.press('Enter');
    await expect(this.page.getByTestId('user-detail-username')).toHaveText(username);
  }

  async openWithDoubleClick(username: string): Promise<void> {
    await this.userRow(username).locator('td.cell-username').dblclick();
    await expect(this.page.getByTestId('user-detail-username')).toHaveText(username);
  }

  async setFirstName(value: string): Promise<void> {
    await field(this.page, 'user-detail-first-name').fill(value);
  }

  async save(): Promise<void> {
    await this.page.getByTestId('user-detail-save').click();
  }

  async openSettings(): Promise<void> {
    await this.page.getByTestId('nav-settings').click();
    await expect(this.page.getByTestId('settings-view')).toBeVisible();
    await expect(field(this.page, 'settings-password-min-length')).not.toHaveValue('');
  }

  async openUsers(): Promise<void> {
    await this.page.getByTestId('nav-users-groups').click();
    await expect(this.page.getByTestId('users-table')).toBeVisible();
  }
}
