import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import * as schema from '../../electron/db/schema';
import { chainTextReader, storedChainRowOf, type AuditRecord } from '../../electron/db/repos/audit';
import { canonicalText, chainHasher, hashEntry } from '../../electron/services/auditHash';
import { commitmentChecker, commitmentOf } from '../../electron/services/auditRedaction';

const nullableId = fc.option(fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }), { nil: null });
const text = fc.string({ unit: 'grapheme', maxLength: 200 });
const anyText = fc.oneof(text, fc.string({ unit: 'binary', maxLength: 200 }));

const fields = fc.record({
  prevHash: text,
  at: text,
  operatorId: nullableId,
  operatorLabel: anyText,
  action: text,
  targetType: text,
  targetId: nullableId,
  targetLabel: text,
  change: anyText,
});

function storedRow(entry: Omit<AuditRecord, 'id' | 'hash'>): unknown[] {
  return [entry.prevHash, entry.at, entry.operatorId, entry.operatorLabel, entry.action, entry.targetType, entry.targetId, entry.targetLabel, entry.change];
}

describe('the chain pass hashes as entries were written', () => {
  test('the HMAC over a stored row is the HMAC appendAudit wrote, for any key and any text', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 200 }), fc.array(fields, { minLength: 1, maxLength: 4 }), (keyBytes, entries) => {
        const key = Buffer.from(keyBytes);
        const hmac = chainHasher(key);
        for (const entry of entries) expect(hmac(canonicalText(storedRow(entry)))).toBe(hashEntry(key, entry));
      }),
      { numRuns: 40 },
    );
  });

  test('texts longer than the reused buffers hash the same', () => {
    const key = Buffer.alloc(32, 7);
    const long = { prevHash: '0'.repeat(64), at: 'now', operatorId: 1, operatorLabel: 'é'.repeat(40_000), action: 'a', targetType: 'user', targetId: 2, targetLabel: 't', change: '😀'.repeat(30_000) };
    expect(chainHasher(key)(canonicalText(storedRow(long)))).toBe(hashEntry(key, long));
    expect(commitmentChecker()('ab'.repeat(3000), 'é'.repeat(5000))).toBe(commitmentOf('ab'.repeat(3000), 'é'.repeat(5000)));
  });

  test('a commitment is recomputed as it was made, salts that are not hex included', () => {
    const check = commitmentChecker();
    const salt = fc.oneof(fc.stringMatching(/^[0-9a-f]{32}$/), fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 60 }));
    fc.assert(
      fc.property(salt, anyText, (saltText, value) => {
        expect(check(saltText, value)).toBe(commitmentOf(saltText, value));
      }),
      { numRuns: 200 },
    );
  });

  test("SQLite's text of a stored entry is the canonical text of its fields, or null where it would not be", () => {
    const sqlite = new Database(':memory:');
    // The stored columns' types, without the constraints that keep out what a tamperer could still write.
    sqlite.exec(`create table audit_log (id integer primary key, at text, operator_id integer, operator_label text, action text,
      target_type text, target_id integer, target_label text, change text, prev_hash text, hash text)`);
    const db = drizzle(sqlite, { schema });
    const insert = sqlite.prepare('insert into audit_log values (null, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    const readTexts = chainTextReader(db);
    const readRow = storedChainRowOf(db);
    const stored = fc.oneof(anyText, fc.integer(), fc.double({ noNaN: true }), fc.constant(null), fc.uint8Array({ maxLength: 8 }).map((bytes) => Buffer.from(bytes)));
    fc.assert(
      fc.property(fields, stored, (entry, odd) => {
        sqlite.exec('delete from audit_log');
        insert.run(entry.at, entry.operatorId, entry.operatorLabel, entry.action, entry.targetType, entry.targetId, entry.targetLabel, entry.change, entry.prevHash, 'h');
        insert.run(entry.at, entry.operatorId, entry.operatorLabel, entry.action, entry.targetType, entry.targetId, entry.targetLabel, odd, entry.prevHash, 'h');
        for (const [text, , id] of readTexts(0, 10)) {
          const row: unknown[] = readRow(id) ?? [];
          row.length = 9;
          if (text !== null) expect(text).toBe(canonicalText(row));
          else expect(row.some((value) => Buffer.isBuffer(value) || (typeof value === 'number' && !Number.isInteger(value)))).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
    sqlite.close();
  });
});
