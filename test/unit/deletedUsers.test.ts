import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { identityKey } from '../../shared/domain/identity';
import { anonymiseExpiredDeletedUsers } from '../../electron/services/automaticAnonymisation';
import { SEARCH_MERGE_THRESHOLD } from '../../electron/db/repos/deletedUsers';
import { generateLargeStore } from '../bench/generate';
import { backupTestStore, createTestCore, jobEnd, manualClock, type ManualClock, type TestCore } from '../support/core';
import { call, callFailing, FIRST_ADMIN, newUser, setUpAdmin } from '../support/operators';
import { readCells } from '../support/xlsx';

const DAY_MS = 24 * 60 * 60 * 1000;

let core: TestCore;
let clock: ManualClock;
beforeEach(async () => {
  clock = manualClock();
  core = await createTestCore({ clock });
  await setUpAdmin(core);
});
afterEach(async () => core.dispose());

async function addUser(fields: Parameters<typeof newUser>[0] = {}) {
  return call(core, 'users.create', newUser(fields));
}

/** An active operator of this role, now at the keyboard. */
async function actAs(platformRole: 'user_admin' | 'provisioner') {
  const operator = await addUser({ platformRole });
  core.ctx.session.operatorId = operator.id;
}

async function deletedIds(): Promise<number[]> {
  return (await call(core, 'users.listDeleted', { pageSize: 200 })).rows.map((row) => row.id);
}

async function latestEntry() {
  const [entry] = (await call(core, 'audit.list', { pageSize: 1 })).rows;
  return entry!;
}

function auditCount(): number {
  return core.store.sqlite.prepare('select count(*) from audit_log').pluck().get() as number;
}

