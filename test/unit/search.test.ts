/**
 * The users list's search, on a real store: whichever plan it picks (walk the sort index, or gather the
 * matches and sort them), it returns exactly the page a naive filter of the sorted list gives, and no text
 * reaches SQLite as syntax. Called below the contract too, so the repository is safe on its own.
 */
import { and, isNull } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { UserListQuery, type UserListQuery as UserListQueryInput, type UserRow } from '../../shared/contract';
import { USER_SORT_KEYS } from '../../shared/contract/users';
import { insertUser, listUsers } from '../../electron/db/repos/users';
import { choosePagePlan, parseUserSearch, userSearchPageCondition } from '../../electron/db/repos/userSearch';
import { users } from '../../electron/db/schema';
import { createTestCore, type TestCore } from '../support/core';
import { call, setUpAdmin } from '../support/operators';

/**
 * Names are built from these, so searches hit dense and sparse matches alike. Only ASCII letters have case:
 * LIKE (used below three characters) folds ASCII only, while the trigram index folds all of Unicode.
 */
const NAME_PARTS = ['ann', 'Ann', 'ANNA', 'bo', 'Jo', 'x', 'Q', '%', '_', '\\', '"', "'", '*', '-', 'NEAR(', ':', '^', ' ', '中', 'é', '😀', 'ß'];
const SEARCH_UNITS = ['a', 'A', 'n', 'N', 'o', 'J', 'x', 'q', '%', '_', '\\', '"', "'", '*', '-', 'NEAR(', ':', '(', ' ', '中', 'é', '😀', 'ß', '.', '@'];
const HOSTILE_SEARCHES = [
  '"', '""', "'", '%', '%%', '_', '\\', '\\%', '*', 'ann*', '"ann', 'ann"', 'NEAR(ann bo)', 'NEAR(', '-ann', 'ann -bo', 'a OR b',
  'ann AND bo', 'NOT ann', 'username:ann', '{username}: ann', '^ann', '(', ')', '()', '[', ';--', "'; drop table users; --",
  '\u0000', 'a\u0000b', 'ann\u0000', '\u0007', '\ud800', '\udfff', 'a\ud800b', '\u200b', '\u202e', '\u0301', 'ﬁ', 'ß', 'İ', '𝔘', '😀',
  '😀😀', '中文', 'x'.repeat(100), '"'.repeat(100), '%'.repeat(100),
];

interface StoredUser {
  username: string;
  firstName: string;
  lastName: string;
  email: string;
}

let core: TestCore;
let groupId: number;

function nameFrom(random: () => number, parts: number): string {
  let name = '';
  for (let i = 0; i < parts; i += 1) name += NAME_PARTS[Math.floor(random() * NAME_PARTS.length)];
  return name.trim() === '' ? 'blank' : name;
}

beforeAll(async () => {
  core = await createTestCore();
  await setUpAdmin(core);
  let seed = 7;
  const random = () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
  const now = new Date().toISOString();
  const statuses = ['active', 'active', 'active', 'pending', 'deactivated'] as const;
  const ids: number[] = [];
  core.store.sqlite.transaction(() => {
    for (let n = 0; n < 400; n += 1) {
      const user = insertUser(core.store.db, {
        username: `u${n}.${nameFrom(random, 1).replace(/\s/g, '')}`,
        firstName: nameFrom(random, 2),
        lastName: nameFrom(random, 2),
        email: `m${n}@${n % 3 === 0 ? 'ann' : 'bo'}.example`,
        userType: 'standard',
        platformRole: 'none',
        sso: true,
        status: statuses[n % statuses.length] ?? 'active',
        createdAt: now,
        updatedAt: now,
      });
      ids.push(user.id);
    }
  })();
  // Deleted users keep their names in the search index; they must never be found.
  core.store.sqlite.prepare('update users set deleted_at = ? where id % 11 = 0').run(now);
  groupId = (await call(core, 'groups.create', { name: 'Searched group' })).id;
  const live = core.store.sqlite.prepare('select id from users where deleted_at is null and id % 4 = 1').pluck().all() as number[];
  await call(core, 'memberships.add', { groupId, userIds: live });
});
afterAll(async () => core.dispose());

/** Case folding as the store applies it to these names: ASCII letters only. */
const fold = (text: string) => text.replace(/[A-Z]/g, (letter) => letter.toLowerCase());

function storedUsers(): Map<number, StoredUser> {
  const rows = core.store.sqlite
    .prepare('select id, username, first_name as firstName, last_name as lastName, email from users')
    .all() as (StoredUser & { id: number })[];
  return new Map(rows.map((row) => [row.id, row]));
}

/** The repository's own answer, with the search text exactly as given: the contract's clean-up is bypassed. */
function list(input: UserListQueryInput, inGroup?: number) {
  return listUsers(core.store.db, { ...UserListQuery.parse({ ...input, search: '' }), search: input.search ?? '' }, inGroup);
}

