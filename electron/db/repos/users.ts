import { and, eq, inArray, isNull, ne, sql, type Placeholder, type SQL } from 'drizzle-orm';
import type { Page, UserListQueryParsed, UserRow, UserSortKey } from '../../../shared/contract';
import { PLATFORM_ROLES, USER_STATUSES, USER_TYPES, type UserStatus } from '../../../shared/domain/users';
import type { Db } from '../client';
import { groups, memberships, users } from '../schema';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { choosePagePlan, countUserSearchMatches, parseUserSearch, userSearchPageCondition, userSearchText, type PagePlan } from './userSearch';
import { identityKey } from '../../../shared/domain/identity';

export type UserRecord = typeof users.$inferSelect;
export type NewUserRecord = typeof users.$inferInsert;

const nocase = (column: AnySQLiteColumn) => sql`${column} collate nocase`;

/** Each sort key follows the column order of its partial index in the schema, then id, so pages are stable. */
const SORT_TERMS: Record<UserSortKey, SQL[]> = {
  lastName: [nocase(users.lastName), nocase(users.firstName), sql`${users.id}`],
  firstName: [nocase(users.firstName), nocase(users.lastName), sql`${users.id}`],
  username: [nocase(users.username), sql`${users.id}`],
  email: [nocase(users.email), sql`${users.id}`],
  userType: [sql`${users.userType}`, sql`${users.id}`],
  status: [sql`${users.status}`, sql`${users.id}`],
  groupCount: [sql`${users.groupCount}`, sql`${users.id}`],
};

/**
 * A value the app never writes (a hand-edited store) reads as the least privileged one, so lists keep working
 * and nothing gains rights from it.
 */
export function knownOr<Value extends string>(column: AnySQLiteColumn, known: readonly Value[], fallback: Value): SQL<Value> {
  const list = sql.join(known.map((value) => sql`${value}`), sql`, `);
  return sql<Value>`case when ${column} in (${list}) then ${column} else ${fallback} end`;
}

export const userRowColumns = {
  id: users.id,
  username: users.username,
  firstName: users.firstName,
  lastName: users.lastName,
  email: users.email,
  userType: knownOr(users.userType, USER_TYPES, 'read_only').as('user_type'),
  status: knownOr(users.status, USER_STATUSES, 'deactivated').as('status'),
  platformRole: knownOr(users.platformRole, PLATFORM_ROLES, 'none').as('platform_role'),
  sso: users.sso,
  groupCount: users.groupCount,
  departmentId: users.departmentId,
};

function visibleStatuses(query: Pick<UserListQueryParsed, 'statuses' | 'showDeactivated'>): UserStatus[] {
  const wanted = query.statuses.length > 0 ? query.statuses : [...USER_STATUSES];
  return query.showDeactivated ? wanted : wanted.filter((status) => status !== 'deactivated');
}

interface PreparedListQuery<Result> {
  get(values: Record<string, unknown>): Result | undefined;
  all(values: Record<string, unknown>): Result[];
}

/**
 * The list's statements, prepared once per connection and query shape (sort, statuses, group or not, search
 * plan); only the group, search text, limit and offset change between calls, and are bound as placeholders.
 */
const preparedListQueries = new WeakMap<Db, Map<string, PreparedListQuery<UserRow> | PreparedListQuery<{ total: number }>>>();

function preparedListQuery<Result>(db: Db, key: string, prepare: () => PreparedListQuery<Result>): PreparedListQuery<Result> {
  let forDb = preparedListQueries.get(db);
  if (!forDb) {
    forDb = new Map();
    preparedListQueries.set(db, forDb);
  }
  let prepared = forDb.get(key) as PreparedListQuery<Result> | undefined;
  if (!prepared) {
    prepared = prepare();
    forDb.set(key, prepared as PreparedListQuery<UserRow>);
  }
  return prepared;
}

/**
 * A page of live users, optionally only a group's members and only users whose department is among
 * `departmentIds` (a Local administrator's units).
 */
