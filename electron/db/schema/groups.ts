import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { LICENCE_LEVELS } from '../../../shared/domain/permissionModel';
import { users } from './users';
import { workspaces } from './workspaces';

export const groups = sqliteTable(
  'groups',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    workspaceId: integer('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    /** GroupSettings (shared/domain/permissionModel.ts) as JSON, validated on every read and write; '' = defaults. */
    settings: text('settings').notNull().default(''),
    /** Reporter and Member groups are locked read-only (seed 001). */
    licenceLevel: text('licence_level', { enum: LICENCE_LEVELS }).notNull().default('full'),
    /** Kept by triggers on memberships. */
    memberCount: integer('member_count').notNull().default(0),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('groups_workspace_name_unique').on(t.workspaceId, sql`lower(${t.name})`)],
);

export const memberships = sqliteTable(
  'memberships',
  {
    groupId: integer('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    addedAt: text('added_at').notNull(),
    /** The user's one main group; every other membership is an extra group. */
    isMain: integer('is_main', { mode: 'boolean' }).notNull().default(false),
    /** The membership ends by itself on this date (YYYY-MM-DD), checked at start and hourly. */
    endsOn: text('ends_on'),
  },
  (t) => [
    primaryKey({ columns: [t.groupId, t.userId] }),
    index('memberships_user').on(t.userId, t.groupId),
    uniqueIndex('memberships_one_main_group').on(t.userId).where(sql`${t.isMain} = 1`),
    index('memberships_ending').on(t.endsOn).where(sql`${t.endsOn} is not null`),
  ],
);

/** The per-workspace list of scorecard columns that column-specific grants name. */
export const scorecardColumns = sqliteTable(
  'scorecard_columns',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    workspaceId: integer('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    name: text('name').notNull(),
  },
  (t) => [uniqueIndex('scorecard_columns_workspace_name_unique').on(t.workspaceId, sql`lower(${t.name})`)],
);
