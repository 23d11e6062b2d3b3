import { createHash } from 'node:crypto';
import type { ChainVerification } from '../../shared/contract';
import type { Db } from '../db/client';
import { auditEntriesAfter, insertAuditEntry, lastAuditEntry, type AuditRecord } from '../db/repos/audit';
import { nowIso } from '../db/time';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditActor {
  id: number;
  label: string;
}

export interface AuditChange {
  action: string;
  targetType: 'user' | 'group' | 'orgUnit' | 'platform';
  targetId: number | null;
  targetLabel: string;
  before?: unknown;
  after?: unknown;
}

type HashedFields = Omit<AuditRecord, 'id' | 'hash'>;

function hashEntry(fields: HashedFields): string {
  const canonical = JSON.stringify([
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
  return createHash('sha256').update(canonical).digest('hex');
}

/** Appends one entry chained to the last. Only the mutation runner calls this, inside the change's transaction. */
export function appendAudit(db: Db, actor: AuditActor | null, change: AuditChange, reason?: string): AuditRecord {
  const fields: HashedFields = {
    prevHash: lastAuditEntry(db)?.hash ?? GENESIS_HASH,
    at: nowIso(),
    operatorId: actor?.id ?? null,
    operatorLabel: actor?.label ?? 'AccessDesk',
    action: change.action,
    targetType: change.targetType,
    targetId: change.targetId,
    targetLabel: change.targetLabel,
    change: JSON.stringify({
      before: change.before ?? null,
      after: change.after ?? null,
      ...(reason ? { reason } : {}),
    }),
  };
  return insertAuditEntry(db, { ...fields, hash: hashEntry(fields) });
}

const VERIFY_BATCH = 2000;

/** Walks the whole chain in id order and reports the first entry that does not hold. */
export function verifyAuditChain(db: Db): ChainVerification {
  let previousHash = GENESIS_HASH;
  let lastId = 0;
  let checked = 0;
  for (;;) {
    const batch = auditEntriesAfter(db, lastId, VERIFY_BATCH);
    if (batch.length === 0) break;
    for (const entry of batch) {
      if (entry.prevHash !== previousHash) {
        return { ok: false, checked, headHash: null, firstBroken: { id: entry.id, reason: 'does not follow the entry before it (an entry was removed or reordered)' } };
      }
      if (hashEntry(entry) !== entry.hash) {
        return { ok: false, checked, headHash: null, firstBroken: { id: entry.id, reason: 'its contents were changed after it was written' } };
      }
      previousHash = entry.hash;
      lastId = entry.id;
      checked += 1;
    }
  }
  return { ok: true, checked, headHash: checked === 0 ? null : previousHash, firstBroken: null };
}