export function listUsers(db: Db, query: UserListQueryParsed, groupId?: number, departmentIds?: readonly number[]): Page<UserRow> {
  const statuses = visibleStatuses(query);
  const search = parseUserSearch(query.search);
  const paging = { page: query.page, pageSize: query.pageSize };
  if (statuses.length === 0 || search.kind === 'nothing') return { rows: [], total: 0, ...paging };
  const filterStatus = statuses.length !== USER_STATUSES.length;
  const membersOf = (group: Placeholder | number) =>
    sql`${users.id} in (select ${memberships.userId} from ${memberships} where ${memberships.groupId} = ${group})`;
  const inGroup = groupId === undefined ? undefined : membersOf(sql.placeholder('groupId'));
  const inUnits = (units: Placeholder | string) => sql`${users.departmentId} in (select value from json_each(${units}))`;
  const units = departmentIds === undefined ? undefined : JSON.stringify(departmentIds);
  const inScope = and(inGroup, units === undefined ? undefined : inUnits(sql.placeholder('units')));
  const offset = (query.page - 1) * query.pageSize;
  const shape = `${filterStatus ? statuses.join(',') : 'any status'}|${inGroup ? 'in group' : 'everyone'}|${units === undefined ? 'any unit' : 'in units'}`;

  let total: number;
  let plan: PagePlan = 'walk';
  let searchCondition: SQL | undefined;
  let searchText: string | undefined;
  if (search.kind === 'all') {
    const count = preparedListQuery(db, `count|${shape}`, () =>
      db
        .select({ total: sql<number>`count(*)` })
        .from(users)
        .where(and(isNull(users.deletedAt), inScope, filterStatus ? inArray(users.status, statuses) : undefined))
        .prepare(),
    );
    total = count.get({ groupId, units })?.total ?? 0;
  } else {
    // The exact count comes first: how many rows match decides how the page is fetched.
    const scopeCondition = and(groupId === undefined ? undefined : membersOf(groupId), units === undefined ? undefined : inUnits(units));
    total = db.get<{ total: number }>(countUserSearchMatches(search, statuses, scopeCondition)).total;
    const rowsEstimate = db.select({ last: sql<number | null>`max(${users.id})` }).from(users).get()?.last ?? 0;
    // A group's members are few next to all users; let the planner start from them or the matches.
    plan = inScope ? 'gather' : choosePagePlan(search, total, offset + query.pageSize, rowsEstimate);
    searchCondition = userSearchPageCondition(search, plan, sql.placeholder('search'));
    searchText = userSearchText(search);
  }
  if (offset >= total) return { rows: [], total, ...paging };

  // `+status` keeps the planner on the sort index (which covers status) instead of reading every matching
  // row through the status index and sorting them. For a gathered page, `+` on the sort terms does the
  // opposite: the sort index cannot serve the order, so the matches are collected first, then sorted.
  const page = preparedListQuery(db, `page|${shape}|${search.kind}|${plan}|${query.sortBy}|${query.sortDir}`, () => {
    const pageWhere = and(isNull(users.deletedAt), searchCondition, inScope, filterStatus ? inArray(sql`+${users.status}`, statuses) : undefined);
    const direction = query.sortDir === 'desc' ? sql`desc` : sql`asc`;
    const orderBy = SORT_TERMS[query.sortBy].map((term) => (plan === 'gather' ? sql`+${term} ${direction}` : sql`${term} ${direction}`));
    return db
      .select(userRowColumns)
      .from(users)
      .where(pageWhere)
      .orderBy(...orderBy)
      .limit(sql.placeholder('limit'))
      .offset(sql.placeholder('offset'))
      .prepare();
  });
  const rows = page.all({ groupId, units, search: searchText, limit: query.pageSize, offset });
  return { rows, total, ...paging };
}

export function findUserById(db: Db, id: number): UserRecord | undefined {
  return db.select().from(users).where(eq(users.id, id)).get();
}

export function findLiveUserById(db: Db, id: number): UserRecord | undefined {
  return db
    .select()
    .from(users)
    .where(and(eq(users.id, id), isNull(users.deletedAt)))
    .get();
}

export function findUserRowById(db: Db, id: number): UserRow | undefined {
  return db.select(userRowColumns).from(users).where(eq(users.id, id)).get();
}

/** The user (deleted ones included) whose username is the same identity, per shared/domain/identity. */
export function findUserByUsername(db: Db, username: string): UserRecord | undefined {
  return db.select().from(users).where(eq(users.usernameKey, identityKey(username))).get();
}

/** A user who is not deleted and whose email is the same identity. */
export function findLiveUserByEmail(db: Db, email: string, exceptId?: number): UserRecord | undefined {
  return db
    .select()
    .from(users)
    .where(
      and(
        eq(users.emailKey, identityKey(email)),
        isNull(users.deletedAt),
        exceptId === undefined ? undefined : ne(users.id, exceptId),
      ),
    )
    .get();
}

