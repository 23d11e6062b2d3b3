import { expect, test, SEED_ADMIN } from './fixtures';
import { field } from './pages/AppPage';
import { PasswordsPage } from './pages/PasswordsPage';
import { StartPage } from './pages/StartPage';

const FIRST_PASSWORD = 'Quartz-Zebra-9071!';
const TEMPORARY = 'Harbour-Lantern-42';
const OWN_PASSWORD = 'Marble-Heron-3318?';

test('a temporary password set by an administrator must be changed at the next sign-in', async ({ app }) => {
  await app.seed.setup();
  await app.seed.users([
    { username: 'kim.berg', firstName: 'Kim', lastName: 'Berg', platformRole: 'provisioner', sso: false, password: FIRST_PASSWORD, passwordConfirm: FIRST_PASSWORD },
  ]);
  // Kim's first sign-in activates the account; then the administrator is back at the keyboard.
  await app.seed.signIn('kim.berg', FIRST_PASSWORD);
  await app.seed.signIn(SEED_ADMIN.username, SEED_ADMIN.password);

  const screen = new PasswordsPage(app.page);
  await screen.chooseFromRowMenu('kim.berg', 'user-menu-temporary-password');
  await expect(app.page.getByTestId('set-password-dialog')).toContainText('Set a temporary password for Kim Berg (kim.berg)');
  await screen.fillNewPassword('set-password', 'KIM.BERG-2026-x');
  await expect(screen.passwordPolicy('set-password')).toHaveText('A password cannot contain the username');
  await screen.fillNewPassword('set-password', TEMPORARY);
  await expect(screen.passwordPolicy('set-password')).toHaveText('At least 12 characters, and not containing the username.');
  await screen.expectAccessible('set temporary password');
  await screen.screenshot('40-set-temporary-password');
  await screen.saveSetPassword();
  await expect(screen.snackbar()).toContainText('Kim Berg must choose a new password at their next sign-in');

  const start = new StartPage(app.page);
  await start.signOut();
  await start.signIn('kim.berg', TEMPORARY);
  await expect(app.page.getByTestId('change-password')).toContainText('Choose a new password');
  await expect(app.page.getByTestId('app-bar')).toBeHidden();
  await screen.changeOwnPassword(TEMPORARY, TEMPORARY);
  await expect(app.page.getByTestId('change-password-form')).toContainText('different from your current one');
  await screen.expectAccessible('choose a new password');
  await screen.screenshot('41-choose-new-password');
  await screen.changeOwnPassword(TEMPORARY, OWN_PASSWORD);
  await expect(app.page.getByTestId('operator-name')).toContainText('Kim Berg');

  await start.signOut();
  await start.signIn('kim.berg', TEMPORARY);
  await expect(app.page.getByTestId('signin-form')).toContainText('Wrong username or password');
});

test('a pending user gets a fresh activation code, shown once, and activates with it from the sign-in screen', async ({ app }) => {
  await app.seed.setup();
  await app.seed.users([
    { username: 'noor.aziz', firstName: 'Noor', lastName: 'Aziz', platformRole: 'provisioner', sso: false, password: FIRST_PASSWORD, passwordConfirm: FIRST_PASSWORD },
  ]);
  await app.page.reload();
  const screen = new PasswordsPage(app.page);
  await screen.openRowMenu('noor.aziz');
  await expect(app.page.getByTestId('user-menu-reset-password')).toHaveCount(0);
  await app.page.getByTestId('user-menu-resend-activation').click();
  await expect(app.page.getByTestId('confirm-dialog')).toContainText('Any code sent before stops working');
  await screen.confirm();
  const code = (await screen.activationCode().textContent())?.trim() ?? '';
  expect(code).toMatch(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$/);
  await screen.expectAccessible('activation code');
  await screen.screenshot('42-activation-code');
  await app.page.getByTestId('activation-code-done').click();
  await expect(app.page.getByTestId('activation-code-dialog')).toBeHidden();

  const start = new StartPage(app.page);
  await start.signOut();
  await screen.activate('noor.aziz', code.toLowerCase(), OWN_PASSWORD);
  await screen.expectAccessible('activation');
  await screen.screenshot('43-activate-with-code');
  await screen.submitActivation();
  await expect(app.page.getByTestId('operator-name')).toContainText('Noor Aziz');
});

test('the idle lock covers the screen without losing a half-typed form, and asks for the password again', async ({ app }) => {
  await app.page.clock.install();
  await app.seed.setup();
  const screen = new PasswordsPage(app.page);
  await screen.openAddUser();
  await field(app.page, 'user-first-name').fill('Half-typed');

  await app.page.clock.fastForward('15:10');
  await expect(screen.idleLock()).toContainText('AccessDesk is locked');
  await field(app.page, 'idle-lock-password').fill('not the password');
  await app.page.getByTestId('idle-lock-unlock').click();
  await expect(screen.idleLock()).toContainText('Wrong password');
  await screen.screenshot('44-idle-lock');

  await screen.unlock(SEED_ADMIN.password);
  await expect(app.page.getByTestId('user-dialog')).toBeVisible();
  await expect(field(app.page, 'user-first-name')).toHaveValue('Half-typed');
});
