import { expect, type Locator } from '@playwright/test';
import { AppPage, field } from './AppPage';

export interface UserForm {
  username?: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  sso?: boolean;
  password?: string;
  passwordConfirm?: string;
}

/** The Users & Groups split pane. */
export class UsersGroupsPage extends AppPage {
  userRows(): Locator {
    return this.page.getByTestId('user-row');
  }

  userRow(username: string): Locator {
    return this.page.locator(`[data-testid="user-row"][data-username="${username}"]`);
  }

  group(name: string): Locator {
    return this.page.locator(`[data-testid="group-item"][data-group-name="${name}"]`);
  }

  /**
   * The group list is virtualised: only groups in view are in the page. Searching for the group brings
   * it into the list whatever its place.
   */
  async findGroup(name: string): Promise<Locator> {
    await field(this.page, 'groups-search').fill(name);
    await expect(this.group(name)).toBeVisible();
    return this.group(name);
  }

  async memberCount(groupName: string): Promise<number> {
    const text = await this.group(groupName).getByTestId('group-member-count').innerText();
    return Number(text.replace(/\D/g, ''));
  }

  async expectMemberCount(groupName: string, count: number): Promise<void> {
    await expect(this.group(groupName).getByTestId('group-member-count')).toHaveText(String(count));
  }

  /** Types the search and waits until the table shows its result: matching rows, or the empty state. */
  async searchUsers(text: string): Promise<void> {
    await field(this.page, 'users-search').fill(text);
    const needle = text.toLowerCase();
    await expect(async () => {
      const rows = await this.userRows().allInnerTexts();
      if (rows.length === 0) {
        await expect(this.page.getByTestId('users-table')).toContainText('No users match', { timeout: 100 });
        return;
      }
      for (const row of rows) expect(row.toLowerCase()).toContain(needle);
    }).toPass({ timeout: 10_000 });
  }

  async showDeactivated(): Promise<void> {
    await this.page.getByTestId('users-show-deactivated').locator('input').check();
  }

  async selectRows(first: number, last: number): Promise<void> {
    await this.userRows().nth(first).getByTestId('user-row-checkbox').click();
    await this.userRows().nth(last).getByTestId('user-row-checkbox').click({ modifiers: ['Shift'] });
  }

  async openRowMenu(username: string): Promise<void> {
    await this.userRow(username).getByTestId('user-row-menu').click();
    await expect(this.page.getByRole('menu')).toBeVisible();
  }

  /** A disabled control takes no pointer events; its wrapper shows the reason on hover. */
  async hoverReason(testId: string): Promise<void> {
    await this.page.getByTestId(testId).locator('xpath=..').hover();
  }

  async openAddUser(): Promise<void> {
    await this.page.getByTestId('add-user-button').click();
    await expect(this.page.getByTestId('user-dialog')).toBeVisible();
  }

  async fillUser(form: UserForm): Promise<void> {
    const pairs: [keyof UserForm, string][] = [
      ['username', 'user-username'],
      ['firstName', 'user-first-name'],
      ['lastName', 'user-last-name'],
      ['email', 'user-email'],
    ];
    for (const [key, testId] of pairs) {
      const value = form[key];
      if (typeof value === 'string') await field(this.page, testId).fill(value);
    }
    if (form.sso === false) await this.page.getByTestId('user-sso').locator('input').uncheck();
    if (form.password !== undefined) await field(this.page, 'user-password').fill(form.password);
    if (form.passwordConfirm !== undefined) await field(this.page, 'user-password-confirm').fill(form.passwordConfirm);
  }

  async saveUser(): Promise<void> {
    await this.page.getByTestId('user-save').click();
  }

  fieldMessage(testId: string): Locator {
    return this.page.getByTestId(testId).locator('.v-messages');
  }
}
