import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AuditListQuery, AuditRow } from '../../shared/contract';
import { searchTermsOf } from '../../electron/db/repos/auditSearchTerms';
import { textMatches } from '../support/auditText';
import { createTestCore, type TestCore } from '../support/core';
import { call, FIRST_ADMIN, setUpAdmin } from '../support/operators';

/*
 * A log of a few hundred entries written straight into the store (operators, actions, targets, people named
 * in bulk entries, times and reasons spread so every filter both matches and misses), then: every page the
 * contract returns holds only entries that match every filter, pages never overlap, and walking the pages
 * finds exactly the entries the filters match.
 */
const ENTRIES = 400;
const OPERATORS = [2, 3, 4, 5];
const ACTIONS = ['membership.add', 'membership.remove', 'user.update', 'group.update', 'session.signIn'] as const;
const USERS = [10, 11, 12, 13, 14, 15];
const GROUPS = [1, 2, 3];
// Words and word prefixes, phrases across punctuation, a word only inside another (`ship`, `ember`: no match
// since the text index matches words), and text an FTS5 query would read as syntax.
const TEXTS = ['CHG-1', 'chg-2', 'chg 3', 'membership', 'membership.ad', 'ship', 'ember', 'Group 2', 'group', 'status', '100%', 'done', 'active', 'no such text', '"CHG-1"', 'add OR remove', 'user*', 'NOT update', '(group'];
// Entries are appended in time order by one writer (the time filter relies on it), so these follow the setup's.
const START = Date.now() + 24 * 3_600_000;
const HOUR = 3_600_000;

interface Written {
  id: number;
  at: string;
  operatorId: number;
  action: string;
  subjects: Set<string>;
  text: string;
}

let core: TestCore;
const written: Written[] = [];

beforeAll(async () => {
  core = await createTestCore();
  await setUpAdmin(core);
  const sqlite = core.store.sqlite;
  const insert = sqlite.prepare(
    `insert into audit_log (at, operator_id, operator_label, action, target_type, target_id, target_label, change, prev_hash, hash)
     values (?, ?, 'Operator', ?, ?, ?, ?, ?, '', '')`,
  );
  const subject = sqlite.prepare('insert or ignore into audit_subjects (subject_type, subject_id, entry_id) values (?, ?, ?)');
  // The text index's word list, which the append path keeps (a search's last word is looked up there).
  const terms = sqlite.prepare('insert or ignore into audit_search_terms (term) select value from json_each(?)');
  // Existing entries (the setup) are part of the log too.
  for (const row of sqlite.prepare('select id, at, operator_id, action, change, target_label from audit_log').all() as { id: number; at: string; operator_id: number; action: string; change: string; target_label: string }[]) {
    const subjects = new Set((sqlite.prepare('select subject_type || subject_id from audit_subjects where entry_id = ?').pluck().all(row.id) as string[]));
    written.push({ id: row.id, at: row.at, operatorId: row.operator_id, action: row.action, subjects, text: `${row.action}\n${row.target_label}\n${row.change}` });
  }
  sqlite.transaction(() => {
    for (let n = 0; n < ENTRIES; n += 1) {
      const operatorId = OPERATORS[n % OPERATORS.length] ?? 2;
      const action = ACTIONS[(n * 7) % ACTIONS.length] ?? 'user.update';
      const onGroup = action.startsWith('membership.') || action === 'group.update';
      const targetId = onGroup ? (GROUPS[n % GROUPS.length] ?? 1) : (USERS[n % USERS.length] ?? 10);
      const named = onGroup ? USERS.filter((_, index) => (n + index) % 4 === 0) : [];
      const reason = n % 5 === 0 ? `CHG-${n}` : undefined;
      const change = JSON.stringify({ before: null, after: onGroup ? { addedUserIds: named } : { status: n % 2 ? 'active' : '100% done' }, ...(reason ? { reason } : {}) });
      const label = onGroup ? `Group ${targetId}` : `User ${targetId}`;
      const at = new Date(START + n * HOUR).toISOString();
      const id = Number(insert.run(at, operatorId, action, onGroup ? 'group' : 'user', targetId, label, change).lastInsertRowid);
      const subjects = new Set([`${onGroup ? 'group' : 'user'}${targetId}`, ...named.map((user) => `user${user}`)]);
      terms.run(JSON.stringify(searchTermsOf([action, label, change])));
      for (const key of subjects) subject.run(key.replace(/\d+$/, ''), Number(key.replace(/^\D+/, '')), id);
      written.push({ id, at, operatorId, action, subjects, text: `${action}\n${label}\n${change}` });
    }
  })();
});
afterAll(async () => core.dispose());

