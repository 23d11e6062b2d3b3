import type Database from 'better-sqlite3';
import { identityKey } from '../../shared/domain/identity';

const FIRST = ['Anna', 'Ben', 'Carla', 'David', 'Elena', 'Farid', 'Grace', 'Hannah', 'Ivan', 'Joanna', 'Karim', 'Lena', 'Marco', 'Nadia', 'Oskar', 'Priya', 'Rosa', 'Samuel', 'Tanja', 'Vera', 'William', 'Yusuf', 'Zoe', 'Leif', 'Mei', 'Nils', 'Olga', 'Pedro', 'Ruth', 'Stefan'];
const LAST = ['Andersen', 'Berg', 'Costa', 'Dahl', 'Eriksen', 'Fischer', 'Garcia', 'Hansen', 'Iversen', 'Johansen', 'Khan', 'Larsen', 'Moreau', 'Nilsen', 'Olsen', 'Petersen', 'Rossi', 'Svensson', 'Tanaka', 'Weber', 'Yilmaz', 'Zhang', 'Brennan', 'Hoffmann', 'Lindqvist', 'Novak', 'Okafor', 'Quist', 'Urban', 'Vik'];

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export interface Generated {
  userIds: number[];
  groupIds: number[];
  memberships: number;
}

/**
 * Bulk-loads a large store straight through SQLite (the triggers still keep search and counts in step), so
 * the benchmark measures the app's reads and writes, not the loading.
 */
export function generateLargeStore(sqlite: Database.Database, workspaceId: number, counts: { users: number; groups: number; memberships: number }): Generated {
  const random = seeded(42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const now = new Date().toISOString();
  const insertUser = sqlite.prepare(
    `insert into users (username, username_key, first_name, last_name, email, email_key, user_type, platform_role, sso, status, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, 'standard', 'none', 1, ?, ?, ?)`,
  );
  const insertGroup = sqlite.prepare('insert into groups (workspace_id, name, description, created_at, updated_at) values (?, ?, ?, ?, ?)');
  const insertMembership = sqlite.prepare('insert or ignore into memberships (group_id, user_id, added_at) values (?, ?, ?)');
  return sqlite.transaction(() => {
    const userIds: number[] = [];
    for (let n = 0; n < counts.users; n += 1) {
      const first = pick(FIRST);
      const last = pick(LAST);
      const username = `${first}.${last}.${n}`.toLowerCase();
      const status = random() < 0.05 ? 'deactivated' : 'active';
      const email = `${username}@bench.example`;
      userIds.push(Number(insertUser.run(username, identityKey(username), first, last, email, identityKey(email), status, now, now).lastInsertRowid));
    }
    const groupIds: number[] = [];
    for (let n = 0; n < counts.groups; n += 1) {
      groupIds.push(Number(insertGroup.run(workspaceId, `Group ${String(n).padStart(4, '0')}`, `Benchmark group ${n}`, now, now).lastInsertRowid));
    }
    let memberships = 0;
    while (memberships < counts.memberships) {
      memberships += insertMembership.run(pick(groupIds), pick(userIds), now).changes;
    }
    return { userIds, groupIds, memberships };
  })();
}
