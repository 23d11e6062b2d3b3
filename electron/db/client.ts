import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import * as schema from './schema';
import { applyPendingMigrations } from './migrate';
import { assertIdentityKeysCanBeAdded, registerIdentityFunctions } from './identityKeys';

export type Db = BetterSQLite3Database<typeof schema>;

/** The better-sqlite3 connection under a drizzle Db (drizzle() sets it), for the few reads that want raw rows. */
export function connectionOf(db: Db): Database.Database {
  return (db as Db & { $client: Database.Database }).$client;
}

export interface Store {
  readonly file: string;
  readonly sqlite: Database.Database;
  readonly db: Db;
  close(): void;
}

export interface OpenStoreOptions {
  migrationsFolder: string;
  /** Path of a better_sqlite3.node built for the running runtime (Electron in development). */
  nativeBinding?: string;
  readonly?: boolean;
  /** How long a statement waits for another connection's lock before failing with SQLITE_BUSY. */
  busyTimeoutMs?: number;
}

export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

/** The store failed a check; the app shows a recovery dialog with this message instead of crashing. */
export class StoreCheckError extends Error {
  constructor(
    readonly check: 'quick_check' | 'integrity_check' | 'foreign_key_check',
    readonly details: string,
  ) {
    super(`The store failed its ${check}: ${details}`);
    this.name = 'StoreCheckError';
  }
}

/** SQLite gave up waiting for another connection's lock (after busy_timeout). */
export function isBusyError(error: unknown): boolean {
  if (!(error instanceof Database.SqliteError)) return false;
  return error.code.startsWith('SQLITE_BUSY') || error.code.startsWith('SQLITE_LOCKED');
}

export function openConnection(
  file: string,
  options: Pick<OpenStoreOptions, 'nativeBinding' | 'readonly' | 'busyTimeoutMs'> = {},
): Database.Database {
  const sqlite = new Database(file, {
    readonly: options.readonly ?? false,
    fileMustExist: options.readonly ?? false,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  if (!options.readonly) {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    // Deleted content is overwritten with zeros, so an anonymised person's values leave no trace in the file.
    sqlite.pragma('secure_delete = ON');
  }
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS))}`);
  registerIdentityFunctions(sqlite);
  return sqlite;
}

export async function openStore(file: string, options: OpenStoreOptions): Promise<Store> {
  mkdirSync(dirname(file), { recursive: true });
  const sqlite = openConnection(file, options);
  try {
    assertCheck(sqlite, 'quick_check');
    const db = drizzle(sqlite, { schema });
    assertIdentityKeysCanBeAdded(sqlite);
    const applied = await applyPendingMigrations(sqlite, db, file, options.migrationsFolder);
    if (applied > 0) {
      assertCheck(sqlite, 'integrity_check');
      assertNoForeignKeyViolations(sqlite);
    }
    return { file, sqlite, db, close: () => sqlite.close() };
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

function assertCheck(sqlite: Database.Database, check: 'quick_check' | 'integrity_check') {
  const rows = sqlite.pragma(check) as Record<string, string>[];
  const messages = rows.map((row) => Object.values(row)[0]);
  if (messages.length !== 1 || messages[0] !== 'ok') {
    throw new StoreCheckError(check, messages.slice(0, 5).join('; '));
  }
}

function assertNoForeignKeyViolations(sqlite: Database.Database) {
  const violations = sqlite.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
  const [first] = violations;
  if (first) {
    throw new StoreCheckError(
      'foreign_key_check',
      `${violations.length} row(s) point at missing rows, first ${first.table} #${first.rowid} → ${first.parent}`,
    );
  }
}
