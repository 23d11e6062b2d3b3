import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { memberships } from '../schema';
import { chunks } from './users';

/** Which of the users are already members of the group. */
export function membersAmong(db: Db, groupId: number, userIds: readonly number[]): Set<number> {
  const found = new Set<number>();
  for (const chunk of chunks(userIds, 5000)) {
    const rows = db
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.groupId, groupId), inArray(memberships.userId, chunk)))
      .all();
    for (const row of rows) found.add(row.userId);
  }
  return found;
}

export function insertMemberships(db: Db, groupId: number, userIds: readonly number[], addedAt: string): void {
  // One prepared statement reused per row is faster in SQLite than large multi-row VALUES lists.
  const insert = db
    .insert(memberships)
    .values({ groupId, userId: sql.placeholder('userId'), addedAt })
    .prepare();
  for (const userId of userIds) insert.run({ userId });
}

export function deleteMemberships(db: Db, groupId: number, userIds: readonly number[]): void {
  for (const chunk of chunks(userIds, 5000)) {
    db.delete(memberships)
      .where(and(eq(memberships.groupId, groupId), inArray(memberships.userId, chunk)))
      .run();
  }
}

export function groupIdsOfUser(db: Db, userId: number): number[] {
  return db
    .select({ groupId: memberships.groupId })
    .from(memberships)
    .where(eq(memberships.userId, userId))
    .all()
    .map((row) => row.groupId);
}

export function deleteAllMembershipsOfUser(db: Db, userId: number): void {
  db.delete(memberships).where(eq(memberships.userId, userId)).run();
}

export function countMemberships(db: Db): number {
  return db.select({ total: sql<number>`count(*)` }).from(memberships).get()?.total ?? 0;
}

export function memberIdsOfGroup(db: Db, groupId: number): number[] {
  return db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(eq(memberships.groupId, groupId))
    .all()
    .map((row) => row.userId);
}
