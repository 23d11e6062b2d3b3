import { existsSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterEach, describe, expect, test } from 'vitest';
import { passwordPolicyRefusal } from '../../shared/domain/passwordPolicy';
import { identityKey } from '../../shared/domain/identity';
import { normaliseActivationCode } from '../../shared/domain/activationCode';
import { hashPassword, hashPasswordWith, verifyPassword } from '../../electron/services/passwords';
import { createTestCore, manualClock, type TestCore } from '../support/core';
import { call, callFailing, FIRST_ADMIN, newUser, setUpAdmin } from '../support/operators';

const SECRET = 'Quartz-Zebra-9071!';
const OTHER_SECRET = 'Marble-Heron-3318?';
const MINUTE = 60_000;

let core: TestCore;
afterEach(async () => core?.dispose());

async function start(clock = manualClock()) {
  core = await createTestCore({ clock });
  const admin = await setUpAdmin(core);
  return { clock, admin };
}

async function passwordUser(username: string, role: 'none' | 'provisioner' | 'user_admin' | 'super_admin' = 'provisioner') {
  return call(core, 'users.create', newUser({ username, sso: false, password: SECRET, passwordConfirm: SECRET, platformRole: role }));
}

/** A password user who has signed in once (which activates them); Ada is signed in again afterwards. */
async function activeUser(username: string, role: 'provisioner' | 'user_admin' = 'provisioner') {
  const user = await passwordUser(username, role);
  await signInAs(username, SECRET);
  await signInAs(FIRST_ADMIN.username, FIRST_ADMIN.password);
  return user;
}

async function actions(): Promise<string[]> {
  return (await call(core, 'audit.list', { pageSize: 200 })).rows.map((row) => row.action).reverse();
}

function storeBytes(): string {
  core.store.sqlite.pragma('wal_checkpoint(PASSIVE)');
  const files = [core.store.file, `${core.store.file}-wal`].filter((file) => existsSync(file));
  return files.map((file) => readFileSync(file).toString('latin1')).join('');
}

async function signInAs(username: string, password: string) {
  await call(core, 'session.signOut', {});
  return call(core, 'session.signIn', { username, password });
}

describe('the password policy', () => {
  test('a password is refused below the minimum length or when it holds the username in any case or form', () => {
    const policy = { minLength: 12 };
    expect(passwordPolicyRefusal('short', 'pat', policy)).toBe('A password has at least 12 characters');
    expect(passwordPolicyRefusal('my-PAT-is-long', 'pat', policy)).toBe('A password cannot contain the username');
    expect(passwordPolicyRefusal('ＡＲＧＥＲ-but-long', 'ärger'.replace('ä', 'a'), policy)).toBe('A password cannot contain the username');
    expect(passwordPolicyRefusal(SECRET, 'pat', policy)).toBeNull();
  });

  test('property: refused exactly when too short or when the folded password contains the folded username', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 12 }), fc.string({ maxLength: 40 }), fc.integer({ min: 8, max: 128 }), (username, password, minLength) => {
        const refusal = passwordPolicyRefusal(password, username, { minLength });
        const tooShort = [...password].length < minLength;
        const holdsUsername = identityKey(username) !== '' && identityKey(password).includes(identityKey(username));
        if (tooShort) expect(refusal).toBe(`A password has at least ${minLength} characters`);
        else if (holdsUsername) expect(refusal).toBe('A password cannot contain the username');
        else expect(refusal).toBeNull();
      }),
    );
  });

  test('property: a long enough password with the username inserted anywhere, in any case, is refused', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z][a-z0-9._-]{0,11}$/), fc.string({ minLength: 12, maxLength: 30 }), fc.nat(), fc.boolean(), (username, filler, at, upper) => {
        const position = at % (filler.length + 1);
        const password = filler.slice(0, position) + (upper ? username.toUpperCase() : username) + filler.slice(position);
        expect(passwordPolicyRefusal(password, username, { minLength: 12 })).toBe('A password cannot contain the username');
      }),
    );
  });

  test('main enforces the policy from platform settings wherever a password is set, as validation on `password`', async () => {
    await start();
    await call(core, 'settings.update', { passwordMinLength: 20 });
    const created = await callFailing(core, 'users.create', newUser({ username: 'kim', sso: false, password: SECRET, passwordConfirm: SECRET }));
    expect(created).toMatchObject({ code: 'validation', fields: { password: 'A password has at least 20 characters' } });
    await call(core, 'settings.update', { passwordMinLength: 12 });
    const kim = await activeUser('kim');
    const reset = await callFailing(core, 'passwords.reset', { id: kim.id, password: 'kim-is-my-name', passwordConfirm: 'kim-is-my-name' });
    expect(reset).toMatchObject({ code: 'validation', fields: { password: 'A password cannot contain the username' } });
    const temporary = await callFailing(core, 'passwords.setTemporary', { id: kim.id, password: 'short-one', passwordConfirm: 'short-one' });
    expect(temporary).toMatchObject({ code: 'validation', fields: { password: 'A password has at least 12 characters' } });
  });
});

