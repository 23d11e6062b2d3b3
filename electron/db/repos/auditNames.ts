import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import { groups, users } from '../schema';
import { inIdList } from './users';

export interface AuditPersonName {
  id: number;
  username: string;
  firstName: string;
  lastName: string;
  deletedAt: string | null;
  anonymisedAt: string | null;
}

function preparePeopleQuery(db: Db) {
  return db
    .select({
      id: users.id,
      username: users.username,
      firstName: users.firstName,
      lastName: users.lastName,
      deletedAt: users.deletedAt,
      anonymisedAt: users.anonymisedAt,
    })
    .from(users)
    .where(inIdList(users.id, sql.placeholder('ids')))
    .prepare();
}

function prepareGroupsQuery(db: Db) {
  return db.select({ id: groups.id, name: groups.name }).from(groups).where(inIdList(groups.id, sql.placeholder('ids'))).prepare();
}

const peopleQueries = new WeakMap<Db, ReturnType<typeof preparePeopleQuery>>();
const groupQueries = new WeakMap<Db, ReturnType<typeof prepareGroupsQuery>>();

/** The people a page of entries names, in one prepared statement: a page names up to a few hundred. */
export function auditedPeople(db: Db, ids: readonly number[]): AuditPersonName[] {
  if (ids.length === 0) return [];
  let query = peopleQueries.get(db);
  if (!query) {
    query = preparePeopleQuery(db);
    peopleQueries.set(db, query);
  }
  return query.all({ ids: JSON.stringify(ids) });
}

export function auditedGroupNames(db: Db, ids: readonly number[]): { id: number; name: string }[] {
  if (ids.length === 0) return [];
  let query = groupQueries.get(db);
  if (!query) {
    query = prepareGroupsQuery(db);
    groupQueries.set(db, query);
  }
  return query.all({ ids: JSON.stringify(ids) });
}
