import { and, eq, ne, sql } from 'drizzle-orm';
import type { GroupRow } from '../../../shared/contract';
import type { Db } from '../client';
import { groups } from '../schema';
import { likeContains } from './userSearch';

export type GroupRecord = typeof groups.$inferSelect;

const groupRowColumns = {
  id: groups.id,
  name: groups.name,
  description: groups.description,
  memberCount: groups.memberCount,
};

export function listGroups(db: Db, workspaceId: number, search: string): GroupRow[] {
  const text = search.trim();
  const pattern = likeContains(text);
  return db
    .select(groupRowColumns)
    .from(groups)
    .where(
      and(
        eq(groups.workspaceId, workspaceId),
        text === '' ? undefined : sql`(${groups.name} like ${pattern} escape '\\' or ${groups.description} like ${pattern} escape '\\')`,
      ),
    )
    .orderBy(sql`${groups.name} collate nocase`, groups.id)
    .all();
}

export function findGroup(db: Db, workspaceId: number, id: number): GroupRecord | undefined {
  return db
    .select()
    .from(groups)
    .where(and(eq(groups.id, id), eq(groups.workspaceId, workspaceId)))
    .get();
}

export function findGroupRow(db: Db, id: number): GroupRow | undefined {
  return db.select(groupRowColumns).from(groups).where(eq(groups.id, id)).get();
}

export function findGroupByName(db: Db, workspaceId: number, name: string, exceptId?: number): GroupRecord | undefined {
  return db
    .select()
    .from(groups)
    .where(
      and(
        eq(groups.workspaceId, workspaceId),
        sql`lower(${groups.name}) = lower(${name})`,
        exceptId === undefined ? undefined : ne(groups.id, exceptId),
      ),
    )
    .get();
}

export function insertGroup(db: Db, values: typeof groups.$inferInsert): GroupRecord {
  return db.insert(groups).values(values).returning().get();
}

export function updateGroup(db: Db, id: number, changes: Partial<typeof groups.$inferInsert>): void {
  db.update(groups).set(changes).where(eq(groups.id, id)).run();
}

export function deleteGroup(db: Db, id: number): void {
  db.delete(groups).where(eq(groups.id, id)).run();
}

export function countGroups(db: Db, workspaceId: number): number {
  return db.select({ total: sql<number>`count(*)` }).from(groups).where(eq(groups.workspaceId, workspaceId)).get()?.total ?? 0;
}