describe('deleted users and restore', () => {
  test('a deleted user is listed as deleted, and restore brings them back with the status they had', async () => {
    const ben = await addUser({ firstName: 'Ben', lastName: 'Andersen' });
    const carla = await addUser({ firstName: 'Carla', lastName: 'Berg' });
    await call(core, 'users.setStatus', { userIds: [carla.id], status: 'deactivated' });
    clock.advance(60_000);
    await call(core, 'users.delete', { userIds: [ben.id, carla.id] });

    const deleted = await call(core, 'users.listDeleted', {});
    expect(deleted.rows.map((row) => [row.firstName, row.status])).toEqual([
      ['Carla', 'deactivated'],
      ['Ben', 'active'],
    ]);
    expect(deleted.rows[0]?.deletedAt).toBe(clock.now().toISOString());
    expect((await latestEntry()).sentence).toBe('Ada Admin deleted Ben Andersen (deleted) and Carla Berg (deleted)');

    expect(await call(core, 'users.restore', { userIds: [ben.id, carla.id], reason: 'Deleted by mistake' })).toEqual({ restored: 2 });
    expect(await deletedIds()).toEqual([]);
    const live = await call(core, 'users.list', { showDeactivated: true });
    expect(live.rows.filter((row) => row.id !== 1).map((row) => [row.firstName, row.status])).toEqual([
      ['Ben', 'active'],
      ['Carla', 'deactivated'],
    ]);
    const entry = await latestEntry();
    expect(entry).toMatchObject({ action: 'user.restore', reason: 'Deleted by mistake' });
    expect(entry.sentence).toBe('Ada Admin restored Ben Andersen and Carla Berg');
  });

  test('restoring users who are not deleted changes nothing and writes no entry', async () => {
    const ben = await addUser();
    const before = auditCount();
    expect(await call(core, 'users.restore', { userIds: [ben.id] })).toEqual({ restored: 0 });
    expect(auditCount()).toBe(before);
  });

  test('an email address a live user took meanwhile refuses the whole restore, naming who and why', async () => {
    const ben = await addUser({ firstName: 'Ben', lastName: 'Andersen', username: 'ben', email: 'ben@example.com' });
    const other = await addUser({ firstName: 'Other', lastName: 'One', username: 'other' });
    await call(core, 'users.delete', { userIds: [ben.id, other.id] });
    await addUser({ firstName: 'Benny', lastName: 'Newcomer', username: 'benny', email: 'BEN@example.com' });
    const before = auditCount();

    const error = await callFailing(core, 'users.restore', { userIds: [ben.id, other.id] });
    expect(error.code).toBe('conflict');
    expect(error.message).toBe('Nothing was restored: Ben Andersen (ben) has the email address Benny Newcomer (benny) uses now');
    expect((await deletedIds()).sort()).toEqual([ben.id, other.id].sort());
    expect(auditCount()).toBe(before);
  });

  test('two deleted users sharing an email address cannot both come back', async () => {
    const first = await addUser({ firstName: 'Dan', lastName: 'Cole', username: 'dan1', email: 'dan@example.com' });
    await call(core, 'users.delete', { userIds: [first.id] });
    const second = await addUser({ firstName: 'Dan', lastName: 'Cole', username: 'dan2', email: 'dan@example.com' });
    await call(core, 'users.delete', { userIds: [second.id] });
    const error = await callFailing(core, 'users.restore', { userIds: [first.id, second.id] });
    expect(error.code).toBe('conflict');
    expect(error.message).toContain('Dan Cole (dan1) and Dan Cole (dan2) share one email address; restore one of them');
    expect(await call(core, 'users.restore', { userIds: [second.id] })).toEqual({ restored: 1 });
  });

  test('an unknown id refuses as not_found, and subject rules apply as for delete', async () => {
    expect((await callFailing(core, 'users.restore', { userIds: [999] })).code).toBe('not_found');
    const boss = await addUser({ platformRole: 'super_admin' });
    const lower = await addUser();
    await call(core, 'users.delete', { userIds: [boss.id, lower.id] });
    await actAs('user_admin');
    const refused = await callFailing(core, 'users.restore', { userIds: [lower.id, boss.id] });
    expect(refused.code).toBe('forbidden');
    expect(refused.message).toMatch(/Only a Super Administrator can restore Test User \d+ \(user\d+\), who is a Super Administrator/);
    expect(await call(core, 'users.restore', { userIds: [lower.id] })).toEqual({ restored: 1 });
    expect((await callFailing(core, 'users.anonymiseAllDeleted', {})).code).toBe('forbidden');
  });

  test('a provisioner may not see or restore deleted users', async () => {
    await actAs('provisioner');
    expect((await callFailing(core, 'users.listDeleted', {})).code).toBe('forbidden');
    expect((await callFailing(core, 'users.restore', { userIds: [1] })).code).toBe('forbidden');
  });

  test('the list searches names, usernames and emails of deleted users only, and pages', async () => {
    const ids: number[] = [];
    for (let n = 0; n < 12; n += 1) ids.push((await addUser({ lastName: n % 2 === 0 ? `Even ${n}` : `Odd ${n}` })).id);
    await addUser({ lastName: 'Even but live' });
    await call(core, 'users.delete', { userIds: ids });
    expect((await call(core, 'users.listDeleted', { search: 'even' })).total).toBe(6);
    expect((await call(core, 'users.listDeleted', { search: 'Ev' })).total).toBe(6);
    const second = await call(core, 'users.listDeleted', { page: 2, pageSize: 5 });
    expect(second).toMatchObject({ total: 12, page: 2, pageSize: 5 });
    expect(second.rows).toHaveLength(5);
    expect((await call(core, 'users.listDeleted', { page: 4, pageSize: 5 })).rows).toEqual([]);
  });

  test('the list reads only restorable users through their own index', () => {
    const plan = core.store.sqlite
      .prepare("explain query plan select id from users where deleted_at is not null and anonymised_at is null order by deleted_at desc, id desc limit 50")
      .all() as { detail: string }[];
    expect(plan.map((step) => step.detail).join('\n')).toContain('users_deleted_restorable');
  });
});

