import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { auditEntriesAfter } from '../../electron/db/repos/audit';
import { createTestCore, type TestCore } from '../support/core';
import { call, newUser, setUpAdmin } from '../support/operators';

let core: TestCore;
beforeEach(async () => {
  core = await createTestCore();
  await setUpAdmin(core);
  for (let i = 0; i < 5; i += 1) await call(core, 'users.create', newUser());
});
afterEach(async () => core.dispose());

function auditIds(): number[] {
  return core.store.sqlite.prepare('select id from audit_log order by id').pluck().all() as number[];
}

describe('the audit log', () => {
  test('records each change with its operator and never a secret', async () => {
    await call(core, 'users.create', newUser({ username: 'secretive', sso: false, password: 'hunter2hunter2', passwordConfirm: 'hunter2hunter2' }));
    const rows = auditEntriesAfter(core.store.db, 0, 100);
    expect(rows.every((row) => row.operatorLabel === 'Ada Admin (ada)')).toBe(true);
    expect(rows.map((row) => row.change).join('\n')).not.toMatch(/hunter2|scrypt/);
    const stored = core.store.sqlite.prepare('select operator_label, change from audit_log').all() as { operator_label: string; change: string }[];
    expect(stored.map((row) => `${row.operator_label} ${row.change}`).join('\n')).not.toMatch(/hunter2|scrypt|Ada Admin/);
  });

  test('a bulk entry reads as names, the first few then how many more, with the reason', async () => {
    const ids = (await call(core, 'users.list', { sortBy: 'username' })).rows.filter((row) => row.username !== 'ada').map((row) => row.id);
    const group = await call(core, 'groups.create', { name: 'Planners' });
    await call(core, 'memberships.add', { groupId: group.id, userIds: ids, reason: 'CHG-7' });
    await call(core, 'users.setStatus', { userIds: ids.slice(0, 2), status: 'deactivated' });
    const [deactivated, added] = (await call(core, 'audit.list', {})).rows;
    expect(added?.sentence).toMatch(/^Ada Admin added Test User \d+, Test User \d+ and 3 more to Planners$/);
    expect(added?.reason).toBe('CHG-7');
    expect(deactivated?.sentence).toMatch(/^Ada Admin deactivated Test User \d+ and Test User \d+$/);
  });

  test('an entry whose stored change was replaced with garbage is listed as unreadable, and verify points at it', async () => {
    const [, second] = auditIds();
    core.store.sqlite.exec('drop trigger audit_log_refuse_update');
    core.store.sqlite.prepare('update audit_log set change = ? where id = ?').run('{not json', second);
    const page = await call(core, 'audit.list', { pageSize: 200 });
    expect(page.rows.find((row) => row.id === second)?.sentence).toMatch(/cannot be read/);
    const verified = await call(core, 'audit.verify', {});
    expect(verified.firstBroken?.id).toBe(second);
  });

  test('the chain verifies and its head is the last entry hash', async () => {
    const result = await call(core, 'audit.verify', {});
    const last = core.store.sqlite.prepare('select hash from audit_log order by id desc limit 1').pluck().get();
    expect(result).toMatchObject({ ok: true, checked: auditIds().length, headHash: last, firstBroken: null, problems: [] });
    expect(result.lastSeal).toMatchObject({ count: auditIds().length, headHash: last });
  });

  test('triggers refuse UPDATE and DELETE', () => {
    expect(() => core.store.sqlite.prepare("update audit_log set action = 'x' where id = 1").run()).toThrow(/append-only/);
    expect(() => core.store.sqlite.prepare('delete from audit_log where id = 1').run()).toThrow(/append-only/);
  });

  test('an entry changed behind the app is reported at that entry', async () => {
    const target = auditIds()[3]!;
    const raw = new Database(core.store.file);
    raw.exec('drop trigger audit_log_refuse_update');
    raw.prepare("update audit_log set target_label = 'Someone else' where id = ?").run(target);
    raw.close();
    const result = await call(core, 'audit.verify', {});
    expect(result.ok).toBe(false);
    expect(result.firstBroken?.id).toBe(target);
    expect(result.firstBroken?.reason).toMatch(/changed/);
    expect(result.problems).toContainEqual(expect.objectContaining({ entryId: target, kind: 'changed' }));
    expect(result.problems.every((problem) => problem.entryId === target)).toBe(true);
  });

  test('a removed entry is reported at the entry after the gap', async () => {
    const ids = auditIds();
    const raw = new Database(core.store.file);
    raw.exec('drop trigger audit_log_refuse_delete');
    raw.prepare('delete from audit_log where id = ?').run(ids[2]);
    raw.close();
    const result = await call(core, 'audit.verify', {});
    expect(result.firstBroken?.id).toBe(ids[3]);
    expect(result.firstBroken?.reason).toMatch(/removed|reordered/);
  });
});
