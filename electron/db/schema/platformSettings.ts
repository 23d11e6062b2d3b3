import { sql } from 'drizzle-orm';
import { check, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { AUTH_MODES } from '../../../shared/domain/platformSettings';

/** One row (id 1) of typed settings, so a tampered or malformed value fails a check instead of reading oddly. */
export const platformSettings = sqliteTable(
  'platform_settings',
  {
    id: integer('id').primaryKey(),
    authMode: text('auth_mode', { enum: AUTH_MODES }).notNull().default('local'),
    passwordMinLength: integer('password_min_length').notNull().default(12),
    idleLockMinutes: integer('idle_lock_minutes').notNull().default(15),
    anonymiseAfterDays: integer('anonymise_after_days'),
    updatedAt: text('updated_at'),
  },
  (t) => [
    check('platform_settings_single_row', sql`${t.id} = 1`),
    check('platform_settings_auth_mode', sql`${t.authMode} in ('local', 'directory', 'entra')`),
    check('platform_settings_password_min_length', sql`${t.passwordMinLength} between 8 and 128`),
    check('platform_settings_idle_lock_minutes', sql`${t.idleLockMinutes} between 1 and 480`),
    check('platform_settings_anonymise_after_days', sql`${t.anonymiseAfterDays} is null or ${t.anonymiseAfterDays} between 1 and 3650`),
  ],
);
