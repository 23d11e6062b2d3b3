import { desc, eq, lte, sql } from 'drizzle-orm';
import { connectionOf, type Db } from '../client';
import { auditChainState, auditLog } from '../schema';
import { hydrateAuditRecords } from './auditPersonal';

export type AuditRecord = typeof auditLog.$inferSelect;
export type NewAuditRecord = typeof auditLog.$inferInsert;
export type AuditChainState = typeof auditChainState.$inferSelect;

export function lastAuditEntry(db: Db): AuditRecord | undefined {
  return db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1).get();
}

export function insertAuditEntry(db: Db, entry: NewAuditRecord): AuditRecord {
  return db.insert(auditLog).values(entry).returning().get();
}

/**
 * Entries as stored (placeholders, not person values), in id order a batch at a time: what verification reads.
 * Plain SQL rather than the query builder, which maps every row: verifying a million entries reads them all.
 */
export function storedAuditEntriesAfter(db: Db, afterId: number, limit: number): AuditRecord[] {
  return db.all<AuditRecord>(sql`select id, at, operator_id as operatorId, operator_label as operatorLabel, action,
    target_type as targetType, target_id as targetId, target_label as targetLabel, change, prev_hash as prevHash, hash
    from audit_log where id > ${afterId} order by id limit ${limit}`);
}

/**
 * A stored entry as the JS side reads it: its hashed fields in the order the HMAC's canonical text lists them,
 * then its id and hash.
 */
export type StoredChainRow = [
  prevHash: string,
  at: string,
  operatorId: number | null,
  operatorLabel: string,
  action: string,
  targetType: string,
  targetId: number | null,
  targetLabel: string,
  change: string,
  id: number,
  hash: string,
];

/** The number of hashed fields that lead a `StoredChainRow`. */
export const CHAINED_FIELD_COUNT = 9;

/**
 * A stored entry as the chain pass reads it: the canonical text of its hashed fields as SQLite's json_array
 * writes it (null when a field holds a blob or a real, which only the JS side encodes as the app does), then
 * its prev_hash, id and hash.
 */
export type ChainTextRow = [canonicalText: string | null, prevHash: string, id: number, hash: string];

const HASHED_COLUMNS = ['prev_hash', 'at', 'operator_id', 'operator_label', 'action', 'target_type', 'target_id', 'target_label', 'change'];

/**
 * Reads entries as stored (placeholders, not person values) after an id, in id order, each as one text. One
 * string made by SQLite instead of nine strings and a JSON.stringify per entry halves the cost of the pass.
 * For text, integers and nulls json_array writes what JSON.stringify writes for the same values; where it
 * does not, the text differs from the one the app hashed, and the caller checks the entry with
 * `storedChainRowOf` instead, so an entry verifies here exactly when it does from its fields.
 */
export function chainTextReader(db: Db): (afterId: number, limit: number) => ChainTextRow[] {
  const plain = HASHED_COLUMNS.map((column) => `typeof(${column}) in ('text', 'integer', 'null')`).join(' and ');
  const statement = connectionOf(db)
    .prepare(
      `select case when ${plain} then json_array(${HASHED_COLUMNS.join(', ')}) end, prev_hash, id, hash
       from audit_log where id > ? order by id limit ?`,
    )
    .raw();
  return (afterId, limit) => statement.all(afterId, limit) as ChainTextRow[];
}

/** One entry as stored (placeholders, not person values), its hashed fields first; undefined if it is not in the log. */
export function storedChainRowOf(db: Db): (id: number) => StoredChainRow | undefined {
  const statement = connectionOf(db)
    .prepare(`select ${HASHED_COLUMNS.join(', ')}, id, hash from audit_log where id = ?`)
    .raw();
  return (id) => statement.get(id) as StoredChainRow | undefined;
}

/** Entries with their person values, in id order, a batch at a time, so reading a long log never loads it whole. */
export function auditEntriesAfter(db: Db, afterId: number, limit: number): AuditRecord[] {
  return hydrateAuditRecords(db, storedAuditEntriesAfter(db, afterId, limit));
}

export function auditPage(db: Db, page: number, pageSize: number): { rows: AuditRecord[]; total: number } {
  const rows = db
    .select()
    .from(auditLog)
    .orderBy(desc(auditLog.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .all();
  const total = db.select({ total: sql<number>`count(*)` }).from(auditLog).get()?.total ?? 0;
  return { rows: hydrateAuditRecords(db, rows), total };
}

export function auditEntryCount(db: Db): number {
  return db.select({ total: sql<number>`count(*)` }).from(auditLog).get()?.total ?? 0;
}

export function findAuditEntry(db: Db, id: number): AuditRecord | undefined {
  return db.select().from(auditLog).where(eq(auditLog.id, id)).get();
}

export function readAuditChainState(db: Db): AuditChainState | undefined {
  return db.select().from(auditChainState).where(eq(auditChainState.id, 1)).get();
}

export function writeAuditChainState(db: Db, state: Omit<AuditChainState, 'id'>): void {
  db.insert(auditChainState)
    .values({ id: 1, ...state })
    .onConflictDoUpdate({ target: auditChainState.id, set: state })
    .run();
}

/** Rewrites one entry in place: only re-sealing a legacy chain does this, with the append-only guards lifted. */
export function rewriteAuditEntry(db: Db, id: number, fields: Omit<AuditRecord, 'id'>): void {
  db.update(auditLog).set(fields).where(eq(auditLog.id, id)).run();
}

/**
 * Runs `change` with the append-only triggers of audit_log dropped, then puts back exactly the triggers that
 * were there (their stored SQL), inside the caller's transaction, so the guards are never missing once it commits.
 */
export function withAuditGuardsLifted<T>(db: Db, change: () => T): T {
  const triggers = db.all<{ name: string; sql: string }>(
    sql`select name, sql from sqlite_master where type = 'trigger' and tbl_name = 'audit_log'`,
  );
  for (const trigger of triggers) db.run(sql.raw(`drop trigger "${trigger.name.replaceAll('"', '""')}"`));
  const result = change();
  for (const trigger of triggers) db.run(sql.raw(trigger.sql));
  return result;
}

export function lastAuditEntryUpTo(db: Db, id: number): AuditRecord | undefined {
  return db.select().from(auditLog).where(lte(auditLog.id, id)).orderBy(desc(auditLog.id)).limit(1).get();
}

export function countAuditEntriesUpTo(db: Db, id: number): number {
  return db.select({ total: sql<number>`count(*)` }).from(auditLog).where(lte(auditLog.id, id)).get()?.total ?? 0;
}

/** The ids of the entries recording this action, oldest first (on the action index). */
export function auditEntryIdsWithAction(db: Db, action: string): number[] {
  return connectionOf(db).prepare('select id from audit_log where action = ? order by id').pluck().all(action) as number[];
}
