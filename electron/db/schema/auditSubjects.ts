import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Which users, groups and units each audit entry names, by id only, so the log can be filtered by a person in
 * a few index steps even when they were one of 100,000 in a bulk entry. Ids, never names: anonymising a user
 * erases their values from audit_personal and leaves nothing here to erase. Not part of the chain: the entry
 * itself is what verification proves, and this index is rebuilt from it.
 */
export const auditSubjects = sqliteTable(
  'audit_subjects',
  {
    subjectType: text('subject_type', { enum: ['user', 'group', 'orgUnit'] }).notNull(),
    subjectId: integer('subject_id').notNull(),
    entryId: integer('entry_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.subjectType, t.subjectId, t.entryId] })],
);
