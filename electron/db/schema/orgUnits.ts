import { index, integer, sqliteTable, text, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { workspaces } from './workspaces';

/** A tree per workspace; users point at one unit as their department. */
export const orgUnits = sqliteTable(
  'org_units',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    workspaceId: integer('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    parentId: integer('parent_id').references((): AnySQLiteColumn => orgUnits.id),
    name: text('name').notNull(),
    hidden: integer('hidden', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('org_units_parent').on(t.workspaceId, t.parentId)],
);
