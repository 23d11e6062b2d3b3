import Database from 'better-sqlite3';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { auditEntriesAfter, auditPage } from '../../electron/db/repos/audit';
import { anonymiseSubjects } from '../../electron/services/anonymise';
import { legacyHashEntry } from '../../electron/services/auditHash';
import { auditKeyFileOf } from '../../electron/services/auditKeys';
import { sealsFileOf } from '../../electron/services/auditSeals';
import type { AuditRecord } from '../../electron/db/repos/audit';
import { fillAuditChain } from '../bench/auditVerify';
import { createTestCore, type TestCore } from '../support/core';
import { call, newUser, setUpAdmin } from '../support/operators';

const ZELDA = { username: 'zquist', firstName: 'Zelda', lastName: 'Quist', email: 'zelda.quist@example.org' };

let core: TestCore;
let zeldaId: number;
beforeEach(async () => {
  core = await createTestCore();
  await setUpAdmin(core);
  const zelda = await call(core, 'users.create', newUser(ZELDA));
  zeldaId = zelda.id;
  const other = await call(core, 'users.create', newUser());
  const group = await call(core, 'groups.create', { name: 'Planners' });
  await call(core, 'memberships.add', { groupId: group.id, userIds: [zelda.id, other.id] });
  await call(core, 'users.update', { id: zelda.id, firstName: ZELDA.firstName, lastName: 'Quist-Berg', email: ZELDA.email, userType: zelda.userType, platformRole: zelda.platformRole });
  await call(core, 'viewAs.start', { userId: zelda.id });
  await call(core, 'viewAs.end', {});
  await call(core, 'users.delete', { userIds: [zelda.id] });
});
afterEach(async () => core.dispose());

function storedText(): string {
  const rows = core.store.sqlite.prepare('select operator_label, target_label, change from audit_log').raw().all() as string[][];
  return rows.flat().join('\n');
}

/** Everything on disk for this store: the store file and its write-ahead log. */
function storeBytes(): Buffer {
  const files = [core.store.file, `${core.store.file}-wal`].filter((file) => existsSync(file));
  return Buffer.concat(files.map((file) => readFileSync(file)));
}

const ADA = { id: 1, label: 'Ada Admin (ada)' };
const TRACES = [ZELDA.username, ZELDA.firstName, 'Quist', ZELDA.email];

describe('person values in history', () => {
  test('are stored apart from the chained entries, and read back in place', async () => {
    const text = storedText();
    for (const trace of TRACES) expect(text).not.toContain(trace);
    expect(text).not.toContain('Ada Admin');
    const read = auditEntriesAfter(core.store.db, 0, 100).map((entry) => `${entry.operatorLabel} ${entry.targetLabel} ${entry.change}`).join('\n');
    expect(read).toContain('Zelda Quist (zquist)');
    expect(read).toContain('zelda.quist@example.org');
    expect(read).toContain('Ada Admin (ada)');
    expect(auditPage(core.store.db, 1, 5).rows.every((row) => !row.operatorLabel.includes('⟦person'))).toBe(true);
  });

  test('anonymising erases them from history and from the store file, and the chain still verifies', async () => {
    expect(storeBytes().includes(ZELDA.email)).toBe(true);
    core.ctx.session.operatorId = 1;
    const { erasedValues } = anonymiseSubjects(core.ctx, { pick: () => [zeldaId], actor: ADA });
    expect(erasedValues).toBeGreaterThan(5);

    const verified = await call(core, 'audit.verify', {});
    expect(verified).toMatchObject({ ok: true, problems: [] });
    const entries: AuditRecord[] = auditEntriesAfter(core.store.db, 0, 100);
    const read = entries.map((entry) => `${entry.operatorLabel} ${entry.targetLabel} ${entry.change}`).join('\n');
    for (const trace of TRACES) expect(read).not.toContain(trace);
    expect(read).toContain('Anonymised user');
    expect(read).toContain('Ada Admin (ada)');
    const own = entries.at(-1)!;
    expect(own).toMatchObject({ action: 'user.anonymise', targetId: zeldaId, targetLabel: 'Anonymised user' });
    // Its only person value is the operator's own name.
    expect(core.store.sqlite.prepare('select user_id from audit_personal where entry_id = ?').pluck().all(own.id)).toEqual([1]);

    const bytes = storeBytes();
    for (const trace of TRACES) expect(bytes.includes(trace), trace).toBe(false);
    const user = core.store.sqlite.prepare('select anonymised_at, username, email from users where id = ?').get(zeldaId) as Record<string, string>;
    expect(user.anonymised_at).toBeTruthy();
  });

  test('an anonymised user cannot be anonymised again, and a live user not at all', async () => {
    core.ctx.session.operatorId = 1;
    anonymiseSubjects(core.ctx, { pick: () => [zeldaId], actor: ADA });
    expect(() => anonymiseSubjects(core.ctx, { pick: () => [zeldaId], actor: ADA })).toThrow(/Already anonymised/);
    const live = await call(core, 'users.create', newUser());
    expect(() => anonymiseSubjects(core.ctx, { pick: () => [live.id], actor: ADA })).toThrow(/Only deleted users/);
  });

  test('a value changed behind the app no longer matches its commitment, and verify says where', async () => {
    const entry = core.store.sqlite.prepare("select entry_id from audit_personal where value = 'zelda.quist@example.org' limit 1").pluck().get() as number;
    core.store.sqlite.prepare("update audit_personal set value = 'someone@else.org' where value = 'zelda.quist@example.org'").run();
    const verified = await call(core, 'audit.verify', {});
    expect(verified.firstBroken?.id).toBe(entry);
    expect(verified.problems[0]).toMatchObject({ entryId: entry, kind: 'personalValue' });
  });

  test('a changed value is reported once at its entry when the chain takes several batches to verify', async () => {
    fillAuditChain(core, 12_000);
    const entries = core.store.sqlite.prepare("select distinct entry_id from audit_personal where value = 'zelda.quist@example.org' order by 1").pluck().all() as number[];
    core.store.sqlite.prepare("update audit_personal set value = 'someone@else.org' where value = 'zelda.quist@example.org'").run();
    const verified = await call(core, 'audit.verify', {});
    expect(verified.checked).toBeGreaterThan(12_000);
    expect(verified.problems.map((problem) => [problem.entryId, problem.kind])).toEqual(entries.map((entry) => [entry, 'personalValue']));
  });
});

