import { and, eq, isNull, sql } from 'drizzle-orm';
import { identityKey } from '../../../shared/domain/identity';
import type { Db } from '../client';
import { orgUnits, users } from '../schema';
import type { NewUserRecord, UserRecord } from './users';

export type ImportMatch = Pick<
  UserRecord,
  'id' | 'username' | 'usernameKey' | 'firstName' | 'lastName' | 'email' | 'emailKey' | 'userType' | 'departmentId' | 'deletedAt'
>;

const matchColumns = {
  id: users.id,
  username: users.username,
  usernameKey: users.usernameKey,
  firstName: users.firstName,
  lastName: users.lastName,
  email: users.email,
  emailKey: users.emailKey,
  userType: users.userType,
  departmentId: users.departmentId,
  deletedAt: users.deletedAt,
};

/** Every user (deleted ones included) holding one of the username keys, in one statement for any number of keys. */
export function usersByUsernameKeys(db: Db, keys: readonly string[]): ImportMatch[] {
  if (keys.length === 0) return [];
  return db.select(matchColumns).from(users).where(sql`${users.usernameKey} in (select value from json_each(${JSON.stringify(keys)}))`).all();
}

/** Users who are not deleted and hold one of the email keys. */
export function liveUsersByEmailKeys(db: Db, keys: readonly string[]): ImportMatch[] {
  if (keys.length === 0) return [];
  return db
    .select(matchColumns)
    .from(users)
    .where(and(isNull(users.deletedAt), sql`${users.emailKey} in (select value from json_each(${JSON.stringify(keys)}))`))
    .all();
}

export function orgUnitNames(db: Db, workspaceId: number): { id: number; name: string }[] {
  return db.select({ id: orgUnits.id, name: orgUnits.name }).from(orgUnits).where(eq(orgUnits.workspaceId, workspaceId)).all();
}

/** 17 columns a row: 500 rows stay well below SQLite's 32,766 bound variables. */
const INSERT_BATCH = 500;

export type ImportedUser = Pick<UserRecord, 'id' | 'username' | 'firstName' | 'lastName'>;

/** Inserts the users in batches, identity keys derived here as insertUser does; the caller's transaction makes them one change. */
export function insertImportedUsers(db: Db, records: readonly Omit<NewUserRecord, 'usernameKey' | 'emailKey'>[]): ImportedUser[] {
  const created: ImportedUser[] = [];
  for (let start = 0; start < records.length; start += INSERT_BATCH) {
    const batch = records
      .slice(start, start + INSERT_BATCH)
      .map((record) => ({ ...record, usernameKey: identityKey(record.username), emailKey: identityKey(record.email) }));
    created.push(
      ...db
        .insert(users)
        .values(batch)
        .returning({ id: users.id, username: users.username, firstName: users.firstName, lastName: users.lastName })
        .all(),
    );
  }
  return created;
}
