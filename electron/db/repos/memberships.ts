import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { memberships, users } from '../schema';
import { inIdList } from './users';

/** Which of the users are already members of the group. */
export function membersAmong(db: Db, groupId: number, userIds: readonly number[]): Set<number> {
  const rows = db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.groupId, groupId), inIdList(memberships.userId, userIds)))
    .all();
  return new Set(rows.map((row) => row.userId));
}

/** Adds the users in one statement; the caller has excluded existing members and deleted users. */
export function insertMemberships(db: Db, groupId: number, userIds: readonly number[], addedAt: string): void {
  db.run(sql`insert into ${memberships} (group_id, user_id, added_at)
    select ${groupId}, value, ${addedAt} from json_each(${JSON.stringify(userIds)})`);
}

export function deleteMemberships(db: Db, groupId: number, userIds: readonly number[]): void {
  db.delete(memberships)
    .where(and(eq(memberships.groupId, groupId), inIdList(memberships.userId, userIds)))
    .run();
}

/** Each user's group ids, for the users that have any. */
export function groupIdsOfUsers(db: Db, userIds: readonly number[]): Map<number, number[]> {
  const rows = db
    .select({ userId: memberships.userId, groupId: memberships.groupId })
    .from(memberships)
    .where(inIdList(memberships.userId, userIds))
    .all();
  const byUser = new Map<number, number[]>();
  for (const row of rows) {
    const list = byUser.get(row.userId);
    if (list) list.push(row.groupId);
    else byUser.set(row.userId, [row.groupId]);
  }
  return byUser;
}

export function deleteAllMembershipsOfUsers(db: Db, userIds: readonly number[]): void {
  db.delete(memberships).where(inIdList(memberships.userId, userIds)).run();
}

export function countMemberships(db: Db): number {
  return db.select({ total: sql<number>`count(*)` }).from(memberships).get()?.total ?? 0;
}

/** Members of the group with the fields an audit entry names them by. */
export function membersOfGroupForAudit(db: Db, groupId: number): { id: number; username: string; firstName: string; lastName: string }[] {
  return db
    .select({ id: users.id, username: users.username, firstName: users.firstName, lastName: users.lastName })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.groupId, groupId))
    .orderBy(users.id)
    .all();
}
