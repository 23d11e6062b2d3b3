import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Append-only: triggers in the migrations refuse UPDATE and DELETE. Each row's hash covers its own
 * fields and the previous row's hash, so any edit to history breaks the chain from that row on.
 */
export const auditLog = sqliteTable('audit_log', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  at: text('at').notNull(),
  operatorId: integer('operator_id'),
  operatorLabel: text('operator_label').notNull(),
  action: text('action').notNull(),
  targetType: text('target_type').notNull(),
  targetId: integer('target_id'),
  targetLabel: text('target_label').notNull(),
  /** JSON {before, after}; never holds a secret. */
  change: text('change').notNull(),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
});
