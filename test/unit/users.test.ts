import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { USERNAME_MAX_LENGTH } from '../../shared/domain/users';
import { createTestCore, type TestCore } from '../support/core';
import { call, callFailing, newUser, setUpAdmin } from '../support/operators';

let core: TestCore;
beforeEach(async () => {
  core = await createTestCore();
  await setUpAdmin(core);
});
afterEach(async () => core.dispose());

function userCount(): number {
  return core.store.sqlite.prepare('select count(*) from users').pluck().get() as number;
}

describe('adding a user: each rule is enforced in the main process with its code and field', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['an empty username', { username: '' }, 'username'],
    ['a username of 51 characters', { username: 'u'.repeat(USERNAME_MAX_LENGTH + 1) }, 'username'],
    ['a username with a space', { username: 'ann lee' }, 'username'],
    ['an email without a domain', { email: 'ann@' }, 'email'],
    ['an email with a space', { email: 'ann lee@example.com' }, 'email'],
    ['an empty first name', { firstName: '  ' }, 'firstName'],
    ['an empty last name', { lastName: '' }, 'lastName'],
    ['an unknown user type', { userType: 'owner' }, 'userType'],
    ['a password for an SSO user', { sso: true, password: 'abcdefgh1-long', passwordConfirm: 'abcdefgh1-long' }, 'password'],
    ['no password for a password user', { sso: false }, 'password'],
    ['a short password', { sso: false, password: 'short', passwordConfirm: 'short' }, 'password'],
    ['passwords that differ', { sso: false, password: 'abcdefgh1-long', passwordConfirm: 'abcdefgh2' }, 'passwordConfirm'],
  ];
  test.each(cases)('refuses %s', async (_name, overrides, field) => {
    const before = userCount();
    const error = await callFailing(core, 'users.create', { ...newUser(), ...overrides });
    expect(error.code).toBe('validation');
    expect(error.fields?.[field]).toBeTruthy();
    expect(userCount()).toBe(before);
  });

  test('a username of exactly 50 characters is accepted', async () => {
    const row = await call(core, 'users.create', newUser({ username: 'u'.repeat(USERNAME_MAX_LENGTH) }));
    expect(row.username).toHaveLength(USERNAME_MAX_LENGTH);
  });

  test('usernames are unique ignoring case', async () => {
    await call(core, 'users.create', newUser({ username: 'Ann.Lee' }));
    const error = await callFailing(core, 'users.create', newUser({ username: 'ann.LEE' }));
    expect(error.code).toBe('conflict');
    expect(error.fields?.username).toMatch(/taken/);
  });

  test('emails are unique among users who are not deleted', async () => {
    const first = await call(core, 'users.create', newUser({ email: 'Same@Example.com' }));
    const error = await callFailing(core, 'users.create', newUser({ email: 'same@example.com' }));
    expect(error.code).toBe('conflict');
    expect(error.fields?.email).toBeTruthy();
    await call(core, 'users.delete', { userIds: [first.id] });
    const reused = await call(core, 'users.create', newUser({ email: 'same@example.com' }));
    expect(reused.email).toBe('same@example.com');
  });

  test('SSO is on by default; a password user starts pending and has no hash in any answer', async () => {
    const sso = await call(core, 'users.create', newUser());
    expect(sso).toMatchObject({ sso: true, status: 'active' });
    const local = await call(core, 'users.create', newUser({ sso: false, password: 'abcdefgh1-long', passwordConfirm: 'abcdefgh1-long' }));
    expect(local).toMatchObject({ sso: false, status: 'pending' });
    expect(JSON.stringify(local)).not.toMatch(/scrypt|passwordHash/);
    const detail = await call(core, 'users.get', { id: local.id });
    expect(JSON.stringify(detail)).not.toMatch(/scrypt|passwordHash/);
  });

  test('the username and SSO flag cannot be changed after creation', async () => {
    const user = await call(core, 'users.create', newUser());
    const error = await callFailing(core, 'users.update', {
      id: user.id, firstName: 'A', lastName: 'B', email: user.email, userType: 'standard', platformRole: 'none', username: 'renamed',
    });
    expect(error.code).toBe('validation');
    expect((await call(core, 'users.get', { id: user.id })).username).toBe(user.username);
  });
});