/** Identity keys are derived here, so no caller can store a user without them. */
export function insertUser(db: Db, record: Omit<NewUserRecord, 'usernameKey' | 'emailKey'>): UserRecord {
  return db
    .insert(users)
    .values({ ...record, usernameKey: identityKey(record.username), emailKey: identityKey(record.email) })
    .returning()
    .get();
}

export function updateUser(db: Db, id: number, changes: Partial<Omit<NewUserRecord, 'usernameKey' | 'emailKey'>>): void {
  const keys = changes.email === undefined ? {} : { emailKey: identityKey(changes.email) };
  db.update(users).set({ ...changes, ...keys }).where(eq(users.id, id)).run();
}

export function groupsOfUser(db: Db, userId: number): { id: number; name: string }[] {
  return db
    .select({ id: groups.id, name: groups.name })
    .from(memberships)
    .innerJoin(groups, eq(groups.id, memberships.groupId))
    .where(eq(memberships.userId, userId))
    .orderBy(sql`${groups.name} collate nocase`)
    .all();
}

export function countUsersByStatus(db: Db): Record<UserStatus | 'deleted', number> {
  const counts: Record<UserStatus | 'deleted', number> = { pending: 0, active: 0, deactivated: 0, deleted: 0 };
  const rows = db
    .select({
      status: sql<UserStatus | 'deleted'>`case when ${users.deletedAt} is null then ${users.status} else 'deleted' end`,
      total: sql<number>`count(*)`,
    })
    .from(users)
    .groupBy(sql`1`)
    .all();
  for (const row of rows) counts[row.status] = row.total;
  return counts;
}

/** Roles that may sign in; listed rather than `!= 'none'` so the count searches the role index. */
const OPERATOR_ROLES = PLATFORM_ROLES.filter((role) => role !== 'none');

export function countOperators(db: Db): number {
  return (
    db
      .select({ total: sql<number>`count(*)` })
      .from(users)
      .where(and(isNull(users.deletedAt), inArray(users.platformRole, OPERATOR_ROLES)))
      .get()?.total ?? 0
  );
}

/**
 * `column in (ids)` for any number of ids as one bound JSON array, clear of SQLite's variable limit; a
 * placeholder stands for the JSON text in a prepared statement.
 */
export function inIdList(column: AnySQLiteColumn, ids: readonly number[] | Placeholder): SQL {
  const json = Array.isArray(ids) ? JSON.stringify(ids) : ids;
  return sql`${column} in (select value from json_each(${json}))`;
}

export type SubjectRecord = Pick<
  UserRecord,
  'id' | 'username' | 'firstName' | 'lastName' | 'email' | 'platformRole' | 'status' | 'deletedAt' | 'departmentId'
>;

function prepareSubjectsQuery(db: Db) {
  return db
    .select({
      id: users.id,
      username: users.username,
      firstName: users.firstName,
      lastName: users.lastName,
      email: users.email,
      platformRole: users.platformRole,
      status: users.status,
      deletedAt: users.deletedAt,
      departmentId: users.departmentId,
    })
    .from(users)
    .where(inIdList(users.id, sql.placeholder('ids')))
    .orderBy(users.id)
    .prepare();
}

const subjectQueries = new WeakMap<Db, ReturnType<typeof prepareSubjectsQuery>>();

/**
 * Every user (live or soft-deleted) among the ids, in one statement. A bulk action reads 10,000 of these
 * twice (the policy check and the change), so the statement is prepared once per connection.
 */
export function subjectsAmong(db: Db, ids: readonly number[]): SubjectRecord[] {
  let query = subjectQueries.get(db);
  if (!query) {
    query = prepareSubjectsQuery(db);
    subjectQueries.set(db, query);
  }
  return query.all({ ids: JSON.stringify(ids) });
}

export function countActiveSuperAdmins(db: Db): number {
  return (
    db
      .select({ total: sql<number>`count(*)` })
      .from(users)
      .where(and(isNull(users.deletedAt), eq(users.platformRole, 'super_admin'), eq(users.status, 'active')))
      .get()?.total ?? 0
  );
}

export function setStatusOfUsers(db: Db, ids: readonly number[], status: UserStatus, at: string): void {
  db.update(users).set({ status, updatedAt: at }).where(inIdList(users.id, ids)).run();
}

export function softDeleteUsers(db: Db, ids: readonly number[], at: string): void {
  db.update(users).set({ deletedAt: at, updatedAt: at }).where(inIdList(users.id, ids)).run();
}
