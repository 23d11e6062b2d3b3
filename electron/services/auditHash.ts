import { createHash, createHmac } from 'node:crypto';
import type { AuditRecord } from '../db/repos/audit';

export type HashedFields = Omit<AuditRecord, 'id' | 'hash'>;

function canonical(fields: HashedFields): string {
  return JSON.stringify([
    fields.prevHash,
    fields.at,
    fields.operatorId,
    fields.operatorLabel,
    fields.action,
    fields.targetType,
    fields.targetId,
    fields.targetLabel,
    fields.change,
  ]);
}

/** HMAC-SHA-256 with the store's key: without the key nobody can write an entry that verifies. */
export function hashEntry(key: Buffer, fields: HashedFields): string {
  return createHmac('sha256', key).update(canonical(fields)).digest('hex');
}

/** The unkeyed SHA-256 chain of stores written before migration 0006; only re-sealing reads it. */
export function legacyHashEntry(fields: HashedFields): string {
  return createHash('sha256').update(canonical(fields)).digest('hex');
}
