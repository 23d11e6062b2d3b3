import Database from 'better-sqlite3';
import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { appendFileSync, copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AuditKeyError } from '../../electron/handlers/core';
import { hashEntry, legacyHashEntry } from '../../electron/services/auditHash';
import { auditKeyFileOf } from '../../electron/services/auditKeys';
import { sealsFileOf } from '../../electron/services/auditSeals';
import type { AuditRecord } from '../../electron/db/repos/audit';
import { createTestCore, type TestCore } from '../support/core';
import { call, newUser, setUpAdmin } from '../support/operators';

/** A closed store with an administrator and eight users: eleven or so entries, every one sealed. */
let templateDir: string;
let templateFile: string;
beforeAll(async () => {
  templateDir = mkdtempSync(join(tmpdir(), 'accessdesk-chain-template-'));
  const core = await createTestCore();
  await setUpAdmin(core);
  for (let i = 0; i < 8; i += 1) await call(core, 'users.create', newUser());
  await core.close();
  templateFile = join(templateDir, 'store.sqlite');
  for (const [from, to] of [
    [core.store.file, templateFile],
    [auditKeyFileOf(core.store.file), auditKeyFileOf(templateFile)],
    [sealsFileOf(core.store.file), sealsFileOf(templateFile)],
  ] as const) {
    copyFileSync(from, to);
  }
  rmSync(core.dir, { recursive: true, force: true });
});
afterAll(() => rmSync(templateDir, { recursive: true, force: true }));

async function withStore(run: (core: TestCore, raw: Database.Database, ids: number[]) => Promise<void>): Promise<void> {
  const core = await createTestCore({ copyOf: templateFile });
  const raw = new Database(core.store.file);
  try {
    const ids = raw.prepare('select id from audit_log order by id').pluck().all() as number[];
    core.ctx.session.operatorId = raw.prepare("select id from users where username = 'ada'").pluck().get() as number;
    await run(core, raw, ids);
  } finally {
    raw.close();
    await core.dispose();
  }
}

const columns = 'id, at, operator_id as operatorId, operator_label as operatorLabel, action, target_type as targetType, target_id as targetId, target_label as targetLabel, change, prev_hash as prevHash, hash';

function entries(raw: Database.Database): AuditRecord[] {
  return raw.prepare(`select ${columns} from audit_log order by id`).all() as AuditRecord[];
}

function liftGuards(raw: Database.Database): void {
  raw.exec('drop trigger if exists audit_log_refuse_update; drop trigger if exists audit_log_refuse_delete');
}

function rewrite(raw: Database.Database, entry: AuditRecord): void {
  raw
    .prepare('update audit_log set at = ?, operator_label = ?, target_label = ?, change = ?, prev_hash = ?, hash = ? where id = ?')
    .run(entry.at, entry.operatorLabel, entry.targetLabel, entry.change, entry.prevHash, entry.hash, entry.id);
}

/** Rewrites every entry from `index` on, relinking the chain with `hash` as a forger without the key would. */
function rewriteFrom(raw: Database.Database, index: number, hash: (fields: AuditRecord) => string): void {
  liftGuards(raw);
  const all = entries(raw);
  let previous = index === 0 ? '0'.repeat(64) : all[index - 1]!.hash;
  for (const entry of all.slice(index)) {
    const changed = { ...entry, prevHash: previous, change: entry.change.replace('"after"', '"after" ') };
    changed.hash = hash(changed);
    rewrite(raw, changed);
    previous = changed.hash;
  }
}

async function verify(core: TestCore) {
  return call(core, 'audit.verify', {});
}