describe('anonymisation', () => {
  async function deletedPeople() {
    const ben = await addUser({ firstName: 'Ben', lastName: 'Andersen', username: 'bandersen', email: 'ben.andersen@example.org' });
    const carla = await addUser({ firstName: 'Carla', lastName: 'Berg', username: 'cberg', email: 'carla.berg@example.org' });
    const group = await call(core, 'groups.create', { name: 'Planners' });
    await call(core, 'memberships.add', { groupId: group.id, userIds: [ben.id, carla.id] });
    await call(core, 'users.update', { id: ben.id, firstName: 'Ben', lastName: 'Andersen', email: 'ben.andersen@example.org', userType: 'admin' });
    await call(core, 'users.delete', { userIds: [ben.id, carla.id] });
    return { ben, carla };
  }
  const TRACES = ['Andersen', 'bandersen', 'ben.andersen@example.org', 'Carla', 'cberg', 'carla.berg@example.org'];

  function storeBytes(): Buffer {
    const files = [core.store.file, `${core.store.file}-wal`].filter((file) => existsSync(file));
    return Buffer.concat(files.map((file) => readFileSync(file)));
  }

  test('many users in one transaction with one entry: history shows "Anonymised user", the store file keeps no trace', async () => {
    const { ben, carla } = await deletedPeople();
    expect(storeBytes().includes('ben.andersen@example.org')).toBe(true);
    const before = auditCount();

    expect(await call(core, 'users.anonymise', { userIds: [ben.id, carla.id], reason: 'GDPR request 7' })).toEqual({ anonymised: 2 });
    expect(auditCount()).toBe(before + 1);
    const entry = await latestEntry();
    expect(entry).toMatchObject({ action: 'user.anonymise', reason: 'GDPR request 7' });
    expect(entry.sentence).toBe('Ada Admin anonymised 2 users: history now shows each as “Anonymised user”');

    const history = (await call(core, 'audit.list', { pageSize: 200 })).rows.map((row) => row.sentence).join('\n');
    for (const trace of TRACES) expect(history).not.toContain(trace);
    expect(history).toContain('Ada Admin deleted Anonymised user and Anonymised user');
    expect(await deletedIds()).toEqual([]);
    expect((await call(core, 'audit.verify', {})).ok).toBe(true);
    const bytes = storeBytes();
    for (const trace of TRACES) expect(bytes.includes(trace), trace).toBe(false);
  });

  test('the audit workbook names nobody anonymised', async () => {
    const { ben, carla } = await deletedPeople();
    await call(core, 'users.anonymise', { userIds: [ben.id, carla.id] });
    const file = join(core.dir, 'after-anonymising.xlsx');
    core.dialogs.nextExportPath = file;
    const { jobId } = await call(core, 'exports.start', {});
    expect(await jobEnd(core, jobId ?? '')).toMatchObject({ type: 'job.finished' });

    const cells = readCells(file);
    const text = Object.values(cells).flat(2).filter((value) => typeof value === 'string').join('\n');
    for (const trace of TRACES) expect(text).not.toContain(trace);
    const auditLog = (cells['Audit log'] ?? []).flat().join('\n');
    expect(auditLog).toContain('Anonymised user');
  });

  test('refuses a user who is not deleted, naming them, and changes nothing for the others', async () => {
    const { ben } = await deletedPeople();
    const live = await addUser({ firstName: 'Finn', lastName: 'Eide', username: 'finn' });
    const before = auditCount();
    const error = await callFailing(core, 'users.anonymise', { userIds: [ben.id, live.id] });
    expect(error.code).toBe('conflict');
    expect(error.message).toBe('Only deleted users can be anonymised; delete them first: Finn Eide (finn). Nothing was changed');
    expect(auditCount()).toBe(before);
    expect(await deletedIds()).toContain(ben.id);
  });

  test('is final: anonymising again and restoring are refused as conflict', async () => {
    const { ben, carla } = await deletedPeople();
    await call(core, 'users.anonymise', { userIds: [ben.id] });
    const again = await callFailing(core, 'users.anonymise', { userIds: [ben.id, carla.id] });
    expect(again.code).toBe('conflict');
    expect(again.message).toMatch(/^Already anonymised, which is final: Anonymised user \(anonymised-\d+\)/);
    const restore = await callFailing(core, 'users.restore', { userIds: [carla.id, ben.id] });
    expect(restore.code).toBe('conflict');
    expect(restore.message).toBe('Anonymisation is final: the selection includes an anonymised user, who cannot be restored. Nothing was changed');
    expect(await deletedIds()).toEqual([carla.id]);
  });

  test('a deleted Super Administrator can be anonymised: only the last active one is protected', async () => {
    const other = await addUser({ platformRole: 'super_admin' });
    await call(core, 'users.delete', { userIds: [other.id] });
    expect(await call(core, 'users.anonymise', { userIds: [other.id] })).toEqual({ anonymised: 1 });
    expect((await callFailing(core, 'users.anonymise', { userIds: [1] })).code).toBe('forbidden');
  });

  test('"Anonymise all deleted users" takes everyone deleted, in one entry; with nobody deleted it writes nothing', async () => {
    await deletedPeople();
    const live = await addUser();
    expect(await call(core, 'users.anonymiseAllDeleted', { reason: 'Yearly clean-up' })).toEqual({ anonymised: 2 });
    expect((await latestEntry()).sentence).toBe('Ada Admin anonymised 2 users: history now shows each as “Anonymised user”');
    const before = auditCount();
    expect(await call(core, 'users.anonymiseAllDeleted', {})).toEqual({ anonymised: 0 });
    expect(auditCount()).toBe(before);
    expect((await call(core, 'users.get', { id: live.id })).lastName).toMatch(/^User/);
  });

  test('the replacement username and email are their own identity keys', () => {
    for (const value of ['anonymised-12', 'anonymised-12@anonymised.invalid']) expect(identityKey(value)).toBe(value);
  });
});

