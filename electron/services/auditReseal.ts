import type { Db } from '../db/client';
import { insertAuditPersonal } from '../db/repos/auditPersonal';
import { rewriteAuditEntry, storedAuditEntriesAfter, withAuditGuardsLifted, type AuditRecord } from '../db/repos/audit';
import { hashEntry, legacyHashEntry, type HashedFields } from './auditHash';
import { PersonalValues, redactSnapshot } from './auditRedaction';
import { GENESIS_HASH } from './auditTrail';

const BATCH = 2000;

export interface LegacyReseal {
  resealed: boolean;
  /** The legacy chain's first break, found before re-sealing. */
  broken: { id: number; reason: string } | null;
}

function firstLegacyBreak(db: Db): { id: number; reason: string } | null {
  let previousHash = GENESIS_HASH;
  let previousId = 0;
  for (;;) {
    const batch = storedAuditEntriesAfter(db, previousId, BATCH);
    if (batch.length === 0) return null;
    for (const entry of batch) {
      if (entry.prevHash !== previousHash) return { id: entry.id, reason: 'did not follow the entry before it (an entry was removed or reordered)' };
      if (legacyHashEntry(entry) !== entry.hash) return { id: entry.id, reason: 'had been changed after it was written' };
      previousHash = entry.hash;
      previousId = entry.id;
    }
  }
}

/** A legacy entry with its person values taken out, as appendAudit would have written it. */
function redactLegacyEntry(entry: AuditRecord, prevHash: string, personal: PersonalValues): HashedFields {
  const owner = entry.targetType === 'user' ? entry.targetId : null;
  let change = entry.change;
  try {
    const parsed: unknown = JSON.parse(entry.change);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      const { before = null, after = null, ...rest } = parsed as Record<string, unknown>;
      change = JSON.stringify({ before: redactSnapshot(before, owner, personal), after: redactSnapshot(after, owner, personal), ...rest });
    }
  } catch {
    // A damaged change stays as it was: the legacy break already records it.
  }
  return {
    prevHash,
    at: entry.at,
    operatorId: entry.operatorId,
    operatorLabel: entry.operatorId === null ? entry.operatorLabel : personal.take(entry.operatorLabel, entry.operatorId),
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    targetLabel: entry.targetType === 'user' ? personal.take(entry.targetLabel, owner) : entry.targetLabel,
    change,
  };
}

/**
 * Stores written before the keyed chain hold an unkeyed SHA-256 chain with names in the entries. Once, at the
 * first start with a key: note where the legacy chain was already broken, then rewrite every entry with its
 * person values taken out and chain it with the key. The append-only guards are lifted only inside this one
 * transaction and put back before it commits.
 */
export function resealLegacyChain(db: Db, key: Buffer): LegacyReseal {
  if (storedAuditEntriesAfter(db, 0, 1).length === 0) return { resealed: false, broken: null };
  const broken = firstLegacyBreak(db);
  withAuditGuardsLifted(db, () => {
    let previousHash = GENESIS_HASH;
    let previousId = 0;
    for (;;) {
      const batch = storedAuditEntriesAfter(db, previousId, BATCH);
      if (batch.length === 0) break;
      for (const entry of batch) {
        const personal = new PersonalValues();
        const fields = redactLegacyEntry(entry, previousHash, personal);
        const hash = hashEntry(key, fields);
        rewriteAuditEntry(db, entry.id, { ...fields, hash });
        insertAuditPersonal(db, personal.taken.map((value) => ({ ...value, entryId: entry.id })));
        previousHash = hash;
        previousId = entry.id;
      }
    }
  });
  return { resealed: true, broken };
}
