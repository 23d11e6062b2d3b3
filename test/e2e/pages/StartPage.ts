import { expect } from '@playwright/test';
import { AppPage, field } from './AppPage';

export interface AdministratorForm {
  username: string;
  firstName: string;
  lastName: string;
  email: string;
  password: string;
  passwordConfirm: string;
}

/** The first-start and sign-in screens. */
export class StartPage extends AppPage {
  async expectSetup(): Promise<void> {
    await expect(this.page.getByTestId('setup-form')).toBeVisible();
  }

  async fillSetup(form: AdministratorForm): Promise<void> {
    await field(this.page, 'setup-username').fill(form.username);
    await field(this.page, 'setup-first-name').fill(form.firstName);
    await field(this.page, 'setup-last-name').fill(form.lastName);
    await field(this.page, 'setup-email').fill(form.email);
    await field(this.page, 'setup-password').fill(form.password);
    await field(this.page, 'setup-password-confirm').fill(form.passwordConfirm);
    await this.page.getByTestId('setup-submit').click();
  }

  async openDemo(): Promise<void> {
    await this.page.getByTestId('open-demo').click();
    await expect(this.page.getByTestId('app-bar')).toBeVisible({ timeout: 30_000 });
  }

  async signIn(username: string, password: string): Promise<void> {
    await expect(this.page.getByTestId('signin-form')).toBeVisible();
    await field(this.page, 'signin-username').fill(username);
    await field(this.page, 'signin-password').fill(password);
    await this.page.getByTestId('signin-submit').click();
  }

  async signOut(): Promise<void> {
    await this.page.getByTestId('account-menu').click();
    await this.page.getByTestId('sign-out').click();
    await expect(this.page.getByTestId('signin-form')).toBeVisible();
  }
}