describe('automatic anonymisation', () => {
  test('off by default; with N days, anonymises users deleted N days ago or more, as AccessDesk', async () => {
    const early = await addUser({ firstName: 'Early', lastName: 'Leaver' });
    await call(core, 'users.delete', { userIds: [early.id] });
    clock.advance(10 * DAY_MS);
    const late = await addUser({ firstName: 'Late', lastName: 'Leaver' });
    await call(core, 'users.delete', { userIds: [late.id] });
    clock.advance(25 * DAY_MS);
    expect(anonymiseExpiredDeletedUsers(core.ctx)).toBe(0);

    await call(core, 'settings.update', { anonymiseAfterDays: 30 });
    expect(anonymiseExpiredDeletedUsers(core.ctx)).toBe(1);
    const entry = await latestEntry();
    expect(entry).toMatchObject({ action: 'user.anonymise', operatorId: null });
    expect(entry.sentence).toBe('AccessDesk anonymised a user deleted 30 days ago or more: history now shows them as “Anonymised user”');
    expect(await deletedIds()).toEqual([late.id]);

    clock.advance(5 * DAY_MS - 1);
    expect(anonymiseExpiredDeletedUsers(core.ctx)).toBe(0);
    clock.advance(1);
    expect(anonymiseExpiredDeletedUsers(core.ctx)).toBe(1);
    expect(await deletedIds()).toEqual([]);
  });

  test('with N days, also erases usernames typed at failed sign-ins that matched nobody once N days old, and the chain still verifies', async () => {
    // Entries are stamped with the computer's time, so the clock starts there.
    clock.set(new Date());
    await call(core, 'settings.update', { anonymiseAfterDays: 30 });
    await call(core, 'session.signOut', {});
    await callFailing(core, 'session.signIn', { username: 'mallory.unknown', password: 'not a password anyone has' });
    clock.advance(20 * DAY_MS);
    anonymiseExpiredDeletedUsers(core.ctx);
    await call(core, 'session.signIn', { username: FIRST_ADMIN.username, password: FIRST_ADMIN.password });
    const failed = async () => (await call(core, 'audit.list', { action: 'session.signInFailed' })).rows.map((row) => row.sentence);
    expect((await failed()).join('\n')).toContain('mallory.unknown');

    clock.advance(11 * DAY_MS);
    anonymiseExpiredDeletedUsers(core.ctx);
    expect((await failed()).join('\n')).not.toContain('mallory.unknown');
    expect((await failed()).join('\n')).toContain('Anonymised user');
    expect((await latestEntry()).sentence).toBe('AccessDesk erased 1 name typed at failed sign-ins that matched no user, 30 days old or more');
    expect((await call(core, 'audit.verify', {})).ok).toBe(true);
    const files = [core.store.file, `${core.store.file}-wal`].filter((file) => existsSync(file));
    expect(Buffer.concat(files.map((file) => readFileSync(file))).includes('mallory.unknown')).toBe(false);
  });

  test('runs when AccessDesk starts', async () => {
    const leaver = await addUser();
    await call(core, 'users.delete', { userIds: [leaver.id] });
    await call(core, 'settings.update', { anonymiseAfterDays: 7 });
    const file = join(core.dir, 'copy.sqlite');
    await backupTestStore(core, file);
    const later = manualClock(new Date(clock.now().getTime() + 7 * DAY_MS));
    const restarted = await createTestCore({ copyOf: file, clock: later });
    try {
      const anonymisedAt = restarted.store.sqlite.prepare('select anonymised_at from users where id = ?').pluck().get(leaver.id);
      expect(anonymisedAt).toBe(later.now().toISOString());
    } finally {
      await restarted.dispose();
    }
  });
});

