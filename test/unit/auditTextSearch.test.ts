import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AuditListQuery } from '../../shared/contract';
import { auditPageBefore } from '../../electron/db/repos/auditQuery';
import { auditTextMatch, auditTextQuery, searchTermsOf } from '../../electron/db/repos/auditSearchTerms';
import { textMatches } from '../support/auditText';
import { createTestCore, type TestCore } from '../support/core';
import { call, setUpAdmin } from '../support/operators';

/*
 * A log where one word is in nearly every entry (past the count at which a text's matches stop being read from
 * the index and each entry is looked up in it instead) and words share prefixes, in any case and with
 * diacritics: the pages, counts and prefix lookups must find exactly what the word rule says, whichever way the
 * query reads the log.
 */
const ENTRIES = 6000;
const OPERATORS = [2, 3, 4, 5];
const GROUPS = [1, 2, 3];
const REASONS = ['Statement review', 'STATUSES checked', 'Státus audit', 'stat sheet', 'CHG-12', 'CHG-123', 'quarterly'];
const TEXTS = ['status', 'STATU', 'stat', 'sta', 'státus a', 'statuses c', 'chg-12', 'chg-1', 'review', 'quarter', 'zzz'];

interface Written {
  id: number;
  operatorId: number;
  groupId: number;
  text: string;
}

let core: TestCore;
const written: Written[] = [];

beforeAll(async () => {
  core = await createTestCore();
  await setUpAdmin(core);
  const sqlite = core.store.sqlite;
  for (const row of sqlite.prepare('select id, operator_id, action, target_label, change from audit_log').all() as { id: number; operator_id: number; action: string; target_label: string; change: string }[]) {
    written.push({ id: row.id, operatorId: row.operator_id, groupId: 0, text: `${row.action}\n${row.target_label}\n${row.change}` });
  }
  const insert = sqlite.prepare(
    `insert into audit_log (at, operator_id, operator_label, action, target_type, target_id, target_label, change, prev_hash, hash)
     values (?, ?, 'Operator', 'group.update', 'group', ?, ?, ?, '', '')`,
  );
  const subject = sqlite.prepare("insert into audit_subjects (subject_type, subject_id, entry_id) values ('group', ?, ?)");
  const terms = sqlite.prepare('insert or ignore into audit_search_terms (term) select value from json_each(?)');
  const start = Date.now() + 24 * 3_600_000;
  sqlite.transaction(() => {
    for (let n = 0; n < ENTRIES; n += 1) {
      const operatorId = OPERATORS[n % OPERATORS.length] ?? 2;
      const groupId = GROUPS[(n * 7) % GROUPS.length] ?? 1;
      const reason = n % 3 === 0 ? REASONS[(n / 3) % REASONS.length] : undefined;
      const change = JSON.stringify({ before: { status: 'draft' }, after: { status: n % 10 === 0 ? 'archived' : 'live' }, ...(reason ? { reason } : {}) });
      const label = `Group ${groupId}`;
      const id = Number(insert.run(new Date(start + n * 60_000).toISOString(), operatorId, groupId, label, change).lastInsertRowid);
      subject.run(groupId, id);
      terms.run(JSON.stringify(searchTermsOf(['group.update', label, change])));
      written.push({ id, operatorId, groupId, text: `group.update\n${label}\n${change}` });
    }
  })();
});
afterAll(async () => core.dispose());

function expectedIds(query: AuditListQuery): number[] {
  return written
    .filter((entry) => query.operatorId === undefined || entry.operatorId === query.operatorId)
    .filter((entry) => query.target === undefined || entry.groupId === query.target.id)
    .filter((entry) => query.text === undefined || textMatches(entry.text, query.text))
    .map((entry) => entry.id)
    .sort((a, b) => b - a);
}

const queries = fc.record(
  {
    text: fc.constantFrom(...TEXTS),
    operatorId: fc.constantFrom(...OPERATORS),
    target: fc.constantFrom(...GROUPS).map((id) => ({ type: 'group' as const, id })),
  },
  { requiredKeys: ['text'] },
);

describe('free text over a common word', () => {
  test('pages hold exactly the matching entries, newest first, however the query reads the log', async () => {
    await fc.assert(
      fc.asyncProperty(queries, fc.integer({ min: 300, max: 2000 }), async (query, pageSize) => {
        // The first page as the contract serves it, the rest straight from the repository in longer pages.
        const first = await call(core, 'audit.list', { ...query, pageSize: 200 });
        const ids = first.rows.map((row) => row.id);
        let before = first.nextBefore ?? undefined;
        while (before !== undefined) {
          const page = auditPageBefore(core.store.db, query, before, pageSize);
          ids.push(...page.rows.map((row) => row.id));
          before = page.more ? page.rows[page.rows.length - 1]?.id : undefined;
        }
        expect(ids).toEqual(expectedIds(query));
      }),
      { numRuns: 8 },
    );
  });

  test('the count is exact, or a lower bound that says so', async () => {
    await fc.assert(
      fc.asyncProperty(queries, async (query) => {
        const expected = expectedIds(query).length;
        const page = await call(core, 'audit.list', query);
        if (page.totalCapped) expect(page.total).toBeLessThanOrEqual(expected);
        else expect(page.total).toBe(expected);
      }),
      { numRuns: 30 },
    );
  });

  test("a last word looked up in the word list finds what FTS5's own prefix query finds", () => {
    const ids = (match: string) => core.store.sqlite.prepare('select rowid from audit_text where audit_text match ? order by rowid').pluck().all(match);
    for (const text of TEXTS) {
      expect(ids(auditTextQuery(core.store.db, text)), text).toEqual(ids(auditTextMatch(text)));
    }
  });
});

describe('the word list', () => {
  test('holds each word as the text index folds it: case and diacritics removed, people left out', () => {
    expect(searchTermsOf(['Státus-Review ÄRGER', '{"label":"⟦person:0123abcd⟧","n":12}']).sort()).toEqual(['arger', 'label', 'n', '12', 'review', 'status'].sort());
  });
});
