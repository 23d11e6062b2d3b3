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

/** Whether the group's stored settings say it may only be an extra group; unreadable settings say no. */
const ONLY_AS_EXTRA = sql`(case when json_valid(g.settings) then coalesce(json_extract(g.settings, '$.advanced.onlyAsExtra'), 0) else 0 end)`;

export interface UserMembershipRow {
  groupId: number;
  groupName: string;
  isMain: boolean;
  endsOn: string | null;
  onlyAsExtra: boolean;
}

/** The user's memberships in the workspace, main group first, then by name. */
export function membershipsOfUser(db: Db, workspaceId: number, userId: number): UserMembershipRow[] {
  return db
    .all<{ groupId: number; groupName: string; isMain: number; endsOn: string | null; onlyAsExtra: number }>(
      sql`select g.id as groupId, g.name as groupName, m.is_main as isMain, m.ends_on as endsOn, ${ONLY_AS_EXTRA} as onlyAsExtra
          from memberships m join groups g on g.id = m.group_id
          where m.user_id = ${userId} and g.workspace_id = ${workspaceId}
          order by m.is_main desc, g.name collate nocase, g.id`,
    )
    .map((row) => ({ ...row, isMain: row.isMain === 1, onlyAsExtra: row.onlyAsExtra === 1 }));
}

/** Users (among the ids) whose main group is in the workspace, with that group's id. */
export function mainGroupsOfUsers(db: Db, userIds: readonly number[]): Map<number, number> {
  const rows = db
    .select({ userId: memberships.userId, groupId: memberships.groupId })
    .from(memberships)
    .where(and(eq(memberships.isMain, true), inIdList(memberships.userId, userIds)))
    .all();
  return new Map(rows.map((row) => [row.userId, row.groupId]));
}

/** The users whose main group this is, with the fields that name them. */
export function mainMembersOfGroup(db: Db, groupId: number): { id: number; username: string; firstName: string; lastName: string }[] {
  return db
    .select({ id: users.id, username: users.username, firstName: users.firstName, lastName: users.lastName })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.groupId, groupId), eq(memberships.isMain, true)))
    .orderBy(users.lastName, users.firstName, users.id)
    .all();
}

/**
 * Makes the group the main group of the users: their old main membership becomes extra, an existing
 * membership of this group is promoted, and a missing one is added. Three statements for any number of users.
 */
export function makeMainGroup(db: Db, groupId: number, userIds: readonly number[], addedAt: string): void {
  const ids = JSON.stringify(userIds);
  db.run(sql`update memberships set is_main = 0
    where is_main = 1 and group_id <> ${groupId} and user_id in (select value from json_each(${ids}))`);
  db.run(sql`update memberships set is_main = 1
    where group_id = ${groupId} and is_main = 0 and user_id in (select value from json_each(${ids}))`);
  db.run(sql`insert into memberships (group_id, user_id, added_at, is_main)
    select ${groupId}, value, ${addedAt}, 1 from json_each(${ids})
    where not exists (select 1 from memberships m where m.group_id = ${groupId} and m.user_id = value)`);
}

/**
 * Gives each of the users who has no main group one: the membership in `groupId` when the group allows it,
 * otherwise their first group by name that does. Keeps "exactly one main group" after adds and removals.
 */
export function fillMissingMainGroups(db: Db, userIds: readonly number[]): void {
  db.run(sql`update memberships set is_main = 1
    where rowid in (
      select (select m.rowid from memberships m join groups g on g.id = m.group_id
              where m.user_id = u.value and ${ONLY_AS_EXTRA} = 0
              order by g.name collate nocase, g.id limit 1)
      from json_each(${JSON.stringify(userIds)}) u
      where not exists (select 1 from memberships x where x.user_id = u.value and x.is_main = 1)
    )`);
}

export function setMembershipEnd(db: Db, groupId: number, userId: number, endsOn: string | null): void {
  db.update(memberships).set({ endsOn }).where(and(eq(memberships.groupId, groupId), eq(memberships.userId, userId))).run();
}

export function findMembership(db: Db, groupId: number, userId: number): { isMain: boolean; endsOn: string | null } | undefined {
  return db
    .select({ isMain: memberships.isMain, endsOn: memberships.endsOn })
    .from(memberships)
    .where(and(eq(memberships.groupId, groupId), eq(memberships.userId, userId)))
    .get();
}

/** Memberships whose end date has come (ends_on ≤ today), with the group and the user's name fields. */
export function endedMemberships(db: Db, today: string): { groupId: number; groupName: string; userId: number; username: string; firstName: string; lastName: string; endsOn: string }[] {
  return db.all(
    sql`select g.id as groupId, g.name as groupName, u.id as userId, u.username as username,
               u.first_name as firstName, u.last_name as lastName, m.ends_on as endsOn
        from memberships m join groups g on g.id = m.group_id join users u on u.id = m.user_id
        where m.ends_on is not null and m.ends_on <= ${today}
        order by g.id, u.id`,
  );
}