describe('platform roles', () => {
  test('a User Provisioner may add users but not edit, deactivate or delete them', async () => {
    await call(core, 'users.create', newUser({ username: 'prov', sso: false, password: 'adds-people-daily', passwordConfirm: 'adds-people-daily', platformRole: 'provisioner' }));
    const target = await call(core, 'users.create', newUser());
    await call(core, 'session.signOut', {});
    await call(core, 'session.signIn', { username: 'prov', password: 'adds-people-daily' });
    await call(core, 'users.create', newUser());
    expect((await callFailing(core, 'users.update', { id: target.id, firstName: 'X', lastName: 'Y', email: target.email })).code).toBe('forbidden');
    expect((await callFailing(core, 'users.setStatus', { userIds: [target.id], status: 'deactivated' })).code).toBe('forbidden');
    expect((await callFailing(core, 'users.delete', { userIds: [target.id] })).code).toBe('forbidden');
  });

  test('only roles strictly below your own can be assigned, except by a Super Administrator', async () => {
    await call(core, 'users.create', newUser({ username: 'uadmin', sso: false, password: 'administer-users-now', passwordConfirm: 'administer-users-now', platformRole: 'user_admin' }));
    await call(core, 'users.create', newUser({ platformRole: 'super_admin' }));
    await call(core, 'session.signOut', {});
    await call(core, 'session.signIn', { username: 'uadmin', password: 'administer-users-now' });
    await call(core, 'users.create', newUser({ platformRole: 'provisioner' }));
    const error = await callFailing(core, 'users.create', newUser({ platformRole: 'user_admin' }));
    expect(error.code).toBe('forbidden');
    expect(error.fields?.platformRole).toBeTruthy();
  });

  test('every call but the session ones needs a signed-in operator', async () => {
    await call(core, 'session.signOut', {});
    expect((await callFailing(core, 'users.list', {})).code).toBe('unauthenticated');
    expect((await callFailing(core, 'groups.list', {})).code).toBe('unauthenticated');
  });
});

describe('signing in', () => {
  test('a wrong password and an unknown user get the same answer', async () => {
    const wrong = await callFailing(core, 'session.signIn', { username: 'ada', password: 'nope' });
    const unknown = await callFailing(core, 'session.signIn', { username: 'nobody', password: 'nope' });
    expect(wrong).toEqual(unknown);
    expect(wrong.code).toBe('unauthenticated');
  });

  test('a pending password user is activated by their first sign-in; a deactivated one is refused', async () => {
    const user = await call(core, 'users.create', newUser({ username: 'pat', sso: false, password: 'sign-in-secret-12', passwordConfirm: 'sign-in-secret-12', platformRole: 'provisioner' }));
    await call(core, 'session.signOut', {});
    await call(core, 'session.signIn', { username: 'PAT', password: 'sign-in-secret-12' });
    await call(core, 'session.signOut', {});
    await call(core, 'session.signIn', { username: 'ada', password: 'correct horse' });
    expect((await call(core, 'users.get', { id: user.id })).status).toBe('active');
    await call(core, 'users.setStatus', { userIds: [user.id], status: 'deactivated' });
    await call(core, 'session.signOut', {});
    expect((await callFailing(core, 'session.signIn', { username: 'pat', password: 'sign-in-secret-12' })).code).toBe('forbidden');
  });

  test('setup is refused once the first administrator exists', async () => {
    const error = await callFailing(core, 'session.setup', { username: 'eve', firstName: 'E', lastName: 'V', email: 'eve@example.com', password: 'evepass12', passwordConfirm: 'evepass12' });
    expect(error.code).toBe('conflict');
  });
});

