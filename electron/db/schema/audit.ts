import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Append-only: triggers in the migrations refuse UPDATE and DELETE. Each row's hash is an HMAC (keyed with the
 * store's audit key, kept outside the store) over its own fields and the previous row's hash, so any edit to
 * history breaks the chain from that row on. Names, usernames and emails are not in the row: it holds a
 * placeholder with a salted commitment, and the value sits in audit_personal, where it can be erased.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
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
  },
  // Keyset pages of the filtered log view: each filter walks its own index newest first.
  (t) => [
    index('audit_log_operator_id').on(t.operatorId, t.id),
    index('audit_log_target_id').on(t.targetType, t.targetId, t.id),
    index('audit_log_action_id').on(t.action, t.id),
    index('audit_log_at').on(t.at),
  ],
);

/**
 * A person's value shown in an audit entry (a name, username or email), kept apart from the chained row so it
 * can be erased when the person is anonymised. The row holds `commitment` = SHA-256(salt || value); erasing
 * deletes the value and the salt, which leaves the chain verifiable and the value unrecoverable.
 */
export const auditPersonal = sqliteTable(
  'audit_personal',
  {
    commitment: text('commitment').primaryKey(),
    entryId: integer('entry_id').notNull(),
    /** Whose value it is; null for a value that names nobody in the store (a mistyped username). */
    userId: integer('user_id'),
    value: text('value').notNull(),
    salt: text('salt').notNull(),
  },
  (t) => [index('audit_personal_entry').on(t.entryId), index('audit_personal_user').on(t.userId)],
);

/** One row: what the keyed chain needs to know about this store. */
export const auditChainState = sqliteTable('audit_chain_state', {
  id: integer('id').primaryKey(),
  /** HMAC of a fixed text with the store's key: a different key is refused instead of reporting every entry. */
  keyCheck: text('key_check').notNull(),
  /** When the legacy SHA-256 chain was re-sealed with the key; null for stores that began keyed. */
  resealedAt: text('resealed_at'),
  /** The legacy chain's first break found before re-sealing, kept so verification keeps reporting it. */
  legacyBrokenId: integer('legacy_broken_id'),
  legacyBrokenReason: text('legacy_broken_reason'),
});
