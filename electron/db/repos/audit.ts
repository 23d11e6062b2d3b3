import { asc, desc, gt, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { auditLog } from '../schema';

export type AuditRecord = typeof auditLog.$inferSelect;
export type NewAuditRecord = typeof auditLog.$inferInsert;

export function lastAuditEntry(db: Db): AuditRecord | undefined {
  return db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1).get();
}

export function insertAuditEntry(db: Db, entry: NewAuditRecord): AuditRecord {
  return db.insert(auditLog).values(entry).returning().get();
}

/** Entries in id order, a batch at a time, so verifying a long log never loads it whole. */
export function auditEntriesAfter(db: Db, afterId: number, limit: number): AuditRecord[] {
  return db.select().from(auditLog).where(gt(auditLog.id, afterId)).orderBy(asc(auditLog.id)).limit(limit).all();
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
  return { rows, total };
}
