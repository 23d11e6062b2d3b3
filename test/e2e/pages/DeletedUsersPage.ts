import { expect, type Locator } from '@playwright/test';
import { AppPage, field } from './AppPage';

/** The Deleted users view: search, restore, anonymise, and anonymise all. */
export class DeletedUsersPage extends AppPage {
  async open(): Promise<void> {
    await this.page.getByTestId('nav-deleted-users').click();
    await expect(this.page.getByTestId('deleted-users-table')).toBeVisible();
  }

  row(username: string): Locator {
    return this.page.getByTestId(`deleted-user-${username}`);
  }

  rows(): Locator {
    return this.page.locator('[data-testid^="deleted-user-"]');
  }

  async search(text: string): Promise<void> {
    await field(this.page, 'deleted-users-search').fill(text);
  }

  /** Clicks the row's action and returns the confirmation's text, left open. */
  async ask(action: 'restore' | 'anonymise', username: string): Promise<Locator> {
    await this.page.getByTestId(`${action}-${username}`).click();
    const dialog = this.page.getByTestId('confirm-dialog');
    await expect(dialog).toBeVisible();
    return dialog;
  }
}
