import type { Db } from '../db/client';
import { insertAuditSearchTerms } from '../db/repos/auditSearchTerms';
import { insertAuditEntry, lastAuditEntry, type AuditRecord } from '../db/repos/audit';
import type { ChainVerification } from '../../shared/contract';
import { insertAuditPersonal } from '../db/repos/auditPersonal';
import { nowIso } from '../db/time';
import { hashEntry, type HashedFields } from './auditHash';
import { PersonalValues, redactSnapshot } from './auditRedaction';
import { readSeals } from './auditSeals';
import { auditTrailOf, GENESIS_HASH } from './auditTrail';
import { verifyChainWith, type VerifyOptions } from './auditVerify';

export { GENESIS_HASH } from './auditTrail';

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

/**
 * An entry's chained fields with every person value (operator, user target, names in before/after) replaced
 * by a placeholder; the values come back in `personal`, to be stored apart.
 */
export function chainedFields(
  prevHash: string,
  at: string,
  actor: AuditActor | null,
  change: AuditChange,
  reason: string | undefined,
  personal: PersonalValues,
): HashedFields {
  const owner = change.targetType === 'user' ? change.targetId : null;
  return {
    prevHash,
    at,
    operatorId: actor?.id ?? null,
    operatorLabel: actor ? personal.take(actor.label, actor.id) : 'AccessDesk',
    action: change.action,
    targetType: change.targetType,
    targetId: change.targetId,
    targetLabel: change.targetType === 'user' ? personal.take(change.targetLabel, change.targetId) : change.targetLabel,
    change: JSON.stringify({
      before: redactSnapshot(change.before ?? null, owner, personal),
      after: redactSnapshot(change.after ?? null, owner, personal),
      ...(reason ? { reason } : {}),
    }),
  };
}

/** Appends one entry chained to the last. Only the mutation runner calls this, inside the change's transaction. */
export function appendAudit(db: Db, actor: AuditActor | null, change: AuditChange, reason?: string): AuditRecord {
  const { key } = auditTrailOf(db);
  const personal = new PersonalValues();
  const fields = chainedFields(lastAuditEntry(db)?.hash ?? GENESIS_HASH, nowIso(), actor, change, reason, personal);
  const record = insertAuditEntry(db, { ...fields, hash: hashEntry(key, fields) });
  insertAuditPersonal(db, personal.taken.map((value) => ({ ...value, entryId: record.id })));
  insertAuditSearchTerms(db, [fields.action, fields.targetLabel, fields.change]);
  return record;
}

/** Where a chain's key and checkpoints are: the store's own trail, or what a worker was handed. */
export interface ChainKeys {
  key: Buffer;
  sealsFile: string;
}

/** Verifies the store's whole chain against its key and the checkpoints beside it. */
export function verifyAuditChain(db: Db, keys: ChainKeys = auditTrailOf(db), options: VerifyOptions = {}): ChainVerification {
  return verifyChainWith(db, keys.key, readSeals(keys.sealsFile, keys.key), options);
}

/** The chain as an export worker verifies it, with the key it was handed; null when it was handed none. */
export function verifyChainForExport(db: Db, handed: { auditKey?: string | undefined; sealsFile?: string | undefined }): ChainVerification | null {
  if (!handed.auditKey || !handed.sealsFile) return null;
  return verifyAuditChain(db, { key: Buffer.from(handed.auditKey, 'hex'), sealsFile: handed.sealsFile });
}

/**
 * Verification for a reader on its own connection: the checkpoints are read first, then `beginSnapshot` opens
 * the read transaction and returns the progress callback.
 */
export function verifyAuditChainAsOf(db: Db, keys: ChainKeys, beginSnapshot: () => (done: number) => void): ChainVerification {
  const seals = readSeals(keys.sealsFile, keys.key);
  return verifyChainWith(db, keys.key, seals, { onProgress: beginSnapshot() });
}
