/**
 * Any string typed into any box gives results or a typed refusal, never `internal` (createTestCore turns an
 * unexpected error into a thrown test failure). Generated over arbitrary Unicode plus the characters that
 * break naive SQL, LIKE and FTS5 handling.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Method } from '../../shared/contract';
import { searchableText } from '../../shared/domain/text';
import { createTestCore, type TestCore } from '../support/core';
import { call, setUpAdmin } from '../support/operators';

const HOSTILE = ['"', "'", '%', '_', '\\', '*', '^', ':', '-', '(', ')', 'NEAR(', ' OR ', ' AND ', 'NOT ', '{', '}', '[', ']', ';', '--', '/*',
  '\u0000', '\u0007', '\u200b', '\u200d', '\u202e', '\u2066', '\u00ad', '\ufeff', '\ud800', '\udfff', '\u0301', 'ﬁ', 'ß', 'İ', 'ǅ', '𝔘', '😀', 'a', 'é', ' '];

/** Arbitrary Unicode, hostile fragments, and both mixed; occasionally far beyond any limit. */
const anyText = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
  { weight: 3, arbitrary: fc.string({ unit: fc.constantFrom(...HOSTILE), maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom('x'.repeat(100_001), '\u200b'.repeat(300), '"'.repeat(200)) },
);

/** SQLite's LIKE folds ASCII case only and FTS5 folds more, so exactness is checked on ASCII (plus controls). */
const ASCII_HOSTILE = ['"', "'", '%', '_', '\\', '*', '^', ':', '-', '(', ')', 'NEAR(', ' OR ', ';', '\u0000', '\u0007', '\ud800', 'a', 'd', 'A', 'r', 'n', '@', '.'];

const ACCEPTABLE = new Set(['ok', 'validation', 'conflict', 'not_found', 'unauthenticated', 'forbidden']);

let core: TestCore;
let groupId: number;
let userId: number;
beforeAll(async () => {
  core = await createTestCore();
  await setUpAdmin(core);
  groupId = (await call(core, 'groups.create', { name: 'Target group' })).id;
  userId = (await call(core, 'users.create', { username: 'target', firstName: 'T', lastName: 'U', email: 't@example.com' })).id;
  // Names full of the characters search must treat literally, so the exactness property finds real matches.
  const tricky = ['50% "Quoted"', "O'Brien_(NEAR)", 'back\\slash*^', 'Dash-and:colon;', 'Ann OR Anna', 'and.dot@'];
  for (const [n, name] of tricky.entries()) {
    await call(core, 'users.create', { username: `tricky${n}`, firstName: name, lastName: name.split('').reverse().join(''), email: `tricky${n}@example.com` });
  }
});
afterAll(async () => core.dispose());

async function outcomeOf(method: Method, input: unknown): Promise<string> {
  const envelope = await core.invoke(method, input);
  return envelope.ok ? 'ok' : envelope.error.code;
}

const FREE_TEXT_INPUTS: [string, Method, (text: string) => unknown][] = [
  ['users.list search', 'users.list', (text) => ({ search: text })],
  ['users.list search, sorted by email, descending', 'users.list', (text) => ({ search: text, sortBy: 'email', sortDir: 'desc' })],
  ['groups.members search', 'groups.members', (text) => ({ groupId, search: text })],
  ['groups.list search', 'groups.list', (text) => ({ search: text })],
  ['users.create username', 'users.create', (text) => ({ username: text, firstName: 'A', lastName: 'B', email: 'a@example.org' })],
  ['users.create names', 'users.create', (text) => ({ username: 'u', firstName: text, lastName: text, email: 'b@example.org' })],
  ['users.create email', 'users.create', (text) => ({ username: 'v', firstName: 'A', lastName: 'B', email: text })],
  ['users.update names and email', 'users.update', (text) => ({ id: userId, firstName: text, lastName: text, email: text })],
  ['users.update reason', 'users.update', (text) => ({ id: userId, firstName: 'T', lastName: 'U', email: 't@example.com', reason: text })],
  ['users.setStatus reason', 'users.setStatus', (text) => ({ userIds: [userId], status: 'active', reason: text })],
  ['groups.create name and description', 'groups.create', (text) => ({ name: text, description: text })],
  ['groups.update name', 'groups.update', (text) => ({ id: groupId, name: text })],
  ['memberships.add reason', 'memberships.add', (text) => ({ groupId, userIds: [userId], reason: text })],
  ['session.signIn', 'session.signIn', (text) => ({ username: text, password: text })],
  ['exports.cancel job id', 'exports.cancel', (text) => ({ jobId: text })],
  ['orgUnits.create name', 'orgUnits.create', (text) => ({ parentId: null, name: text, reason: text })],
  ['memberships.setMain reason', 'memberships.setMain', (text) => ({ groupId, userIds: [userId], reason: text })],
  ['permissions.whoHas of a text-named unit', 'permissions.whoHas', (text) => ({ unitId: text.length + 1, target: { kind: 'area', area: 'text' } })],
];

describe('free text never becomes an internal error', () => {
  test.each(FREE_TEXT_INPUTS)('%s', async (_name, method, build) => {
    await fc.assert(
      fc.asyncProperty(anyText, async (text) => {
        const outcome = await outcomeOf(method, build(text));
        expect(ACCEPTABLE.has(outcome), `${method} answered ${outcome}`).toBe(true);
        // signIn replaced the session on success only; keep the administrator signed in for the next run.
        if (method === 'session.signIn') await setUpAdminSession();
      }),
      { numRuns: 120 },
    );
  }, 120_000);

  test('search results are exactly the users whose fields contain the text, whatever the text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: fc.constantFrom(...ASCII_HOSTILE), minLength: 1, maxLength: 6 }), async (text) => {
        const envelope = await core.invoke('users.list', { search: text, pageSize: 200 });
        if (!envelope.ok) {
          expect(envelope.error.code).toBe('validation');
          return;
        }
        const page = envelope.value as { rows: { username: string }[] };
        const all = core.store.sqlite
          .prepare('select username, first_name, last_name, email from users where deleted_at is null and status != ?')
          .all('deactivated') as { username: string; first_name: string; last_name: string; email: string }[];
        const needle = searchableText(text).toLowerCase();
        const expected = all
          .filter((row) => needle === '' || [row.username, row.first_name, row.last_name, row.email].some((field) => field.toLowerCase().includes(needle)))
          .map((row) => row.username)
          .sort();
        expect(page.rows.map((row) => row.username).sort()).toEqual(expected);
      }),
      { numRuns: 100 },
    );
  }, 120_000);
});

async function setUpAdminSession() {
  const adminId = core.store.sqlite.prepare("select id from users where username = 'ada'").pluck().get() as number;
  core.ctx.session.operatorId = adminId;
}