/** Turns the test store back into what a store written before migration 0006 held: names in entries, SHA-256. */
function makeLegacy(file: string, breakAt?: number): void {
  const raw = new Database(file);
  const entries = auditEntriesAfter(core.store.db, 0, 1000);
  raw.exec('drop trigger audit_log_refuse_update');
  let previous = '0'.repeat(64);
  for (const entry of entries) {
    const legacy = { ...entry, prevHash: previous };
    legacy.hash = legacyHashEntry(legacy);
    if (entry.id === breakAt) legacy.targetLabel = 'edited by hand';
    raw
      .prepare('update audit_log set operator_label = ?, target_label = ?, change = ?, prev_hash = ?, hash = ? where id = ?')
      .run(legacy.operatorLabel, legacy.targetLabel, legacy.change, legacy.prevHash, legacy.hash, legacy.id);
    previous = legacy.hash;
  }
  raw.exec(`
    CREATE TRIGGER audit_log_refuse_update BEFORE UPDATE ON audit_log BEGIN
      SELECT RAISE(ABORT, 'The audit log is append-only');
    END;
    delete from audit_personal; delete from audit_chain_state;`);
  raw.close();
}

describe('a store with a legacy SHA-256 chain', () => {
  test('is re-sealed with the key at start: names leave the entries, the chain verifies, the guards stay', async () => {
    const file = core.store.file;
    makeLegacy(file);
    await core.close();
    rmSync(sealsFileOf(file));
    rmSync(auditKeyFileOf(file));
    const reopened = await createTestCore({ copyOf: file });
    try {
      reopened.ctx.session.operatorId = 1;
      const verified = await call(reopened, 'audit.verify', {});
      expect(verified).toMatchObject({ ok: true, problems: [] });
      const text = (reopened.store.sqlite.prepare('select operator_label || target_label || change from audit_log').pluck().all() as string[]).join('\n');
      expect(text).not.toContain('zelda.quist@example.org');
      expect(auditEntriesAfter(reopened.store.db, 0, 100).some((entry) => entry.change.includes('zelda.quist@example.org'))).toBe(true);
      expect(() => reopened.store.sqlite.prepare("update audit_log set action = 'x' where id = 1").run()).toThrow(/append-only/);
      expect(() => reopened.store.sqlite.prepare('delete from audit_log where id = 1').run()).toThrow(/append-only/);
    } finally {
      await reopened.dispose();
    }
  });

  test('already broken before re-sealing keeps being reported at the broken entry', async () => {
    const file = core.store.file;
    makeLegacy(file, 3);
    await core.close();
    rmSync(sealsFileOf(file));
    rmSync(auditKeyFileOf(file));
    const reopened = await createTestCore({ copyOf: file });
    try {
      reopened.ctx.session.operatorId = 1;
      const verified = await call(reopened, 'audit.verify', {});
      expect(verified.firstBroken?.id).toBe(3);
      expect(verified.problems).toEqual([expect.objectContaining({ entryId: 3, kind: 'legacy' })]);
    } finally {
      await reopened.dispose();
    }
  });
});
