import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Method, MethodInput } from '../../shared/contract';
import { AUTH_MODES, AUTH_MODE_LABELS, authModeLock, type AuthMode } from '../../shared/domain/platformSettings';
import { AUTH_MODE_LOCKABLE_METHODS, AUTH_MODE_LOCKED_METHODS, authModeRefusal } from '../../shared/domain/authModeLocks';
import { createTestCore, type TestCore } from '../support/core';
import { call, callFailing, FIRST_ADMIN, newUser, setUpAdmin } from '../support/operators';

let core: TestCore;
let subjectId: number;
/** A password user who has signed in once, and one who has not (pending), for the password actions. */
let passwordUserId: number;
let pendingUserId: number;
const SECRET = 'a long enough secret 42';

beforeEach(async () => {
  core = await createTestCore();
  await setUpAdmin(core);
  // Made while the mode is still Local, so every locked mode has someone to act on.
  subjectId = (await call(core, 'users.create', newUser({ username: 'subject', email: 'subject@example.com' }))).id;
  const passwordFields = { sso: false, password: SECRET, passwordConfirm: SECRET };
  passwordUserId = (await call(core, 'users.create', newUser({ username: 'keyholder', platformRole: 'provisioner', ...passwordFields }))).id;
  pendingUserId = (await call(core, 'users.create', newUser({ username: 'newcomer', ...passwordFields }))).id;
  // A first sign-in activates the password user; then the administrator is back at the keyboard.
  await call(core, 'session.signIn', { username: 'keyholder', password: SECRET });
  await call(core, 'session.signIn', { username: FIRST_ADMIN.username, password: FIRST_ADMIN.password });
});
afterEach(async () => core.dispose());

/** A valid call of each lockable method on the subject, so only the mode can refuse it. */
function validInput(method: Method): unknown {
  switch (method) {
    case 'users.create':
      return newUser();
    case 'users.update':
      return { id: subjectId, firstName: 'Changed', lastName: 'Subject', email: 'subject@example.com' } satisfies MethodInput<'users.update'>;
    case 'users.setStatus':
      return { userIds: [subjectId], status: 'deactivated' } satisfies MethodInput<'users.setStatus'>;
    case 'users.delete':
      return { userIds: [subjectId] } satisfies MethodInput<'users.delete'>;
    case 'passwords.reset':
    case 'passwords.setTemporary':
      return { id: passwordUserId, password: 'another secret of 24 chars', passwordConfirm: 'another secret of 24 chars' } satisfies MethodInput<'passwords.reset'>;
    case 'passwords.resendActivation':
      return { id: pendingUserId } satisfies MethodInput<'passwords.resendActivation'>;
    default:
      throw new Error(`No valid input written for ${method}`);
  }
}

const MATRIX = AUTH_MODES.flatMap((mode) => AUTH_MODE_LOCKABLE_METHODS.map((method) => ({ mode, method })));

describe('authentication mode locks on user records', () => {
  test('Directory-synced locks adding and editing; Entra ID (read-only records) also locks status changes; nothing locks deleting', () => {
    const passwords = ['passwords.reset', 'passwords.setTemporary', 'passwords.resendActivation'];
    expect(AUTH_MODE_LOCKED_METHODS).toEqual({
      local: [],
      directory: ['users.create', 'users.update', ...passwords],
      entra: ['users.create', 'users.update', 'users.setStatus', ...passwords],
    });
  });

  test.each(MATRIX)('$mode mode and $method: refused with forbidden naming the mode exactly when the mode locks it', async ({ mode, method }) => {
    await call(core, 'settings.update', { authMode: mode });
    const entriesBefore = (await call(core, 'audit.list', {})).total;
    const refusal = authModeRefusal(mode, method);
    if (refusal === null) {
      const envelope = await core.invoke(method, validInput(method));
      expect(envelope.ok, JSON.stringify(envelope)).toBe(true);
      expect((await call(core, 'audit.list', {})).total).toBe(entriesBefore + 1);
      return;
    }
    const error = await callFailing(core, method, validInput(method));
    expect(error.code).toBe('forbidden');
    expect(error.message).toBe(authModeLock(mode));
    expect(error.message).toContain(AUTH_MODE_LABELS[mode]);
    expect((await call(core, 'audit.list', {})).total).toBe(entriesBefore);
    const subject = await call(core, 'users.get', { id: subjectId });
    expect(subject.firstName).toBe('Test');
    expect(subject.status).toBe('active');
  });

  test('switching back to Local unlocks adding and editing again', async () => {
    const locked: AuthMode = 'entra';
    await call(core, 'settings.update', { authMode: locked });
    expect((await callFailing(core, 'users.create', newUser())).code).toBe('forbidden');
    await call(core, 'settings.update', { authMode: 'local' });
    await call(core, 'users.create', newUser());
    await call(core, 'users.update', { id: subjectId, firstName: 'Again', lastName: 'Subject', email: 'subject@example.com' });
  });
});
