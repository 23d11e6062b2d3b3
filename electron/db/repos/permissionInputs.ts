import type Database from 'better-sqlite3';
import { asc, eq, sql } from 'drizzle-orm';
import type { OrgUnitNode } from '../../../shared/domain/orgTree';
import type { UserType } from '../../../shared/domain/users';
import type { Db } from '../client';
import { orgUnits, scorecardColumns } from '../schema';

/** Every unit of the workspace as the engine's tree nodes. */
export function orgUnitNodes(db: Db, workspaceId: number): OrgUnitNode[] {
  return db
    .select({ id: orgUnits.id, parentId: orgUnits.parentId, name: orgUnits.name, hidden: orgUnits.hidden })
    .from(orgUnits)
    .where(eq(orgUnits.workspaceId, workspaceId))
    .all();
}

export function scorecardColumnsOf(db: Db, workspaceId: number): { id: number; name: string }[] {
  return db
    .select({ id: scorecardColumns.id, name: scorecardColumns.name })
    .from(scorecardColumns)
    .where(eq(scorecardColumns.workspaceId, workspaceId))
    .orderBy(asc(scorecardColumns.id))
    .all();
}

/** What decides one live user's access. */
export interface AccessHolder {
  id: number;
  userType: UserType;
  departmentId: number | null;
  /** The groups whose membership has not ended. */
  groupIds: number[];
}

type Statements = ReturnType<typeof prepareHolderStatements>;
const holderStatements = new WeakMap<Database.Database, Statements>();

function prepareHolderStatements(sqlite: Database.Database) {
  return {
    // An index-only walk of the users list's default sort index: the order rows are shown in.
    idsInNameOrder: sqlite
      .prepare(
        `select id from users indexed by users_sort_last_name where deleted_at is null
         order by last_name collate nocase, first_name collate nocase, id`,
      )
      .pluck(),
    // Single columns in the same order, plucked: 100,000 rows as one array each instead of 100,000 row arrays.
    factIds: sqlite.prepare('select id from users not indexed where deleted_at is null order by id').pluck(),
    factDepartments: sqlite.prepare('select department_id from users not indexed where deleted_at is null order by id').pluck(),
    factReadOnly: sqlite
      .prepare(`select user_type not in ('admin', 'standard') from users not indexed where deleted_at is null order by id`)
      .pluck(),
    factAdmin: sqlite.prepare(`select user_type = 'admin' from users not indexed where deleted_at is null order by id`).pluck(),
    // Every membership from the (user, group) index, then the few that have ended, from the end-date index.
    memberUsers: sqlite.prepare('select user_id from memberships indexed by memberships_user').pluck(),
    memberGroups: sqlite.prepare('select group_id from memberships indexed by memberships_user').pluck(),
    ended: sqlite.prepare('select user_id, group_id from memberships where ends_on is not null and ends_on <= ?').raw(),
    version: sqlite.prepare('select total_changes()').pluck(),
  };
}

function statementsOf(sqlite: Database.Database): Statements {
  let statements = holderStatements.get(sqlite);
  if (!statements) {
    statements = prepareHolderStatements(sqlite);
    holderStatements.set(sqlite, statements);
  }
  return statements;
}

/**
 * Changes whenever the store may have changed: rows written through this connection (total_changes) or a
 * commit by another connection (data_version). Lets a caller keep what it read until then.
 */
export function storeVersion(sqlite: Database.Database): string {
  const dataVersion = sqlite.pragma('data_version', { simple: true }) as number;
  return `${String(statementsOf(sqlite).version.get())}:${dataVersion}`;
}

/**
 * Every live user with what decides their access, in the users list's order (last name, first name, id).
 * Plain scans instead of a subquery per user: at 100,000 users and 300,000 memberships this is what "who has
 * access here" spends most of its time on, so callers keep the answer until `storeVersion` changes.
 */
export function accessHoldersInNameOrder(sqlite: Database.Database, today: string): AccessHolder[] {
  const statements = statementsOf(sqlite);
  const ended = new Set((statements.ended.all(today) as [number, number][]).map(([userId, groupId]) => `${userId}:${groupId}`));
  const memberUsers = statements.memberUsers.all() as number[];
  const memberGroups = statements.memberGroups.all() as number[];
  const groupsByUser = new Map<number, number[]>();
  memberUsers.forEach((userId, index) => {
    const groupId = memberGroups[index];
    if (groupId === undefined || (ended.size > 0 && ended.has(`${userId}:${groupId}`))) return;
    const groups = groupsByUser.get(userId);
    if (groups) groups.push(groupId);
    else groupsByUser.set(userId, [groupId]);
  });
  const ids = statements.factIds.all() as number[];
  const departments = statements.factDepartments.all() as (number | null)[];
  const readOnly = statements.factReadOnly.all() as number[];
  const admin = statements.factAdmin.all() as number[];
  const facts = new Map<number, { departmentId: number | null; userType: UserType }>();
  ids.forEach((id, index) => {
    // A type the app never writes reads as Read-Only, the least privileged.
    const userType: UserType = admin[index] === 1 ? 'admin' : readOnly[index] === 1 ? 'read_only' : 'standard';
    facts.set(id, { departmentId: departments[index] ?? null, userType });
  });
  const holders: AccessHolder[] = [];
  for (const id of statements.idsInNameOrder.all() as number[]) {
    const fact = facts.get(id);
    if (fact) holders.push({ id, ...fact, groupIds: groupsByUser.get(id) ?? [] });
  }
  return holders;
}

/** The fields that name users, for the page of holders on screen. */
export function holderNames(db: Db, ids: readonly number[]): Map<number, { firstName: string; lastName: string; username: string }> {
  const rows = db.all<{ id: number; firstName: string; lastName: string; username: string }>(
    sql`select id, first_name as firstName, last_name as lastName, username from users
        where id in (select value from json_each(${JSON.stringify(ids)}))`,
  );
  return new Map(rows.map((row) => [row.id, row]));
}