describe('the keyed chain locates each tampering', () => {
  test('an untouched store verifies, with the last checkpoint at its head', async () => {
    await withStore(async (core, _raw, ids) => {
      const result = await verify(core);
      expect(result).toMatchObject({ ok: true, checked: ids.length, problems: [], firstBroken: null });
      expect(result.lastSeal).toMatchObject({ count: ids.length, headId: ids[ids.length - 1] });
    });
  });

  test('a changed entry is reported at exactly that entry', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), async (pick) => {
        await withStore(async (core, raw, ids) => {
          const target = ids[pick % ids.length]!;
          liftGuards(raw);
          raw.prepare("update audit_log set action = 'user.delete' where id = ?").run(target);
          const result = await verify(core);
          expect(result.ok).toBe(false);
          expect(result.firstBroken?.id).toBe(target);
          expect(result.problems).toEqual([expect.objectContaining({ entryId: target, kind: 'changed' })]);
        });
      }),
      { numRuns: 6 },
    );
  });

  test('an entry changed to hold a blob or a real, which SQLite cannot write as the app does, is reported at that entry', async () => {
    for (const change of ["change = cast(change as blob)", 'operator_id = 2.5']) {
      await withStore(async (core, raw, ids) => {
        const target = ids[ids.length >> 1]!;
        liftGuards(raw);
        raw.prepare(`update audit_log set ${change} where id = ?`).run(target);
        const result = await verify(core);
        expect(result.problems).toEqual([expect.objectContaining({ entryId: target, kind: 'changed' })]);
      });
    }
  });

  test('a removed entry is reported at the entry after the gap', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), async (pick) => {
        await withStore(async (core, raw, ids) => {
          const index = pick % (ids.length - 1);
          liftGuards(raw);
          raw.prepare('delete from audit_log where id = ?').run(ids[index]);
          const result = await verify(core);
          expect(result.firstBroken?.id).toBe(ids[index + 1]);
          expect(result.problems[0]).toMatchObject({ entryId: ids[index + 1], kind: 'removedOrReordered' });
        });
      }),
      { numRuns: 6 },
    );
  });

  test('two entries swapped are reported at the first of them', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), async (pick) => {
        await withStore(async (core, raw, ids) => {
          const index = pick % (ids.length - 1);
          const all = entries(raw);
          const [first, second] = [all[index]!, all[index + 1]!];
          liftGuards(raw);
          rewrite(raw, { ...second, id: first.id });
          rewrite(raw, { ...first, id: second.id });
          const result = await verify(core);
          expect(result.ok).toBe(false);
          expect(result.firstBroken?.id).toBe(first.id);
          expect(result.problems[0]).toMatchObject({ entryId: first.id, kind: 'removedOrReordered' });
        });
      }),
      { numRuns: 6 },
    );
  });

  test('an entry appended without the key is reported as forged at that entry', async () => {
    await withStore(async (core, raw, ids) => {
      const last = entries(raw).at(-1)!;
      const forged = { ...last, id: last.id + 1, prevHash: last.hash, action: 'user.update', at: new Date().toISOString() };
      forged.hash = hashEntry(randomBytes(32), forged);
      raw
        .prepare(`insert into audit_log (id, at, operator_id, operator_label, action, target_type, target_id, target_label, change, prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(forged.id, forged.at, forged.operatorId, forged.operatorLabel, forged.action, forged.targetType, forged.targetId, forged.targetLabel, forged.change, forged.prevHash, forged.hash);
      const result = await verify(core);
      expect(result.problems).toEqual([expect.objectContaining({ entryId: forged.id, kind: 'forged' })]);
      expect(result.checked).toBe(ids.length + 1);
    });
  });

  test('a truncated tail is found only through the checkpoints, and named "entries #k+1…#n missing"', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 5 }), async (removed) => {
        await withStore(async (core, raw, ids) => {
          const keep = ids.length - removed;
          liftGuards(raw);
          raw.prepare('delete from audit_log where id > ?').run(ids[keep - 1]);
          const result = await verify(core);
          expect(result.problems).toEqual([
            {
              entryId: ids[keep - 1],
              kind: 'truncated',
              message: expect.stringContaining(`Entries #${ids[keep - 1]! + 1}…#${ids[ids.length - 1]} are missing`),
            },
          ]);
          // What is left is a perfectly good chain: without the checkpoints nothing could be found.
          rmSync(sealsFileOf(core.store.file));
          expect((await verify(core)).problems.map((problem) => problem.kind)).toEqual(['checkpoints']);
        });
      }),
      { numRuns: 4 },
    );
  });

  test('a chain rewritten from any point, consistently relinked, is found only with the key', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.boolean(), async (pick, withOwnKey) => {
        await withStore(async (core, raw, ids) => {
          const index = pick % ids.length;
          const ownKey = randomBytes(32);
          rewriteFrom(raw, index, (fields) => (withOwnKey ? hashEntry(ownKey, fields) : legacyHashEntry(fields)));
          const result = await verify(core);
          expect(result.firstBroken?.id).toBe(ids[index]);
          // Every entry follows the one before it: the links alone would pass.
          expect(result.problems.some((problem) => problem.kind === 'removedOrReordered')).toBe(false);
          const kinds = new Set(result.problems.map((problem) => problem.kind));
          expect(kinds.has(index === ids.length - 1 ? 'changed' : 'rewritten')).toBe(true);
          expect(kinds.has('checkpointMismatch')).toBe(true);
        });
      }),
      { numRuns: 6 },
    );
  });

  test('a deleted log is reported, though no entry is left to point at', async () => {
    await withStore(async (core, raw, ids) => {
      liftGuards(raw);
      raw.exec('delete from audit_log');
      const result = await verify(core);
      expect(result).toMatchObject({ ok: false, checked: 0, firstBroken: null });
      expect(result.problems).toEqual([
        expect.objectContaining({ entryId: null, kind: 'deleted', message: expect.stringContaining(`${ids.length} entries`) }),
      ]);
    });
  });

  test('a checkpoint line not signed with the key is reported', async () => {
    await withStore(async (core) => {
      appendFileSync(
        sealsFileOf(core.store.file),
        `${JSON.stringify({ count: 1, headId: 1, headHash: 'f'.repeat(64), sealedAt: new Date().toISOString(), signature: 'a'.repeat(64) })}\n`,
      );
      const result = await verify(core);
      expect(result.problems).toEqual([expect.objectContaining({ entryId: null, kind: 'checkpoints' })]);
    });
  });

  test('checkpoints deleted while the app is closed are recorded in the chain at the next start, and reported from then on', async () => {
    await withStore(async (core, _raw, ids) => {
      await core.close();
      rmSync(sealsFileOf(core.store.file));
      const reopened = await createTestCore({ copyOf: core.store.file });
      try {
        reopened.ctx.session.operatorId = core.ctx.session.operatorId;
        await call(reopened, 'groups.create', { name: 'After the loss' });
        const result = await verify(reopened);
        const lossEntry = ids[ids.length - 1]! + 1;
        expect(result.ok).toBe(false);
        expect(result.problems).toEqual([{ entryId: lossEntry, kind: 'checkpointsLost', message: expect.stringContaining(`Before entry #${lossEntry} the checkpoints beside the store were deleted`) }]);
        const logged = (await call(reopened, 'audit.list', { action: 'audit.checkpointsLost' })).rows;
        expect(logged.map((row) => row.sentence)).toEqual([`AccessDesk found the audit checkpoints beside the store deleted when the log held ${ids.length} entries: entries removed before then can no longer be ruled out`]);
      } finally {
        await reopened.dispose();
      }
    });
  });

  test('checkpoints deleted while the app is running are recorded before the next checkpoint could vouch for a cut log', async () => {
    await withStore(async (core, raw, ids) => {
      liftGuards(raw);
      raw.prepare('delete from audit_log where id = ?').run(ids[ids.length - 1]);
      rmSync(sealsFileOf(core.store.file));
      await call(core, 'groups.create', { name: 'After the loss' });
      const kinds = (await verify(core)).problems.map((problem) => problem.kind);
      expect(kinds).toContain('checkpointsLost');
    });
  });

  test('a restart with the checkpoints in place records no loss', async () => {
    await withStore(async (core) => {
      await call(core, 'groups.create', { name: 'Sealed' });
      expect((await call(core, 'audit.list', { action: 'audit.checkpointsLost' })).total).toBe(0);
      expect((await verify(core)).ok).toBe(true);
    });
  });

  test('every committed change writes a checkpoint of the new head', async () => {
    await withStore(async (core, _raw, ids) => {
      const before = (await verify(core)).lastSeal;
      await call(core, 'groups.create', { name: 'Sealed' });
      const after = (await verify(core)).lastSeal;
      expect(after?.count).toBe((before?.count ?? 0) + 1);
      expect(after?.headId).toBeGreaterThan(ids[ids.length - 1]!);
    });
  });
});

describe('the audit key', () => {
  test('a store opened with another key is refused with a clear error, before anything is written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'accessdesk-wrong-key-'));
    try {
      const file = join(dir, 'store.sqlite');
      copyFileSync(templateFile, file);
      writeFileSync(auditKeyFileOf(file), randomBytes(32).toString('hex'));
      const { startCore } = await import('../../electron/handlers/core');
      const { plainFileAuditKeyProvider } = await import('../../electron/services/auditKeys');
      const { EXPORT_WORKER_FROM_SOURCE, MIGRATIONS_FOLDER } = await import('../support/paths');
      const opening = startCore({
        storeFile: file,
        migrationsFolder: MIGRATIONS_FOLDER,
        exportWorker: EXPORT_WORKER_FROM_SOURCE,
        dialogs: { chooseExportFile: async () => null, chooseWorkbookToVerify: async () => null, chooseUserListToImport: async () => null },
        auditKeys: plainFileAuditKeyProvider(),
        emit: () => undefined,
        checkOutput: true,
      });
      await expect(opening).rejects.toBeInstanceOf(AuditKeyError);
      await expect(opening).rejects.toThrow(/not the key this store's audit log was sealed with/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
