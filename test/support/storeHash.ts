import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';

/** A hash of every row of every table (search index and migrations included): equal means nothing changed. */
export function storeHash(sqlite: Database.Database): string {
  const tables = sqlite
    .prepare("select name from sqlite_master where type = 'table' order by name")
    .pluck()
    .all() as string[];
  const hash = createHash('sha256');
  for (const table of tables) {
    hash.update(`\u0000${table}\u0000`);
    for (const row of sqlite.prepare(`select * from "${table.replace(/"/g, '""')}"`).raw().iterate()) {
      hash.update(JSON.stringify(row, (_key, value: unknown) => (Buffer.isBuffer(value) ? value.toString('hex') : value)));
    }
  }
  return hash.digest('hex');
}
