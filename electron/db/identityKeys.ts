import type Database from 'better-sqlite3';
import { identityKey, normaliseIdentity } from '../../shared/domain/identity';

/** SQL names of the identity rules, for migrations that rewrite existing rows (drizzle/0002). */
export function registerIdentityFunctions(sqlite: Database.Database): void {
  sqlite.function('accessdesk_identity_key', { deterministic: true }, (value: unknown) => identityKey(String(value)));
  sqlite.function('accessdesk_normalise_identity', { deterministic: true }, (value: unknown) => normaliseIdentity(String(value)));
}

export interface IdentityCollision {
  field: 'username' | 'email';
  key: string;
  users: { id: number; value: string }[];
}

/** The upgrade to folded identity keys would merge these users; it is refused with this report instead. */
export class IdentityCollisionError extends Error {
  constructor(readonly collisions: IdentityCollision[]) {
    super(
      `The store cannot be upgraded: ${collisions.length} identit${collisions.length === 1 ? 'y is' : 'ies are'} shared by ` +
        `more than one user once case, accents and look-alike characters are compared. Rename or delete one of each, ` +
        `then open the store again:\n` +
        collisions
          .slice(0, 20)
          .map((c) => `- ${c.field} ${c.users.map((u) => `#${u.id} "${u.value}"`).join(' and ')}`)
          .join('\n') +
        (collisions.length > 20 ? `\n- and ${collisions.length - 20} more` : ''),
    );
    this.name = 'IdentityCollisionError';
  }
}

function hasColumn(sqlite: Database.Database, table: string, column: string): boolean {
  const columns = sqlite.prepare(`select name from pragma_table_info(?)`).pluck().all(table) as string[];
  return columns.includes(column);
}

function collisionsOf(rows: { id: number; value: string }[], field: IdentityCollision['field']): IdentityCollision[] {
  const byKey = new Map<string, { id: number; value: string }[]>();
  for (const row of rows) {
    const key = identityKey(row.value);
    const list = byKey.get(key);
    if (list) list.push(row);
    else byKey.set(key, [row]);
  }
  return [...byKey.entries()].filter(([, users]) => users.length > 1).map(([key, users]) => ({ field, key, users }));
}

/**
 * Run before migrating a store that has users but no identity keys yet: throws the full list of users the
 * new uniqueness would merge (usernames across all users, emails across users who are not deleted).
 */
export function assertIdentityKeysCanBeAdded(sqlite: Database.Database): void {
  if (!hasColumn(sqlite, 'users', 'username') || hasColumn(sqlite, 'users', 'username_key')) return;
  const usernames = sqlite.prepare('select id, username as value from users order by id').all() as { id: number; value: string }[];
  const emails = sqlite
    .prepare('select id, email as value from users where deleted_at is null order by id')
    .all() as { id: number; value: string }[];
  const collisions = [...collisionsOf(usernames, 'username'), ...collisionsOf(emails, 'email')];
  if (collisions.length > 0) throw new IdentityCollisionError(collisions);
}
