import Database from 'better-sqlite3';
import { closeSync, cpSync, mkdtempSync, openSync, readdirSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { openStore } from '../../electron/db/client';
import { readJournal } from '../../electron/db/migrate';
import { MIGRATIONS_FOLDER } from '../support/paths';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'accessdesk-migrate-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the migrations folder whose journal stops after the first `count` entries. */
function migrationsUpTo(count: number): string {
  const folder = join(tempDir(), 'drizzle');
  cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalFile = join(folder, 'meta', '_journal.json');
  writeFileSync(journalFile, JSON.stringify({ version: '7', dialect: 'sqlite', entries: readJournal(MIGRATIONS_FOLDER).slice(0, count) }));
  return folder;
}

describe('migrations', () => {
  test('the journal timestamps only increase and every entry has its SQL file', () => {
    const entries = readJournal(MIGRATIONS_FOLDER);
    expect(entries.length).toBeGreaterThan(0);
    for (let i = 1; i < entries.length; i += 1) expect(entries[i]!.when).toBeGreaterThan(entries[i - 1]!.when);
    const files = readdirSync(MIGRATIONS_FOLDER);
    for (const entry of entries) expect(files).toContain(`${entry.tag}.sql`);
  });

  test('apply to an empty store, and opening again applies nothing and takes no backup', async () => {
    const dir = tempDir();
    const file = join(dir, 'store.sqlite');
    const first = await openStore(file, { migrationsFolder: MIGRATIONS_FOLDER });
    const applied = first.sqlite.prepare('select count(*) from __drizzle_migrations').pluck().get();
    expect(applied).toBe(readJournal(MIGRATIONS_FOLDER).length);
    expect(first.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(first.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    first.close();
    const second = await openStore(file, { migrationsFolder: MIGRATIONS_FOLDER });
    expect(second.sqlite.prepare('select count(*) from __drizzle_migrations').pluck().get()).toBe(applied);
    expect(second.sqlite.prepare('select count(*) from workspaces').pluck().get()).toBe(1);
    second.close();
    expect(readdirSync(dir).filter((name) => name.endsWith('.bak'))).toEqual([]);
  });

  test('each migration applies to a store made by the ones before it, with a backup first', async () => {
    const total = readJournal(MIGRATIONS_FOLDER).length;
    for (let upTo = 1; upTo < total; upTo += 1) {
      const dir = tempDir();
      const file = join(dir, 'store.sqlite');
      (await openStore(file, { migrationsFolder: migrationsUpTo(upTo) })).close();
      const upgraded = await openStore(file, { migrationsFolder: MIGRATIONS_FOLDER });
      expect(upgraded.sqlite.prepare('select count(*) from __drizzle_migrations').pluck().get()).toBe(total);
      upgraded.close();
      expect(readdirSync(dir).some((name) => name.includes('.before-migration-') && name.endsWith('.bak'))).toBe(true);
    }
  });

  test('a damaged store is refused with a check error, not opened', async () => {
    const dir = tempDir();
    const file = join(dir, 'store.sqlite');
    (await openStore(file, { migrationsFolder: MIGRATIONS_FOLDER })).close();
    const raw = new Database(file);
    raw.pragma('journal_mode = DELETE');
    const pageSize = raw.pragma('page_size', { simple: true }) as number;
    raw.close();
    const bytes = Buffer.alloc(pageSize, 0xff);
    const fd = openSync(file, 'r+');
    writeSync(fd, bytes, 0, bytes.length, pageSize * 2);
    closeSync(fd);
    await expect(openStore(file, { migrationsFolder: MIGRATIONS_FOLDER })).rejects.toThrow(/quick_check|malformed|not a database/);
  });
});