function matches(entry: Written, query: AuditListQuery): boolean {
  if (query.operatorId !== undefined && entry.operatorId !== query.operatorId) return false;
  if (query.action !== undefined && entry.action !== query.action) return false;
  if (query.target !== undefined && !entry.subjects.has(`${query.target.type}${query.target.id}`)) return false;
  if (query.from !== undefined && entry.at < query.from) return false;
  if (query.to !== undefined && entry.at > query.to) return false;
  if (query.text !== undefined && !textMatches(entry.text, query.text)) return false;
  return true;
}

const day = (offset: number) => new Date(START + offset * 24 * HOUR).toISOString();

const queries = fc.record(
  {
    operatorId: fc.constantFrom(...OPERATORS, 1),
    action: fc.constantFrom(...ACTIONS, 'platform.setup'),
    target: fc.oneof(fc.record({ type: fc.constant('user' as const), id: fc.constantFrom(...USERS) }), fc.record({ type: fc.constant('group' as const), id: fc.constantFrom(...GROUPS) })),
    from: fc.integer({ min: -2, max: 14 }).map(day),
    to: fc.integer({ min: 2, max: 18 }).map(day),
    text: fc.constantFrom(...TEXTS),
  },
  { requiredKeys: [] },
);

async function walk(query: AuditListQuery, pageSize: number): Promise<AuditRow[][]> {
  const pages: AuditRow[][] = [];
  let before: number | undefined;
  for (;;) {
    const page = await call(core, 'audit.list', { ...query, pageSize, ...(before === undefined ? {} : { before }) });
    pages.push(page.rows);
    if (page.nextBefore === null) return pages;
    expect(page.rows).toHaveLength(pageSize);
    before = page.nextBefore;
  }
}

describe('the filtered log, paged by cursor', () => {
  test('every row matches every filter; pages never overlap or skip; the count is exact below its cap', async () => {
    await fc.assert(
      fc.asyncProperty(queries, fc.integer({ min: 1, max: 60 }), async (query, pageSize) => {
        const expected = written.filter((entry) => matches(entry, query)).map((entry) => entry.id).sort((a, b) => b - a);
        const pages = await walk(query, pageSize);
        const ids = pages.flat().map((row) => row.id);
        for (const id of ids) expect(matches(written.find((entry) => entry.id === id) as Written, query)).toBe(true);
        expect(ids).toEqual(expected);
        const first = await call(core, 'audit.list', { ...query, pageSize });
        expect(first.total).toBe(expected.length);
        expect(first.totalCapped).toBe(false);
      }),
      { numRuns: 60 },
    );
  });

  test('the text rule matches words, not the inside of a word, and never reads the text as FTS5 syntax', async () => {
    const ids = async (text: string) => (await walk({ text }, 60)).flat().length;
    expect(await ids('membership')).toBeGreaterThan(0);
    expect(await ids('ship')).toBe(0);
    expect(await ids('chg-1')).toBe(written.filter((entry) => /CHG-1/.test(entry.text)).length);
  });

  test('any text, however hostile, gives a page or a validation error, never an internal one', async () => {
    const hostile = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.array(fc.constantFrom('"', '*', '^', ':', '(', ')', '-', '+', 'NEAR', 'AND', 'OR', 'NOT', ' ', '\u0000', '{', '}', 'chg', '1', '⟦person:'), { maxLength: 12 }).map((parts) => parts.join('')),
    );
    await fc.assert(
      fc.asyncProperty(hostile, fc.boolean(), async (text, withTarget) => {
        const input = { text, pageSize: 5, ...(withTarget ? { target: { type: 'group' as const, id: 1 } } : {}) };
        const envelope = await core.invoke('audit.list', input);
        if (envelope.ok) return;
        expect(envelope.error.code).toBe('validation');
      }),
      { numRuns: 200 },
    );
  });

  test('the text index holds no person value, nor the placeholders standing for them', async () => {
    const sqlite = core.store.sqlite;
    expect(sqlite.prepare('select count(*) from audit_personal').pluck().get()).toBeGreaterThan(0);
    sqlite.exec('create virtual table temp.audit_words using fts5vocab(main, audit_text, row)');
    const terms = new Set(sqlite.prepare('select term from temp.audit_words').pluck().all() as string[]);
    expect(terms.size).toBeGreaterThan(0);
    for (const word of ['ada', 'example', 'person']) expect(terms.has(word)).toBe(false);
    expect([...terms].filter((term) => /^[0-9a-f]{64}$/.test(term))).toEqual([]);
    expect((await call(core, 'audit.list', { text: FIRST_ADMIN.username })).rows).toEqual([]);
  });

  test('the first page of the whole log is the newest entries, newest first', async () => {
    const page = await call(core, 'audit.list', { pageSize: 5 });
    expect(page.rows.map((row) => row.id)).toEqual(written.map((entry) => entry.id).sort((a, b) => b - a).slice(0, 5));
  });
});
