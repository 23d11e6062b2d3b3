import { and, eq, isNull, sql } from 'drizzle-orm';
import { identityKey } from '../../../shared/domain/identity';
import { connectionOf, type Db } from '../client';
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

export type ImportedUser = Pick<UserRecord, 'id' | 'username' | 'firstName' | 'lastName'>;

const INSERT_IMPORTED_USER = `insert into users
  (username, username_key, first_name, last_name, email, email_key, user_type, platform_role, sso, password_hash, status, department_id, created_at, updated_at)
  values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id`;

/**
 * Inserts the users one prepared statement at a time, identity keys derived here as insertUser does; the caller's
 * transaction makes them one change. Building drizzle's multi-row inserts cost about as much as SQLite's work.
 */
export function insertImportedUsers(db: Db, records: readonly Omit<NewUserRecord, 'usernameKey' | 'emailKey'>[]): ImportedUser[] {
  const insert = connectionOf(db).prepare(INSERT_IMPORTED_USER).pluck();
  return records.map((record) => {
    const id = insert.get(
      record.username,
      identityKey(record.username),
      record.firstName,
      record.lastName,
      record.email,
      identityKey(record.email),
      record.userType,
      record.platformRole,
      record.sso ? 1 : 0,
      record.passwordHash ?? null,
      record.status,
      record.departmentId ?? null,
      record.createdAt,
      record.updatedAt,
    ) as number;
    return { id, username: record.username, firstName: record.firstName, lastName: record.lastName };
  });
}
