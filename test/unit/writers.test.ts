/**
 * Bulk changes and two writers, through the contract on a real store: one audit entry naming everyone, per-user
 * outcomes, refusal of the whole action, and a second process holding the write lock.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { createTestCore, type TestCore } from '../support/core';
import { call, callFailing, newUser, setUpAdmin } from '../support/operators';
import { REPO_ROOT } from '../support/paths';
import { storeHash } from '../support/storeHash';

const cores: TestCore[] = [];
const holders: ChildProcess[] = [];
afterEach(async () => {
  for (const holder of holders.splice(0)) holder.kill();
  for (const core of cores.splice(0)) await core.dispose();
});

async function adminCore(busyTimeoutMs?: number): Promise<TestCore> {
  const core = await createTestCore(busyTimeoutMs === undefined ? {} : { busyTimeoutMs });
  cores.push(core);
  await setUpAdmin(core);
  return core;
}

async function createUsers(core: TestCore, count: number, overrides: Parameters<typeof newUser>[0] = {}): Promise<number[]> {
  const ids: number[] = [];
  for (let n = 0; n < count; n += 1) ids.push((await call(core, 'users.create', newUser(overrides))).id);
  return ids;
}

function auditCount(core: TestCore): number {
  return core.store.sqlite.prepare('select count(*) from audit_log').pluck().get() as number;
}

describe('bulk changes', () => {
  test('deactivating many users writes one audit entry that names every affected user, with the reason', async () => {
    const core = await adminCore();
    const ids = await createUsers(core, 30);
    await call(core, 'users.setStatus', { userIds: ids.slice(0, 5), status: 'deactivated' });
    const before = auditCount(core);
    const result = await call(core, 'users.setStatus', { userIds: ids, status: 'deactivated', reason: 'TICKET-42' });
    expect(result.changed).toBe(25);
    expect(result.changedUserIds.sort()).toEqual(ids.slice(5).sort());
    expect(result.skippedUsers).toEqual(ids.slice(0, 5).map((userId) => ({ userId, reason: 'Already deactivated' })));
    expect(auditCount(core)).toBe(before + 1);
    const entry = core.store.sqlite.prepare('select change from audit_log order by id desc limit 1').pluck().get() as string;
    const change = JSON.parse(entry) as { after: { users: { id: number }[] }; reason: string };
    expect(change.after.users.map((user) => user.id).sort()).toEqual(ids.slice(5).sort());
    expect(change.reason).toBe('TICKET-42');
  });

  test('one refused subject refuses the whole action, names who and why, and changes nothing', async () => {
    const core = await adminCore();
    const [adminId] = core.store.sqlite.prepare("select id from users where username = 'ada'").pluck().all() as number[];
    const ids = await createUsers(core, 4);
    const before = storeHash(core.store.sqlite);
    const error = await callFailing(core, 'users.delete', { userIds: [...ids, adminId] });
    expect(error.code).toBe('forbidden');
    expect(error.message).toContain('You cannot delete your own account');
    expect(storeHash(core.store.sqlite)).toBe(before);
  });

  test('a User Administrator cannot deactivate a Super Administrator, even among lower users', async () => {
    const core = await adminCore();
    const lower = await createUsers(core, 3);
    const [userAdmin] = await createUsers(core, 1, { platformRole: 'user_admin' });
    const [otherSuper] = await createUsers(core, 1, { platformRole: 'super_admin' });
    core.ctx.session.operatorId = userAdmin!;
    const before = storeHash(core.store.sqlite);
    const error = await callFailing(core, 'users.setStatus', { userIds: [...lower, otherSuper!], status: 'deactivated' });
    expect(error.code).toBe('forbidden');
    expect(error.message).toMatch(/Only a Super Administrator can deactivate .*Super Administrator/);
    expect(storeHash(core.store.sqlite)).toBe(before);
  });

  test('deleting users removes their memberships in the same change and reports each outcome', async () => {
    const core = await adminCore();
    const ids = await createUsers(core, 6);
    const group = await call(core, 'groups.create', { name: 'Leaving' });
    await call(core, 'memberships.add', { groupId: group.id, userIds: ids });
    await call(core, 'users.delete', { userIds: ids.slice(0, 2) });
    const result = await call(core, 'users.delete', { userIds: ids, reason: 'Left the company' });
    expect(result.changedUserIds.sort()).toEqual(ids.slice(2).sort());
    expect(result.skippedUsers.map((skip) => skip.reason)).toEqual(['Already deleted', 'Already deleted']);
    expect((await call(core, 'groups.list', {}))[0]?.memberCount).toBe(0);
  });
});

/** Another process that takes the store's write lock and holds it for `holdMs`. */
function holdWriteLock(file: string, holdMs: number): Promise<ChildProcess> {
  const script = `
    const Database = require(${JSON.stringify(join(REPO_ROOT, 'node_modules', 'better-sqlite3'))});
    const db = new Database(process.argv[1]);
    db.exec('BEGIN IMMEDIATE');
    process.stdout.write('locked\\n');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(process.argv[2]));
    db.exec('COMMIT');
    db.close();`;
  const child = spawn(process.execPath, ['-e', script, file, String(holdMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
  holders.push(child);
  return new Promise((resolve, reject) => {
    child.stdout?.once('data', () => resolve(child));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the lock holder exited early (${code})`)));
  });
}

describe('two writers on one store', () => {
  test('a change waits for the other writer and then succeeds', async () => {
    const core = await adminCore(5000);
    await holdWriteLock(core.store.file, 400);
    const created = await call(core, 'users.create', newUser());
    expect(created.id).toBeGreaterThan(0);
  });

  test('a writer held past the wait fails as busy with a clear message and changes nothing', async () => {
    const core = await adminCore(150);
    const before = storeHash(core.store.sqlite);
    await holdWriteLock(core.store.file, 3000);
    const error = await callFailing(core, 'users.create', newUser());
    expect(error.code).toBe('busy');
    expect(error.message).toMatch(/busy/);
    expect(storeHash(core.store.sqlite)).toBe(before);
  });
});
