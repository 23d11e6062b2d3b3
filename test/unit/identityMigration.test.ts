/** Migration 0002 (identity keys) on stores made by 0001 with rows in them, as Signal tests its data migrations. */
import Database from 'better-sqlite3';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { openStore } from '../../electron/db/client';
import { IdentityCollisionError } from '../../electron/db/identityKeys';
import { readJournal } from '../../electron/db/migrate';
import { identityKey } from '../../shared/domain/identity';
import { MIGRATIONS_FOLDER } from '../support/paths';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'accessdesk-identity-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const BEFORE_IDENTITY_KEYS = readJournal(MIGRATIONS_FOLDER).findIndex((entry) => entry.tag.includes('identity_keys'));

/** A store migrated up to (not including) the identity-key migration, holding these users. */
async function storeBeforeIdentityKeys(users: { username: string; email: string; deleted?: boolean }[]): Promise<string> {
  const dir = tempDir();
  const folder = join(dir, 'drizzle');
  cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const entries = readJournal(MIGRATIONS_FOLDER).slice(0, BEFORE_IDENTITY_KEYS);
  writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify({ version: '7', dialect: 'sqlite', entries }));
  const file = join(dir, 'store.sqlite');
  (await openStore(file, { migrationsFolder: folder })).close();
  const raw = new Database(file);
  const insert = raw.prepare(
    `insert into users (username, first_name, last_name, email, user_type, platform_role, sso, status, created_at, updated_at, deleted_at)
     values (?, 'First', 'Last', ?, 'standard', 'none', 1, 'active', '2026-01-01', '2026-01-01', ?)`,
  );
  for (const user of users) insert.run(user.username, user.email, user.deleted ? '2026-02-01' : null);
  raw.close();
  return file;
}

test('the migration exists and comes after the search migration', () => {
  expect(BEFORE_IDENTITY_KEYS).toBeGreaterThan(0);
});

test('existing users get their keys and NFC forms, and the new uniqueness holds afterwards', async () => {
  const decomposed = 'Jose\u0301';
  const file = await storeBeforeIdentityKeys([
    { username: decomposed, email: 'JOSE@Example.com' },
    { username: 'ada', email: 'ada@example.com' },
  ]);
  const store = await openStore(file, { migrationsFolder: MIGRATIONS_FOLDER });
  const rows = store.sqlite.prepare('select username, username_key, email_key from users order by id').all();
  expect(rows).toEqual([
    { username: 'Jos\u00e9', username_key: identityKey('jos\u00e9'), email_key: 'jose@example.com' },
    { username: 'ada', username_key: 'ada', email_key: 'ada@example.com' },
  ]);
  store.close();
});

test('rows that would become one identity refuse the upgrade with a report naming them, and nothing is merged', async () => {
  // SQLite's lower() folds ASCII only, so the old unique index let these in as different people.
  const file = await storeBeforeIdentityKeys([
    { username: '\u00c4rger', email: 'a1@example.com' },
    { username: '\u00e4rger', email: 'a2@example.com' },
    { username: 'ｂｅｎ', email: 'ben@example.com' },
    { username: 'ben', email: 'BEN@EXAMPLE.COM', deleted: true },
    { username: 'carla', email: 'stra\u00dfe@example.com' },
    { username: 'carl', email: 'STRASSE@example.com' },
  ]);
  const opened = openStore(file, { migrationsFolder: MIGRATIONS_FOLDER });
  await expect(opened).rejects.toBeInstanceOf(IdentityCollisionError);
  const error = (await opened.catch((caught: unknown) => caught)) as IdentityCollisionError;
  expect(error.collisions.map((c) => [c.field, c.users.map((u) => u.id)])).toEqual([
    ['username', [1, 2]],
    ['username', [3, 4]],
    ['email', [5, 6]],
  ]);
  expect(error.message).toContain('"\u00c4rger"');
  const raw = new Database(file, { readonly: true });
  expect(raw.prepare('select count(*) from users').pluck().get()).toBe(6);
  const columns = raw.prepare("select name from pragma_table_info('users')").pluck().all();
  expect(columns).not.toContain('username_key');
  raw.close();
});