describe('scrypt hashes carry their parameters', () => {
  test('a hash stored with other parameters still verifies, and a malformed one never does', () => {
    const cheaper = hashPasswordWith(SECRET, { cost: 1024, blockSize: 4, parallelism: 2 });
    expect(cheaper.split('$').slice(0, 4)).toEqual(['scrypt', '1024', '4', '2']);
    expect(verifyPassword(SECRET, cheaper)).toBe(true);
    expect(verifyPassword(OTHER_SECRET, cheaper)).toBe(false);
    const costlier = hashPasswordWith(SECRET, { cost: 65536, blockSize: 8, parallelism: 1 });
    expect(verifyPassword(SECRET, costlier)).toBe(true);
    expect(verifyPassword(SECRET, hashPassword(SECRET))).toBe(true);
    for (const broken of ['scrypt$abc$8$1$c2FsdA==$aGFzaA==', 'scrypt$1000$8$1$c2FsdA==$aGFzaGhhc2hoYXNoaGFzaA==', 'bcrypt$x', '']) {
      expect(verifyPassword(SECRET, broken)).toBe(false);
    }
  });
});

describe('reset and temporary passwords', () => {
  test('a User Administrator resets a lower user’s password; the entry never holds it', async () => {
    await start();
    const kim = await activeUser('kim');
    await call(core, 'passwords.reset', { id: kim.id, password: OTHER_SECRET, passwordConfirm: OTHER_SECRET, reason: 'ticket 42' });
    expect(storeBytes()).not.toContain(OTHER_SECRET);
    const entry = (await call(core, 'audit.list', { action: 'user.passwordReset' })).rows[0];
    expect(entry?.sentence).toMatch(/^Ada Admin reset Test User \d+'s password$/);
    await signInAs('kim', OTHER_SECRET);
    expect((await call(core, 'session.status', {})).passwordChangeRequired).toBe(false);
  });

  test('SSO users, pending users, yourself, deleted users and higher subjects are refused with their codes', async () => {
    await start();
    const sso = await call(core, 'users.create', newUser({ username: 'sso-user' }));
    const pending = await passwordUser('pending-one');
    const deleted = await passwordUser('gone-one');
    await call(core, 'users.delete', { userIds: [deleted.id] });
    const input = (id: number) => ({ id, password: OTHER_SECRET, passwordConfirm: OTHER_SECRET });
    expect(await callFailing(core, 'passwords.reset', input(sso.id))).toMatchObject({ code: 'conflict' });
    expect(await callFailing(core, 'passwords.setTemporary', input(sso.id))).toMatchObject({ code: 'conflict' });
    expect((await callFailing(core, 'passwords.reset', input(pending.id))).message).toContain('resend the activation code instead');
    const self = core.ctx.session.operatorId ?? 0;
    expect((await callFailing(core, 'passwords.reset', input(self))).code).toBe('conflict');
    expect((await callFailing(core, 'passwords.reset', input(deleted.id))).code).toBe('not_found');
    expect((await callFailing(core, 'passwords.reset', { ...input(sso.id), passwordConfirm: 'different' })).fields).toEqual({ passwordConfirm: 'The passwords do not match' });

    await activeUser('uadm', 'user_admin');
    const peer = await activeUser('peer', 'user_admin');
    await signInAs('uadm', SECRET);
    expect((await callFailing(core, 'passwords.reset', input(peer.id))).code).toBe('forbidden');
  });

  test('a locked authentication mode refuses every password action with forbidden naming the mode', async () => {
    await start();
    const kim = await passwordUser('kim');
    await call(core, 'settings.update', { authMode: 'directory' });
    for (const method of ['passwords.reset', 'passwords.setTemporary'] as const) {
      const error = await callFailing(core, method, { id: kim.id, password: OTHER_SECRET, passwordConfirm: OTHER_SECRET });
      expect(error.code).toBe('forbidden');
      expect(error.message).toContain('Directory-synced');
    }
    expect((await callFailing(core, 'passwords.resendActivation', { id: kim.id })).message).toContain('Directory-synced');
    expect((await callFailing(core, 'session.changePassword', { currentPassword: FIRST_ADMIN.password, password: SECRET, passwordConfirm: SECRET })).code).toBe('forbidden');
  });

  test('a temporary password must be changed first: every other call is refused until session.changePassword', async () => {
    await start();
    const kim = await activeUser('kim');
    await call(core, 'passwords.setTemporary', { id: kim.id, password: OTHER_SECRET, passwordConfirm: OTHER_SECRET });
    await signInAs('kim', OTHER_SECRET);
    expect(await call(core, 'session.status', {})).toMatchObject({ passwordChangeRequired: true, locked: false });
    const refused = await callFailing(core, 'users.list', {});
    expect(refused.code).toBe('unauthenticated');
    expect(refused.message).toContain('temporary password');
    expect(await callFailing(core, 'session.changePassword', { currentPassword: 'not it at all', password: SECRET, passwordConfirm: SECRET })).toMatchObject({ code: 'validation', fields: { currentPassword: 'Your current password is wrong' } });
    expect(await callFailing(core, 'session.changePassword', { currentPassword: OTHER_SECRET, password: OTHER_SECRET, passwordConfirm: OTHER_SECRET })).toMatchObject({ code: 'validation' });
    expect(await callFailing(core, 'session.changePassword', { currentPassword: OTHER_SECRET, password: 'kim-kim-kim-kim', passwordConfirm: 'kim-kim-kim-kim' })).toMatchObject({ fields: { password: 'A password cannot contain the username' } });
    await call(core, 'session.changePassword', { currentPassword: OTHER_SECRET, password: SECRET, passwordConfirm: SECRET });
    expect((await call(core, 'session.status', {})).passwordChangeRequired).toBe(false);
    await call(core, 'users.list', {});
    await signInAs(FIRST_ADMIN.username, FIRST_ADMIN.password);
    expect(await actions()).toContain('user.passwordChange');
  });
});

describe('pending users', () => {
  test('resend activation gives a one-time code shown once; the old one stops working; the code activates and signs in', async () => {
    await start();
    const kim = await passwordUser('kim');
    const first = await call(core, 'passwords.resendActivation', { id: kim.id });
    expect(first.code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    const second = await call(core, 'passwords.resendActivation', { id: kim.id });
    expect(storeBytes()).not.toContain(second.code);
    expect(storeBytes()).not.toContain(normaliseActivationCode(second.code) ?? '');
    await call(core, 'session.signOut', {});
    const old = await callFailing(core, 'session.activate', { username: 'kim', code: first.code, password: OTHER_SECRET, passwordConfirm: OTHER_SECRET });
    expect(old.code).toBe('unauthenticated');
    const typedLoosely = second.code.toLowerCase().replaceAll('-', ' ');
    const activated = await call(core, 'session.activate', { username: 'KIM', code: typedLoosely, password: OTHER_SECRET, passwordConfirm: OTHER_SECRET });
    expect(activated.operator?.username).toBe('kim');
    await signInAs(FIRST_ADMIN.username, FIRST_ADMIN.password);
    expect((await call(core, 'users.get', { id: kim.id })).status).toBe('active');
    await call(core, 'session.signOut', {});
    expect((await callFailing(core, 'session.activate', { username: 'kim', code: second.code, password: SECRET, passwordConfirm: SECRET })).code).toBe('unauthenticated');
    await call(core, 'session.signIn', { username: FIRST_ADMIN.username, password: FIRST_ADMIN.password });
    const sentences = (await call(core, 'audit.list', { action: 'user.activate' })).rows.map((row) => row.sentence);
    expect(sentences[0]).toContain('activated their account with an activation code');
  });

  test('an activation code expires after 14 days on the clock; the policy applies to the chosen password', async () => {
    const { clock } = await start();
    const kim = await passwordUser('kim');
    const issued = await call(core, 'passwords.resendActivation', { id: kim.id });
    await call(core, 'session.signOut', {});
    const weak = await callFailing(core, 'session.activate', { username: 'kim', code: issued.code, password: 'kimberly-kim', passwordConfirm: 'kimberly-kim' });
    expect(weak).toMatchObject({ code: 'validation', fields: { password: 'A password cannot contain the username' } });
    clock.advance(14 * 24 * 60 * MINUTE);
    const expired = await callFailing(core, 'session.activate', { username: 'kim', code: issued.code, password: OTHER_SECRET, passwordConfirm: OTHER_SECRET });
    expect(expired.code).toBe('unauthenticated');
    expect(expired.message).toContain('expired');
  });

  test('resend and delete pending are only for pending password users; delete pending removes the row for good', async () => {
    await start();
    const sso = await call(core, 'users.create', newUser({ username: 'sso-user' }));
    const active = await activeUser('active-one');
    const pending = await passwordUser('pending-one');
    for (const id of [sso.id, active.id]) {
      expect((await callFailing(core, 'passwords.resendActivation', { id })).code).toBe('conflict');
      expect((await callFailing(core, 'users.deletePending', { id })).code).toBe('conflict');
    }
    expect((await callFailing(core, 'users.deletePending', { id: active.id })).message).toContain('only pending users');
    await call(core, 'passwords.resendActivation', { id: pending.id });
    await call(core, 'users.deletePending', { id: pending.id, reason: 'typo in the name' });
    expect((await callFailing(core, 'users.get', { id: pending.id })).code).toBe('not_found');
    expect(core.store.sqlite.prepare('select count(*) as n from users where id = ?').get(pending.id)).toEqual({ n: 0 });
    expect(core.store.sqlite.prepare('select count(*) as n from activation_codes').get()).toEqual({ n: 0 });
    expect((await callFailing(core, 'users.deletePending', { id: pending.id })).code).toBe('not_found');
    expect(await actions()).toContain('user.deletePending');
  });
});

describe('sign-in lockout', () => {
  test('5 failed attempts lock the account for 15 minutes on the clock; a correct password is refused meanwhile; success resets', async () => {
    const { clock } = await start();
    await call(core, 'session.signOut', {});
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      expect((await callFailing(core, 'session.signIn', { username: 'ada', password: 'wrong password' })).code).toBe('unauthenticated');
    }
    const fifth = await callFailing(core, 'session.signIn', { username: 'ada', password: 'wrong password' });
    expect(fifth.code).toBe('locked');
    expect(fifth.message).toContain('until 09:15 UTC');
    const during = await callFailing(core, 'session.signIn', { username: 'ada', password: FIRST_ADMIN.password });
    expect(during).toMatchObject({ code: 'locked' });
    clock.advance(15 * MINUTE - 1);
    expect((await callFailing(core, 'session.signIn', { username: 'ada', password: FIRST_ADMIN.password })).code).toBe('locked');
    clock.advance(1);
    await call(core, 'session.signIn', { username: 'ada', password: FIRST_ADMIN.password });
    expect(await actions()).toContain('session.lockedOut');
    const locked = (await call(core, 'audit.list', { action: 'session.lockedOut' })).rows[0];
    expect(locked?.sentence).toBe('Ada Admin was locked out after 5 failed sign-ins until 09:15 UTC');
    // Success reset the count: four more failures do not lock.
    await call(core, 'session.signOut', {});
    for (let attempt = 1; attempt <= 4; attempt += 1) await callFailing(core, 'session.signIn', { username: 'ada', password: 'wrong password' });
    await call(core, 'session.signIn', { username: 'ada', password: FIRST_ADMIN.password });
  });

  test('failures for unknown usernames leave no lockout state behind', async () => {
    await start();
    await call(core, 'session.signOut', {});
    for (let attempt = 0; attempt < 20; attempt += 1) {
      await callFailing(core, 'session.signIn', { username: `nobody-${attempt}`, password: 'wrong password' });
    }
    expect(core.store.sqlite.prepare('select count(*) as n from sign_in_failures').get()).toEqual({ n: 0 });
  });
});

describe('idle lock', () => {
  test('a locked session refuses everything but status, unlock and sign-out; unlock takes the password and counts toward the lockout', async () => {
    await start();
    await call(core, 'session.lock', {});
    expect((await call(core, 'session.status', {})).locked).toBe(true);
    const refused = await callFailing(core, 'users.list', {});
    expect(refused.code).toBe('unauthenticated');
    expect(refused.message).toContain('locked');
    expect((await callFailing(core, 'session.signIn', { username: 'ada', password: FIRST_ADMIN.password })).code).toBe('unauthenticated');
    expect(await callFailing(core, 'session.unlock', { password: 'wrong password' })).toMatchObject({ code: 'unauthenticated', fields: { password: 'Wrong password' } });
    for (let attempt = 2; attempt <= 4; attempt += 1) await callFailing(core, 'session.unlock', { password: 'wrong password' });
    expect((await callFailing(core, 'session.unlock', { password: 'wrong password' })).code).toBe('locked');
    expect((await callFailing(core, 'session.unlock', { password: FIRST_ADMIN.password })).code).toBe('locked');
    await call(core, 'session.signOut', {});
    expect((await call(core, 'session.status', {})).locked).toBe(false);
  });

  test('unlocking with the right password continues the same session; unlock is refused when not locked', async () => {
    await start();
    expect((await callFailing(core, 'session.unlock', { password: FIRST_ADMIN.password })).code).toBe('conflict');
    await call(core, 'session.lock', {});
    await call(core, 'session.unlock', { password: FIRST_ADMIN.password });
    await call(core, 'users.list', {});
    expect((await call(core, 'session.status', {})).idleLockMinutes).toBe(15);
  });
});
