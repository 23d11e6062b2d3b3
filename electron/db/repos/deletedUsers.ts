import { and, desc, isNotNull, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { DeletedUserListQueryParsed, DeletedUserRow, Page } from '../../../shared/contract';
import { PLATFORM_ROLES, USER_STATUSES, USER_TYPES } from '../../../shared/domain/users';
import type { Db } from '../client';
import { auditPersonal, users } from '../schema';
import { inIdList, knownOr } from './users';
import { parseUserSearch, userSearchPageCondition } from './userSearch';

/** Deleted and not anonymised: the rows the partial index users_deleted_restorable holds. */
const restorable = and(isNotNull(users.deletedAt), isNull(users.anonymisedAt));

const deletedRowColumns = {
  id: users.id,
  username: users.username,
  firstName: users.firstName,
  lastName: users.lastName,
  email: users.email,
  userType: knownOr(users.userType, USER_TYPES, 'read_only').as('user_type'),
  platformRole: knownOr(users.platformRole, PLATFORM_ROLES, 'none').as('platform_role'),
  status: knownOr(users.status, USER_STATUSES, 'deactivated').as('status'),
  deletedAt: sql<string>`${users.deletedAt}`.as('deleted_at'),
  departmentId: users.departmentId,
};

/**
 * A page of restorable users, most recently deleted first. A search collects its matches first (the
 * trigram index or LIKE) and keeps the deleted ones; deleted users are few next to live ones. With
 * `departmentIds` (a Local administrator's units), only users whose department is one of them.
 */
export function listDeletedUsers(db: Db, query: DeletedUserListQueryParsed, departmentIds?: readonly number[]): Page<DeletedUserRow> {
  const search = parseUserSearch(query.search);
  const paging = { page: query.page, pageSize: query.pageSize };
  if (search.kind === 'nothing') return { rows: [], total: 0, ...paging };
  const matches: SQL | undefined = search.kind === 'all' ? undefined : userSearchPageCondition(search, 'gather');
  const inUnits = departmentIds === undefined ? undefined : inIdList(users.departmentId, departmentIds);
  const where = and(restorable, matches, inUnits);
  const total = db.select({ total: sql<number>`count(*)` }).from(users).where(where).get()?.total ?? 0;
  const offset = (query.page - 1) * query.pageSize;
  if (offset >= total) return { rows: [], total, ...paging };
  const rows = db
    .select(deletedRowColumns)
    .from(users)
    .where(where)
    .orderBy(desc(users.deletedAt), desc(users.id))
    .limit(query.pageSize)
    .offset(offset)
    .all();
  return { rows, total, ...paging };
}

export interface DeletedSubjectRecord {
  id: number;
  username: string;
  firstName: string;
  lastName: string;
  emailKey: string;
  deletedAt: string | null;
  anonymisedAt: string | null;
}

/** Every user among the ids with what restore and anonymise check: deleted, anonymised, email identity. */
export function deletionStateOf(db: Db, ids: readonly number[]): DeletedSubjectRecord[] {
  return db
    .select({
      id: users.id,
      username: users.username,
      firstName: users.firstName,
      lastName: users.lastName,
      emailKey: users.emailKey,
      deletedAt: users.deletedAt,
      anonymisedAt: users.anonymisedAt,
    })
    .from(users)
    .where(inIdList(users.id, ids))
    .orderBy(users.id)
    .all();
}

/** Live users holding any of these email identities, excluding the ids being restored. */
export function liveEmailHolders(db: Db, emailKeys: readonly string[]): { id: number; emailKey: string; username: string; firstName: string; lastName: string }[] {
  if (emailKeys.length === 0) return [];
  return db
    .select({ id: users.id, emailKey: users.emailKey, username: users.username, firstName: users.firstName, lastName: users.lastName })
    .from(users)
    .where(and(isNull(users.deletedAt), sql`${users.emailKey} in (select value from json_each(${JSON.stringify(emailKeys)}))`))
    .all();
}

/** Ids of restorable users deleted at or before the time (all of them when it is omitted), oldest first. */
export function restorableUserIds(db: Db, deletedBy?: string): number[] {
  return db
    .select({ id: users.id })
    .from(users)
    .where(and(restorable, deletedBy === undefined ? undefined : lte(users.deletedAt, deletedBy)))
    .orderBy(users.deletedAt, users.id)
    .all()
    .map((row) => row.id);
}

export function restoreUsers(db: Db, ids: readonly number[], at: string): void {
  db.update(users).set({ deletedAt: null, updatedAt: at }).where(inIdList(users.id, ids)).run();
}

/**
 * Above this many people, the search index drops their old terms in one merge of the whole index (about a
 * second at 100,000 users) instead of a secure delete per row (about a third of a millisecond each).
 */
export const SEARCH_MERGE_THRESHOLD = 3_000;

/**
 * Replaces everything that names these people on their rows in one statement; ids stay so history keeps
 * pointing at them. The replacement username and email are plain lower-case ASCII, so each is its own
 * identity key (a test holds identityKey to that). FTS5 otherwise only marks the old terms deleted and keeps
 * them until a merge: either way they leave the file now.
 */
export function anonymiseUserRows(db: Db, ids: readonly number[], at: string): void {
  const merge = ids.length > SEARCH_MERGE_THRESHOLD;
  if (!merge) db.run(sql`insert into users_search(users_search, rank) values ('secure-delete', 1)`);
  db.run(sql`update ${users} set
      username = 'anonymised-' || id, username_key = 'anonymised-' || id,
      first_name = 'Anonymised', last_name = 'user',
      email = 'anonymised-' || id || '@anonymised.invalid', email_key = 'anonymised-' || id || '@anonymised.invalid',
      password_hash = null, anonymised_at = ${at}, updated_at = ${at}
    where ${inIdList(users.id, ids)}`);
  if (merge) db.run(sql`insert into users_search(users_search) values ('optimize')`);
  else db.run(sql`insert into users_search(users_search, rank) values ('secure-delete', 0)`);
}

/** Erases these people's values and salts from history in one statement; returns how many were erased. */
export function erasePersonalValuesOfUsers(db: Db, ids: readonly number[]): number {
  return db.delete(auditPersonal).where(inIdList(auditPersonal.userId, ids)).run().changes;
}
