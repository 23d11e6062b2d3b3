import { expect, type Locator } from '@playwright/test';
import { field } from './AppPage';
import { UsersGroupsPage } from './UsersGroupsPage';

/** The password actions of the users list, the activation path of sign-in, the new-password screen and the idle lock. */
export class PasswordsPage extends UsersGroupsPage {
  async chooseFromRowMenu(username: string, itemTestId: string): Promise<void> {
    await this.openRowMenu(username);
    await this.page.getByTestId(itemTestId).click();
  }

  passwordPolicy(prefix: string): Locator {
    return this.page.getByTestId(`${prefix}-policy`);
  }

  async fillNewPassword(prefix: string, password: string, confirm = password): Promise<void> {
    await field(this.page, `${prefix}-password`).fill(password);
    await field(this.page, `${prefix}-password-confirm`).fill(confirm);
  }

  async saveSetPassword(): Promise<void> {
    await this.page.getByTestId('set-password-save').click();
    await expect(this.page.getByTestId('set-password-dialog')).toBeHidden();
  }

  async changeOwnPassword(current: string, next: string): Promise<void> {
    await field(this.page, 'change-password-current').fill(current);
    await this.fillNewPassword('change-password', next);
    await this.page.getByTestId('change-password-submit').click();
  }

  activationCode(): Locator {
    return this.page.getByTestId('activation-code');
  }

  async activate(username: string, code: string, password: string): Promise<void> {
    await this.page.getByTestId('signin-activation').click();
    await field(this.page, 'activation-username').fill(username);
    await field(this.page, 'activation-code-input').fill(code);
    await this.fillNewPassword('activation', password);
  }

  async submitActivation(): Promise<void> {
    await this.page.getByTestId('activation-submit').click();
  }

  idleLock(): Locator {
    return this.page.getByTestId('idle-lock');
  }

  async unlock(password: string): Promise<void> {
    await field(this.page, 'idle-lock-password').fill(password);
    await this.page.getByTestId('idle-lock-unlock').click();
    await expect(this.idleLock()).toBeHidden();
  }
}
