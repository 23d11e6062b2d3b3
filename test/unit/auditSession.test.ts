import { existsSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createTestCore, type TestCore } from '../support/core';
import { call, callFailing, FIRST_ADMIN, newUser, setUpAdmin } from '../support/operators';

const SECRET = 'Quartz-Zebra-9071!';

let core: TestCore;
beforeEach(async () => {
  core = await createTestCore();
  await setUpAdmin(core);
});
afterEach(async () => core.dispose());

async function actions(): Promise<string[]> {
  return (await call(core, 'audit.list', { pageSize: 200 })).rows.map((row) => row.action).reverse();
}

/** Every byte SQLite keeps for the store: the file and its write-ahead log. */
function storeBytes(): string {
  const files = [core.store.file, `${core.store.file}-wal`].filter((file) => existsSync(file));
  return files.map((file) => readFileSync(file).toString('latin1')).join('');
}

describe('sign-in, failed sign-in and sign-out are in the audit log', () => {
  test('a failed sign-in is recorded with the username typed, although the sign-in fails', async () => {
    await call(core, 'session.signOut', {});
    const error = await callFailing(core, 'session.signIn', { username: 'ada', password: SECRET });
    expect(error.code).toBe('unauthenticated');
    const unknown = await callFailing(core, 'session.signIn', { username: 'nobody-here', password: SECRET });
    expect(unknown.code).toBe('unauthenticated');
    await call(core, 'session.signIn', { username: FIRST_ADMIN.username, password: FIRST_ADMIN.password });

    expect(await actions()).toEqual(['platform.setup', 'session.signOut', 'session.signInFailed', 'session.signInFailed', 'session.signIn']);
    const rows = (await call(core, 'audit.list', { action: 'session.signInFailed' })).rows;
    expect(rows.map((row) => row.sentence)).toEqual([
      'Someone tried to sign in as “nobody-here” and was refused: wrong username or password',
      'Someone tried to sign in as “ada” and was refused: wrong username or password',
    ]);
    // The attempt on a real account is found under that account.
    const ada = core.ctx.session.operatorId ?? 0;
    const onAda = await call(core, 'audit.list', { target: { type: 'user', id: ada }, action: 'session.signInFailed' });
    expect(onAda.rows).toHaveLength(1);
  });

  test('the password typed is nowhere in the store, neither from a failed sign-in nor from a created user', async () => {
    await call(core, 'users.create', newUser({ username: 'pat', sso: false, password: SECRET, passwordConfirm: SECRET }));
    await call(core, 'session.signOut', {});
    await callFailing(core, 'session.signIn', { username: 'ada', password: SECRET });
    core.store.sqlite.pragma('wal_checkpoint(PASSIVE)');
    expect(storeBytes()).not.toContain(SECRET);
    await call(core, 'session.signIn', { username: FIRST_ADMIN.username, password: FIRST_ADMIN.password });
    const failed = (await call(core, 'audit.list', { action: 'session.signInFailed' })).rows;
    expect(failed).toHaveLength(1);
    const detail = await call(core, 'audit.get', { id: failed[0]?.id ?? 0 });
    expect(JSON.parse(detail.raw.change)).toEqual({ before: null, after: { username: 'ada', refused: 'wrong username or password' } });
  });

  test('a refused account (deactivated) is recorded with the reason', async () => {
    const user = await call(core, 'users.create', newUser({ username: 'olga', platformRole: 'user_admin', sso: false, password: SECRET, passwordConfirm: SECRET }));
    await call(core, 'session.signOut', {});
    await call(core, 'session.signIn', { username: 'olga', password: SECRET });
    await call(core, 'session.signOut', {});
    await call(core, 'session.signIn', { username: FIRST_ADMIN.username, password: FIRST_ADMIN.password });
    await call(core, 'users.setStatus', { userIds: [user.id], status: 'deactivated' });
    await call(core, 'session.signOut', {});
    expect((await callFailing(core, 'session.signIn', { username: 'olga', password: SECRET })).code).toBe('forbidden');
    await call(core, 'session.signIn', { username: FIRST_ADMIN.username, password: FIRST_ADMIN.password });
    const failed = (await call(core, 'audit.list', { action: 'session.signInFailed' })).rows[0];
    expect(failed?.sentence).toBe('Someone tried to sign in as “olga” and was refused: the account is deactivated');
    const olga = (await call(core, 'audit.list', { target: { type: 'user', id: user.id } })).rows.map((row) => row.sentence);
    expect(olga).toContain(`${'Test'} ${user.lastName}'s account became active at their first sign-in`);
    expect(olga).toContain(`Test ${user.lastName} signed in`);
  });

  test('signing out during view-as records the end of the view once, then the sign-out', async () => {
    const user = await call(core, 'users.create', newUser());
    await call(core, 'viewAs.start', { userId: user.id });
    await call(core, 'session.signOut', {});
    await call(core, 'session.signIn', { username: FIRST_ADMIN.username, password: FIRST_ADMIN.password });
    expect(await actions()).toEqual(['platform.setup', 'user.create', 'viewAs.start', 'viewAs.end', 'session.signOut', 'session.signIn']);
  });
});
