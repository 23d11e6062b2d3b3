import { expect, test } from './fixtures';
import { field } from './pages/AppPage';
import { StartPage } from './pages/StartPage';

const ADMIN = {
  username: 'grace',
  firstName: 'Grace',
  lastName: 'Hopper',
  email: 'grace@example.com',
  password: 'cobol-since-1959',
  passwordConfirm: 'cobol-since-1959',
};

test('first start creates the Super Administrator, signs in, and later starts ask for sign-in', async ({ app }) => {
  const start = new StartPage(app.page);
  await start.expectSetup();
  await start.expectAccessible('first start');
  await start.screenshot('01-first-start');

  await start.fillSetup({ ...ADMIN, passwordConfirm: 'something else' });
  await expect(app.page.getByTestId('setup-password-confirm')).toContainText('do not match');
  await expect(app.page.getByTestId('app-bar')).toBeHidden();

  await field(app.page, 'setup-password-confirm').fill(ADMIN.password);
  await app.page.getByTestId('setup-submit').click();
  await expect(app.page.getByTestId('operator-name')).toContainText('Grace Hopper');

  await start.signOut();
  await start.expectAccessible('sign-in');
  await start.screenshot('02-sign-in');

  await start.signIn('grace', 'wrong password');
  await expect(app.page.getByTestId('signin-form')).toContainText('Wrong username or password');
  await start.signIn('GRACE', ADMIN.password);
  await expect(app.page.getByTestId('operator-name')).toContainText('Grace Hopper');
  await expect(app.page.getByTestId('users-total')).toContainText('of 1');
});
