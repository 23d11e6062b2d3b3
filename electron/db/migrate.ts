import type Database from 'better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from './client';

interface JournalEntry {
  idx: number;
  when: number;
  tag: string;
}

export function readJournal(migrationsFolder: string): JournalEntry[] {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: JournalEntry[];
  };
  return journal.entries;
}

function lastAppliedMillis(sqlite: Database.Database): number | null {
  const table = sqlite
    .prepare("select name from sqlite_master where type = 'table' and name = '__drizzle_migrations'")
    .get();
  if (!table) return null;
  const row = sqlite.prepare('select max(created_at) as last from __drizzle_migrations').get() as {
    last: number | null;
  };
  return row.last;
}

function hasUserTables(sqlite: Database.Database): boolean {
  return Boolean(
    sqlite.prepare("select 1 from sqlite_master where type = 'table' and name not like 'sqlite_%' limit 1").get(),
  );
}

/**
 * Applies what the journal has beyond the store's last migration. A store that already holds data is
 * copied aside first, so a failed upgrade never costs the operator their data.
 * Returns how many migrations were pending.
 */
export async function applyPendingMigrations(
  sqlite: Database.Database,
  db: Db,
  file: string,
  migrationsFolder: string,
): Promise<number> {
  const last = lastAppliedMillis(sqlite);
  const pending = readJournal(migrationsFolder).filter((entry) => last === null || entry.when > last);
  if (pending.length === 0) return 0;
  if (hasUserTables(sqlite)) {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    await sqlite.backup(`${file}.before-migration-${stamp}.bak`);
  }
  migrate(db, { migrationsFolder });
  return pending.length;
}
