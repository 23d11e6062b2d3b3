import { sql } from 'drizzle-orm';
import { connectionOf, type Db } from '../client';
import { auditPersonal } from '../schema';
import type { AuditRecord } from './audit';

/** What history shows in place of a person's value once it was erased. */
export const ANONYMISED_LABEL = 'Anonymised user';

export type AuditPersonalRecord = typeof auditPersonal.$inferSelect;

/**
 * The chained entry holds this in place of a person's value. The commitment (64 hex digits) is what the
 * chain's HMAC covers, so the value can be erased without breaking the chain.
 */
export function personPlaceholder(commitment: string): string {
  return `⟦person:${commitment}⟧`;
}

const PLACEHOLDER = /⟦person:([0-9a-f]{64})⟧/g;

export function placeholderCommitments(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((match) => match[1] ?? '');
}

/**
 * One statement however many people a bulk entry names: a multi-row VALUES would bind five variables a row
 * and pass SQLite's limit of 32,766 at about 6,500 people (a 10,000-user membership change did).
 */
export function insertAuditPersonal(db: Db, rows: readonly AuditPersonalRecord[]): void {
  if (rows.length === 0) return;
  const values = JSON.stringify(rows.map((row) => [row.commitment, row.entryId, row.userId, row.value, row.salt]));
  db.run(sql`insert into ${auditPersonal} (commitment, entry_id, user_id, value, salt)
             select value ->> '$[0]', value ->> '$[1]', value ->> '$[2]', value ->> '$[3]', value ->> '$[4]' from json_each(${values})`);
}

function personalValuesOf(db: Db, entryIds: readonly number[]): Map<string, string> {
  if (entryIds.length === 0) return new Map();
  const rows = db
    .select({ commitment: auditPersonal.commitment, value: auditPersonal.value })
    .from(auditPersonal)
    .where(sql`${auditPersonal.entryId} in (select value from json_each(${JSON.stringify(entryIds)}))`)
    .all();
  return new Map(rows.map((row) => [row.commitment, row.value]));
}

/** The person values and salts recorded for entries firstId…lastId, for verifying their commitments. */
export function personalRecordsBetween(db: Db, firstId: number, lastId: number): AuditPersonalRecord[] {
  return db.all<AuditPersonalRecord>(sql`select commitment, entry_id as entryId, user_id as userId, value, salt
    from audit_personal where entry_id between ${firstId} and ${lastId}`);
}

/**
 * A person value kept for an entry, as verification checks it: whether the entry it belongs to still holds
 * its placeholder (in the operator, the target or the change), then what the commitment is recomputed from.
 */
export type PersonalCheckRow = [entryId: number, placed: 0 | 1, commitment: string, salt: string, value: string];

/**
 * The person values recorded for the entries firstId…lastId that are in the log, in entry order, each with
 * whether its entry holds its placeholder: found by SQLite in the stored text, so no entry is parsed here.
 */
export function personalCheckReader(db: Db): (firstId: number, lastId: number) => PersonalCheckRow[] {
  const statement = connectionOf(db)
    .prepare(
      `select p.entry_id,
         (instr(a.operator_label, '⟦person:' || p.commitment || '⟧') > 0
           or instr(a.target_label, '⟦person:' || p.commitment || '⟧') > 0
           or instr(a.change, '⟦person:' || p.commitment || '⟧') > 0),
         p.commitment, p.salt, p.value
       from audit_personal p join audit_log a on a.id = p.entry_id
       where p.entry_id between ? and ? order by p.entry_id`,
    )
    .raw();
  return (firstId, lastId) => statement.all(firstId, lastId) as PersonalCheckRow[];
}

function fill(text: string, values: ReadonlyMap<string, string>, inJson: boolean): string {
  if (!text.includes('⟦person:')) return text;
  return text.replace(PLACEHOLDER, (_placeholder, commitment: string) => {
    const value = values.get(commitment) ?? ANONYMISED_LABEL;
    return inJson ? JSON.stringify(value).slice(1, -1) : value;
  });
}

/**
 * Entries as readers see them: each placeholder replaced by the person's value, or "Anonymised user" once
 * it was erased. Only verification reads entries as stored.
 */
export function hydrateAuditRecords(db: Db, records: readonly AuditRecord[]): AuditRecord[] {
  const values = personalValuesOf(db, records.map((record) => record.id));
  return records.map((record) => ({
    ...record,
    operatorLabel: fill(record.operatorLabel, values, false),
    targetLabel: fill(record.targetLabel, values, false),
    change: fill(record.change, values, true),
  }));
}

/** Erases a person's values and salts from history; returns how many were erased. */
export function erasePersonalValuesOf(db: Db, userId: number): number {
  return db.delete(auditPersonal).where(sql`${auditPersonal.userId} = ${userId}`).run().changes;
}

/**
 * Erases the values no user owns (a username typed at a failed sign-in that matched nobody) in entries
 * written before `before`; returns how many were erased.
 */
export function eraseUnownedPersonValuesBefore(db: Db, before: string): number {
  return db.run(sql`delete from ${auditPersonal} where ${auditPersonal.userId} is null
    and ${auditPersonal.entryId} <= (select coalesce(max(id), 0) from audit_log where at < ${before})`).changes;
}
