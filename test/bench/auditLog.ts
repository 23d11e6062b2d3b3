/**
 * The audit log at 1,000,000 entries: a bench-only store filled with direct SQL (entries and their subject
 * index as the mutation runner writes them, hashes not chained: paging never reads them), then the log's
 * pages through the contract, newest first and deep, unfiltered and filtered each way the view filters.
 */
import { performance } from 'node:perf_hooks';
import { searchTermsOf } from '../../electron/db/repos/auditSearchTerms';
import type Database from 'better-sqlite3';
import type { AuditListQuery } from '../../shared/contract';
import { AUDIT_ACTIONS } from '../../shared/domain/auditActions';
import { createTestCore, type TestCore } from '../support/core';
import { call, setUpAdmin } from '../support/operators';

export interface AuditPageFigures {
  entries: number;
  generateMs: number;
  /** Each kind of page's timings through the contract, in milliseconds. */
  pages: Record<string, number[]>;
  /** The slowest median over the structured filters (operator, action, target user or group, time range, combined). */
  auditPageAt1MMs: number;
  /** The slowest 95th percentile over the same filters. */
  auditPageAt1MP95Ms: number;
  /** The slower median of the newest page and a deep page, unfiltered. */
  auditUnfilteredPageAt1MMs: number;
  /** The slowest median of a free-text page: a rare reason, a common word, and text combined with other filters. */
  auditTextPageAt1MMs: number;
}

const OPERATORS = 20;
const USERS = 100_000;
const GROUPS = 2_000;