describe('status and soft delete', () => {
  test('deactivated users leave the default list and come back with the toggle', async () => {
    const user = await call(core, 'users.create', newUser({ lastName: 'Zed' }));
    await call(core, 'users.setStatus', { userIds: [user.id], status: 'deactivated' });
    const hidden = await call(core, 'users.list', { search: 'Zed' });
    expect(hidden.total).toBe(0);
    const shown = await call(core, 'users.list', { search: 'Zed', showDeactivated: true });
    expect(shown.rows.map((row) => row.id)).toEqual([user.id]);
  });

  test('you cannot deactivate or delete yourself', async () => {
    const me = await call(core, 'session.status', {});
    const id = me.operator?.id ?? 0;
    expect((await callFailing(core, 'users.setStatus', { userIds: [id], status: 'deactivated' })).code).toBe('forbidden');
    expect((await callFailing(core, 'users.delete', { userIds: [id] })).code).toBe('forbidden');
  });

  test('a deleted user leaves lists and groups, but the record and its history stay', async () => {
    const user = await call(core, 'users.create', newUser({ firstName: 'Del', lastName: 'Eted' }));
    const group = await call(core, 'groups.create', { name: 'Planners' });
    await call(core, 'memberships.add', { groupId: group.id, userIds: [user.id] });
    const result = await call(core, 'users.delete', { userIds: [user.id] });
    expect(result).toEqual({ changed: 1, skipped: 0, changedUserIds: [user.id], skippedUsers: [] });
    expect((await call(core, 'users.list', { search: 'Eted', showDeactivated: true })).total).toBe(0);
    expect((await call(core, 'groups.list', {}))[0]?.memberCount).toBe(0);
    expect(core.store.sqlite.prepare('select deleted_at from users where id = ?').pluck().get(user.id)).toBeTruthy();
    const log = await call(core, 'audit.list', { pageSize: 50 });
    const entries = log.rows.filter((row) => row.targetType === 'user' && row.target.startsWith('Del Eted'));
    expect(entries.map((row) => row.action).sort()).toEqual(['user.create', 'user.delete']);
    expect(entries.every((row) => row.target === 'Del Eted (deleted)')).toBe(true);
    expect((await callFailing(core, 'users.get', { id: user.id })).code).toBe('not_found');
  });
});

describe('listing and searching', () => {
  test('search is a substring match over username, names and email, and short text works too', async () => {
    await call(core, 'users.create', newUser({ username: 'jo.hannesen', firstName: 'Jo', lastName: 'Hannesen', email: 'jh@north.example' }));
    await call(core, 'users.create', newUser({ username: 'mkl', firstName: 'Marianne', lastName: 'Kloss', email: 'mk@south.example' }));
    const byLastNamePart = await call(core, 'users.list', { search: 'ann' });
    expect(byLastNamePart.rows.map((row) => row.username).sort()).toEqual(['jo.hannesen', 'mkl']);
    expect((await call(core, 'users.list', { search: 'south.ex' })).rows.map((row) => row.username)).toEqual(['mkl']);
    expect((await call(core, 'users.list', { search: 'kl' })).rows.map((row) => row.username)).toEqual(['mkl']);
    expect((await call(core, 'users.list', { search: '"%_' })).total).toBe(0);
  });

  test('pages are sorted on the server and stable across pages', async () => {
    for (const lastName of ['Delta', 'alpha', 'Charlie', 'bravo']) await call(core, 'users.create', newUser({ lastName }));
    const first = await call(core, 'users.list', { sortBy: 'lastName', pageSize: 2, page: 1, search: 'test' });
    const second = await call(core, 'users.list', { sortBy: 'lastName', pageSize: 2, page: 2, search: 'test' });
    expect([...first.rows, ...second.rows].map((row) => row.lastName)).toEqual(['alpha', 'bravo', 'Charlie', 'Delta']);
    const desc = await call(core, 'users.list', { sortBy: 'lastName', sortDir: 'desc', pageSize: 1, search: 'test' });
    expect(desc.rows[0]?.lastName).toBe('Delta');
    expect(desc.total).toBe(4);
  });
});

describe('a store edited by hand', () => {
  test('values the app never writes read as the least privileged ones, and lists keep working', async () => {
    const user = await call(core, 'users.create', newUser({ lastName: 'Edited' }));
    core.store.sqlite
      .prepare("update users set status = 'hacked', platform_role = 'god', user_type = 'owner' where id = ?")
      .run(user.id);
    const page = await call(core, 'users.list', { statuses: [], showDeactivated: true, pageSize: 200 });
    expect(page.rows.find((row) => row.id === user.id)).toEqual(
      expect.objectContaining({ status: 'deactivated', platformRole: 'none', userType: 'read_only' }),
    );
    expect((await call(core, 'users.get', { id: user.id })).platformRole).toBe('none');
  });
});

