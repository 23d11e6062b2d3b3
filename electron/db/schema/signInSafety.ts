import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './users';

/**
 * Failed sign-ins of known accounts only: an unknown username leaves no row, so guessing names cannot grow
 * the store. The row goes when a sign-in succeeds.
 */
export const signInFailures = sqliteTable('sign_in_failures', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** Failures since the last success or the end of the last lockout. */
  failedCount: integer('failed_count').notNull(),
  /** While in the future, every sign-in and unlock is refused, a correct password included. */
  lockedUntil: text('locked_until'),
});

/** A pending user's one-time activation code: only its hash is kept; a fresh code replaces the row. */
export const activationCodes = sqliteTable('activation_codes', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  codeHash: text('code_hash').notNull(),
  createdAt: text('created_at').notNull(),
  expiresAt: text('expires_at').notNull(),
});