function seeded(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Entries spread over two years, a fifth of them membership changes naming three users each, one in ten with a reason. */
export function fillAuditLog(sqlite: Database.Database, entries: number): void {
  const random = seeded(7);
  const start = Date.parse('2024-11-01T00:00:00Z');
  const step = (2 * 365 * 24 * 3600 * 1000) / entries;
  const insertEntry = sqlite.prepare(
    `insert into audit_log (id, at, operator_id, operator_label, action, target_type, target_id, target_label, change, prev_hash, hash)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertSubject = sqlite.prepare('insert or ignore into audit_subjects (subject_type, subject_id, entry_id) values (?, ?, ?)');
  // The word list the append path keeps beside the text index (migration 0010), added to as appendAudit does.
  const insertTerms = sqlite.prepare('insert or ignore into audit_search_terms (term) select value from json_each(?)');
  const hash = '0'.repeat(64);
  const firstId = ((sqlite.prepare('select max(id) from audit_log').pluck().get() as number | null) ?? 0) + 1;
  sqlite.transaction(() => {
    for (let n = 0; n < entries; n += 1) {
      const id = firstId + n;
      const operatorId = 2 + Math.floor(random() * OPERATORS);
      const roll = random();
      const action = roll < 0.2 ? 'membership.add' : AUDIT_ACTIONS[Math.floor(random() * AUDIT_ACTIONS.length)] ?? 'user.update';
      const onGroup = action.startsWith('membership.') || action.startsWith('group.');
      const targetId = onGroup ? 1 + Math.floor(random() * GROUPS) : 2 + Math.floor(random() * USERS);
      const users = action === 'membership.add' ? [0, 1, 2].map(() => 2 + Math.floor(random() * USERS)) : [];
      const reason = random() < 0.1 ? `CHG-${Math.floor(random() * 100_000)}` : undefined;
      const change = JSON.stringify({
        before: onGroup ? null : { email: `⟦person:${'a'.repeat(64)}⟧`, status: 'active' },
        after: users.length > 0 ? { addedUserIds: users, users: users.map((user) => ({ id: user, label: `⟦person:${'b'.repeat(64)}⟧` })) } : { status: 'deactivated' },
        ...(reason ? { reason } : {}),
      });
      insertEntry.run(id, new Date(start + n * step).toISOString(), operatorId, `⟦person:${'c'.repeat(64)}⟧`, action, onGroup ? 'group' : 'user', targetId, onGroup ? `Group ${targetId}` : `⟦person:${'d'.repeat(64)}⟧`, change, hash, hash);
      insertSubject.run(onGroup ? 'group' : 'user', targetId, id);
      insertTerms.run(JSON.stringify(searchTermsOf([action, onGroup ? `Group ${targetId}` : '', change])));
      for (const user of users) insertSubject.run('user', user, id);
    }
  })();
}

function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function samplesOf(core: TestCore, queries: readonly AuditListQuery[], runs: number): Promise<number[]> {
  const samples: number[] = [];
  for (let run = 0; run < runs + 3; run += 1) {
    const query = queries[run % queries.length] ?? {};
    const started = performance.now();
    await call(core, 'audit.list', query);
    if (run >= 3) samples.push(performance.now() - started);
  }
  return samples;
}

export async function benchAuditLog(entries = 1_000_000, runs = 40): Promise<AuditPageFigures> {
  const core = await createTestCore();
  try {
    await setUpAdmin(core);
    const started = performance.now();
    fillAuditLog(core.store.sqlite, entries);
    core.store.sqlite.pragma('optimize');
    const generateMs = performance.now() - started;
    const head = core.store.sqlite.prepare('select max(id) from audit_log').pluck().get() as number;
    const deep = (run: number) => Math.max(2, Math.floor(head * ((run * 37) % 100) / 100));
    const spread = (make: (run: number) => AuditListQuery) => Array.from({ length: 20 }, (_, run) => make(run));
    const month = (run: number) => {
      const from = new Date(Date.parse('2025-01-01T00:00:00Z') + run * 30 * 24 * 3600 * 1000);
      return { from: from.toISOString(), to: new Date(from.getTime() + 30 * 24 * 3600 * 1000).toISOString() };
    };
    const pages: Record<string, number[]> = {
      'newest page': await samplesOf(core, [{}], runs),
      'deep page': await samplesOf(core, spread((run) => ({ before: deep(run) })), runs),
      operator: await samplesOf(core, spread((run) => ({ operatorId: 2 + (run % OPERATORS) })), runs),
      'operator, deep': await samplesOf(core, spread((run) => ({ operatorId: 2 + (run % OPERATORS), before: deep(run) })), runs),
      action: await samplesOf(core, spread((run) => ({ action: AUDIT_ACTIONS[run % AUDIT_ACTIONS.length] ?? 'user.update' })), runs),
      'target user': await samplesOf(core, spread((run) => ({ target: { type: 'user', id: 2 + ((run * 4_999) % USERS) } })), runs),
      'target group': await samplesOf(core, spread((run) => ({ target: { type: 'group', id: 1 + ((run * 97) % GROUPS) } })), runs),
      'time range (a month)': await samplesOf(core, spread((run) => month(run)), runs),
      'operator + action + month': await samplesOf(core, spread((run) => ({ operatorId: 2 + (run % OPERATORS), action: 'membership.add', ...month(run) })), runs),
      'user + action': await samplesOf(core, spread((run) => ({ target: { type: 'user', id: 2 + ((run * 4_999) % USERS) }, action: 'membership.add' })), runs),
      'text (a reason)': await samplesOf(core, spread((run) => ({ text: `CHG-${10_000 + run}` })), runs),
      'text (a common word)': await samplesOf(core, spread((run) => ({ text: ['membership', 'deactivated', 'status', 'active'][run % 4] ?? 'status' })), runs),
      'text (a common word), deep': await samplesOf(core, spread((run) => ({ text: 'status', before: deep(run) })), runs),
      'text + operator': await samplesOf(core, spread((run) => ({ text: 'membership', operatorId: 2 + (run % OPERATORS) })), runs),
      'text + target group': await samplesOf(core, spread((run) => ({ text: 'membership', target: { type: 'group', id: 1 + ((run * 97) % GROUPS) } })), runs),
      'text (a reason) + month': await samplesOf(core, spread((run) => ({ text: `CHG-${10_000 + run}`, ...month(run) })), runs),
    };
    const structured = ['operator', 'operator, deep', 'action', 'target user', 'target group', 'time range (a month)', 'operator + action + month', 'user + action'];
    const worst = (names: readonly string[], p: number) => Math.max(...names.map((name) => percentile(pages[name] ?? [], p)));
    return {
      entries: head,
      generateMs,
      pages,
      auditPageAt1MMs: worst(structured, 50),
      auditPageAt1MP95Ms: worst(structured, 95),
      auditUnfilteredPageAt1MMs: worst(['newest page', 'deep page'], 50),
      auditTextPageAt1MMs: worst(['text (a reason)', 'text (a common word)', 'text (a common word), deep', 'text + operator', 'text + target group', 'text (a reason) + month'], 50),
    };
  } finally {
    await core.dispose();
  }
}