/** Every transition from DOMAIN.md "Users", in any order, against a model of what each must do. */
describe('status transitions', () => {
  type Kind = 'delete' | 'restore' | 'anonymise' | 'deactivate' | 'activate';
  test('restored returns to the status before deletion; anonymised is final; each refusal has its code', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ kind: fc.constantFrom<Kind>('delete', 'restore', 'anonymise', 'deactivate', 'activate'), who: fc.nat(2) }), { maxLength: 12 }),
        async (steps) => {
          const users = [];
          for (let n = 0; n < 3; n += 1) users.push((await addUser()).id);
          const model = users.map(() => ({ status: 'active' as 'active' | 'deactivated', deleted: false, anonymised: false }));
          for (const { kind, who } of steps) {
            const id = users[who]!;
            const state = model[who]!;
            const methods = {
              delete: () => core.invoke('users.delete', { userIds: [id] }),
              restore: () => core.invoke('users.restore', { userIds: [id] }),
              anonymise: () => core.invoke('users.anonymise', { userIds: [id] }),
              deactivate: () => core.invoke('users.setStatus', { userIds: [id], status: 'deactivated' }),
              activate: () => core.invoke('users.setStatus', { userIds: [id], status: 'active' }),
            };
            const envelope = await methods[kind]();
            const outcome = envelope.ok ? 'ok' : envelope.error.code;
            if (kind === 'anonymise') {
              expect(outcome).toBe(state.deleted && !state.anonymised ? 'ok' : 'conflict');
              if (outcome === 'ok') state.anonymised = true;
            } else if (kind === 'restore') {
              expect(outcome).toBe(state.anonymised ? 'conflict' : 'ok');
              if (outcome === 'ok') state.deleted = false;
            } else {
              expect(outcome).toBe('ok');
              if (kind === 'delete') state.deleted = true;
              else if (!state.deleted) state.status = kind === 'activate' ? 'active' : 'deactivated';
            }
            const row = core.store.sqlite.prepare('select status, deleted_at, anonymised_at from users where id = ?').get(id) as Record<string, string | null>;
            expect({ status: row.status, deleted: row.deleted_at !== null, anonymised: row.anonymised_at !== null }).toEqual(state);
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('anonymising more users than a secure delete per row suits', () => {
  test('merges the search index, and still leaves no trace of them in the store file', async () => {
    const { userIds } = generateLargeStore(core.store.sqlite, core.ctx.workspaceId, { users: SEARCH_MERGE_THRESHOLD + 20, groups: 1, memberships: 0 });
    const leaving = userIds.slice(0, SEARCH_MERGE_THRESHOLD + 1);
    const usernames = core.store.sqlite.prepare('select username from users where id in (select value from json_each(?))').pluck().all(JSON.stringify(leaving.slice(0, 50))) as string[];
    const staying = core.store.sqlite.prepare('select username from users where id = ?').pluck().get(userIds.at(-1)) as string;
    await call(core, 'users.delete', { userIds: leaving });
    expect(await call(core, 'users.anonymiseAllDeleted', {})).toEqual({ anonymised: leaving.length });
    const files = [core.store.file, `${core.store.file}-wal`].filter((file) => existsSync(file));
    const bytes = Buffer.concat(files.map((file) => readFileSync(file)));
    for (const username of usernames) expect(bytes.includes(username), username).toBe(false);
    expect(bytes.includes(staying)).toBe(true);
    expect((await call(core, 'users.list', { search: staying, showDeactivated: true })).total).toBe(1);
  });
});
