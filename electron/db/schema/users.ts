import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex, type SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { orgUnits } from './orgUnits';
import { PLATFORM_ROLES, USER_STATUSES, USER_TYPES } from '../../../shared/domain/users';

/** Platform-level identities. Soft-deleted rows keep their history; anonymised rows keep only their id. */
/**
 * Lists only ever show live users, so every sort index is partial on that condition; the status index
 * also answers the list's total count without touching the table.
 */
function sortIndexes(t: {
  id: SQLiteColumn; username: SQLiteColumn; firstName: SQLiteColumn; lastName: SQLiteColumn;
  email: SQLiteColumn; userType: SQLiteColumn; status: SQLiteColumn; groupCount: SQLiteColumn; deletedAt: SQLiteColumn;
}) {
  const live = sql`${t.deletedAt} is null`;
  const nocase = (column: SQLiteColumn) => sql`${column} collate nocase`;
  // status is not in the sort indexes: every index that holds it is rewritten when a status changes, and bulk
  // deactivation of 10,000 users cost ~400 ms in index writes. The default sort (last name) keeps it so the
  // list's status filter skips deep OFFSET rows without reading the table; other sorts read the row.
  return [
    index('users_sort_last_name').on(nocase(t.lastName), nocase(t.firstName), t.id, t.status).where(live),
    index('users_sort_first_name').on(nocase(t.firstName), nocase(t.lastName), t.id).where(live),
    index('users_sort_username').on(nocase(t.username), t.id).where(live),
    index('users_sort_email').on(nocase(t.email), t.id).where(live),
    index('users_sort_user_type').on(t.userType, t.id).where(live),
    index('users_sort_status').on(t.status, t.id).where(live),
    index('users_sort_group_count').on(t.groupCount, t.id).where(live),
  ];
}

export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    username: text('username').notNull(),
    /** identityKey(username): what uniqueness compares (shared/domain/identity.ts). */
    usernameKey: text('username_key').notNull().default(''),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    email: text('email').notNull(),
    /** identityKey(email): unique among users who are not deleted. */
    emailKey: text('email_key').notNull().default(''),
    userType: text('user_type', { enum: USER_TYPES }).notNull(),
    platformRole: text('platform_role', { enum: PLATFORM_ROLES }).notNull(),
    sso: integer('sso', { mode: 'boolean' }).notNull(),
    passwordHash: text('password_hash'),
    mustChangePassword: integer('must_change_password', { mode: 'boolean' }).notNull().default(false),
    status: text('status', { enum: USER_STATUSES }).notNull(),
    /** Kept by triggers on memberships so the column sorts on an index. */
    departmentId: integer('department_id').references(() => orgUnits.id),
    groupCount: integer('group_count').notNull().default(0),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    deletedAt: text('deleted_at'),
    anonymisedAt: text('anonymised_at'),
  },
  (t) => [
    uniqueIndex('users_username_key_unique').on(t.usernameKey),
    uniqueIndex('users_email_key_live_unique').on(t.emailKey).where(sql`${t.deletedAt} is null`),
    // session.status counts operators and active Super Administrators on every call; without this it read
    // the whole table (~50 ms at 100,000 users). Not on status, so bulk status changes don't rewrite it.
    index('users_live_platform_role').on(t.platformRole).where(sql`${t.deletedAt} is null`),
    // "Is this unit anyone's department?" before a unit is deleted, and users by department for Local administrators.
    index('users_department').on(t.departmentId),
    // The Deleted users view (newest deletion first) and the automatic anonymisation's "deleted before" range
    // read only the few restorable users, never the 100,000 live ones.
    index('users_deleted_restorable').on(t.deletedAt, t.id).where(sql`${t.deletedAt} is not null and ${t.anonymisedAt} is null`),
    ...sortIndexes(t),
  ],
);