/** Every row the list shows without a search, in its order, then filtered here by plain string matching. */
function naivePage(input: UserListQueryInput, inGroup?: number): { rows: UserRow[]; total: number } {
  const everyone: UserRow[] = [];
  for (let page = 1; ; page += 1) {
    const result = list({ ...input, search: '', page, pageSize: 200 }, inGroup);
    everyone.push(...result.rows);
    if (result.rows.length < 200) break;
  }
  const stored = storedUsers();
  const needle = fold((input.search ?? '').trim());
  const matching = everyone.filter((row) => {
    const user = stored.get(row.id);
    return user !== undefined && [user.username, user.firstName, user.lastName, user.email].some((field) => fold(field).includes(needle));
  });
  const pageSize = input.pageSize ?? 50;
  const start = ((input.page ?? 1) - 1) * pageSize;
  return { rows: matching.slice(start, start + pageSize), total: matching.length };
}

describe('users search', () => {
  test('hostile text gives a page of results, never an error, with and without a group', () => {
    for (const search of HOSTILE_SEARCHES) {
      for (const sortBy of ['lastName', 'groupCount'] as const) {
        const page = list({ search, sortBy, showDeactivated: true });
        expect(page.total, search).toBeGreaterThanOrEqual(page.rows.length);
        expect(list({ search, sortBy }, groupId).total, search).toBeGreaterThanOrEqual(0);
      }
    }
  });

  test('a NUL cannot be searched for, so it finds nothing rather than ending the query early', () => {
    expect(list({ search: 'ann\u0000' })).toMatchObject({ rows: [], total: 0 });
  });

  test('one and two characters are matched literally, wildcards and quotes included', () => {
    for (const search of ['%', '_', '\\', '"', "'", '*', 'x', 'Q', 'q', 'é', '中', '😀', 'ß', 'bo', '%_', ' -', '.e']) {
      const expected = naivePage({ search, pageSize: 200 });
      const actual = list({ search, pageSize: 200 });
      expect(actual.total, search).toBe(expected.total);
      expect(actual.rows.map((row) => row.id), search).toEqual(expected.rows.map((row) => row.id));
    }
    expect(list({ search: '%' }).total).toBeLessThan(list({ search: '' }).total);
  });

  test('every page equals a naive filter of the sorted list, whatever the text, sort, page or statuses', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...SEARCH_UNITS), minLength: 1, maxLength: 5 }),
        fc.constantFrom(...USER_SORT_KEYS),
        fc.constantFrom('asc' as const, 'desc' as const),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 8 }),
        fc.boolean(),
        fc.boolean(),
        (search, sortBy, sortDir, pageSize, page, showDeactivated, inGroup) => {
          const input = { search, sortBy, sortDir, pageSize, page, showDeactivated };
          const group = inGroup ? groupId : undefined;
          const expected = naivePage(input, group);
          const actual = list(input, group);
          expect(actual.total).toBe(expected.total);
          expect(actual.rows.map((row) => row.id)).toEqual(expected.rows.map((row) => row.id));
        },
      ),
      { numRuns: 300 },
    );
  });

  test('the condition of every plan keeps exactly the rows a naive filter keeps', () => {
    const stored = storedUsers();
    const live = core.store.sqlite.prepare('select id from users where deleted_at is null order by id').pluck().all() as number[];
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...SEARCH_UNITS), minLength: 1, maxLength: 5 }), (text) => {
        const search = parseUserSearch(text);
        if (search.kind !== 'trigram' && search.kind !== 'like') return;
        const needle = fold(text.trim());
        const expected = live.filter((id) => {
          const user = stored.get(id);
          return user !== undefined && [user.username, user.firstName, user.lastName, user.email].some((field) => fold(field).includes(needle));
        });
        for (const plan of ['walk', 'probe', 'gather'] as const) {
          const kept = core.store.db
            .select({ id: users.id })
            .from(users)
            .where(and(isNull(users.deletedAt), userSearchPageCondition(search, plan)))
            .orderBy(users.id)
            .all()
            .map((row) => row.id);
          expect(kept, `${plan} ${JSON.stringify(text)}`).toEqual(expected);
        }
      }),
      { numRuns: 200 },
    );
  });

  test('the plan follows how many rows match: a first page of dense matches probes, deeper ones walk, sparse ones are gathered', () => {
    const trigram = parseUserSearch('ann');
    const short = parseUserSearch('an');
    if (trigram.kind !== 'trigram' || short.kind !== 'like') throw new Error('unexpected search kinds');
    expect(choosePagePlan(trigram, 12_000, 50, 100_000)).toBe('probe');
    expect(choosePagePlan(trigram, 12_000, 2_050, 100_000)).toBe('walk');
    expect(choosePagePlan(trigram, 3_000, 50, 100_000)).toBe('walk');
    expect(choosePagePlan(trigram, 40, 50, 100_000)).toBe('gather');
    expect(choosePagePlan(trigram, 2_000, 2_000, 100_000)).toBe('gather');
    expect(choosePagePlan(short, 60_000, 50, 100_000)).toBe('walk');
    expect(choosePagePlan(short, 30, 50, 100_000)).toBe('gather');
  });
});
