import { timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/client';
import {
  auditEntryCount,
  lastAuditEntry,
  readAuditChainState,
  storedAuditEntriesAfter,
  writeAuditChainState,
  type AuditRecord,
} from '../db/repos/audit';
import { nowIso } from '../db/time';
import { AuditKeyError, keyCheckOf } from './auditKeys';
import { hashEntry } from './auditHash';
import { resealLegacyChain } from './auditReseal';
import { readSeals, sealsFileOf, widestSeal } from './auditSeals';
import { attachAuditTrail, EMPTY_HEAD, sealHead, type AuditHead, type AuditTrail } from './auditTrail';

function headOf(db: Db): AuditHead {
  const last = lastAuditEntry(db);
  return last ? { count: auditEntryCount(db), id: last.id, hash: last.hash } : EMPTY_HEAD;
}

function sameText(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** Whether the entries after a checkpoint's head follow it and carry the key's signature (a crash between commit and seal). */
function followsSignedly(db: Db, key: Buffer, fromId: number, fromHash: string): boolean {
  let previousHash = fromHash;
  let previousId = fromId;
  for (;;) {
    const batch: AuditRecord[] = storedAuditEntriesAfter(db, previousId, 1000);
    if (batch.length === 0) return true;
    for (const entry of batch) {
      if (entry.prevHash !== previousHash || hashEntry(key, entry) !== entry.hash) return false;
      previousHash = entry.hash;
      previousId = entry.id;
    }
  }
}

/**
 * Opens the store's audit trail with its key: refuses a key that is not the store's, re-seals a legacy
 * SHA-256 chain once, and seals entries a crash left unsealed when they carry the key's signature. Anything
 * else (a log shorter than its checkpoints, unsigned entries) is left as it is for verification to report.
 */
export function openAuditTrail(db: Db, storeFile: string, key: Buffer): AuditTrail {
  const keyCheck = keyCheckOf(key);
  const state = readAuditChainState(db);
  if (state && !sameText(state.keyCheck, keyCheck)) {
    throw new AuditKeyError(
      `The audit key found beside the store is not the key this store's audit log was sealed with, so its history cannot be proven. Put back the key file that belongs to this store (${storeFile}.auditkey), or open the store on the computer and account that created it.`,
    );
  }
  const firstOpen = state === undefined;
  if (firstOpen) {
    // One transaction: a store is either still legacy (and re-sealed at the next start) or fully keyed.
    db.transaction(() => {
      const legacy = resealLegacyChain(db, key);
      writeAuditChainState(db, {
        keyCheck,
        resealedAt: legacy.resealed ? nowIso() : null,
        legacyBrokenId: legacy.broken?.id ?? null,
        legacyBrokenReason: legacy.broken?.reason ?? null,
      });
    });
  }
  const trail: AuditTrail = { key, sealsFile: sealsFileOf(storeFile), head: headOf(db), lastSeal: null, checkpointLoss: null };
  attachAuditTrail(db, trail);
  const widest = widestSeal(readSeals(trail.sealsFile, key).seals);
  // A store that sealed before has a keyed chain state; no checkpoint at all beside a non-empty log means they went.
  if (!firstOpen && !widest && trail.head.count > 0) trail.checkpointLoss = { entries: trail.head.count, lastSealedCount: null };
  trail.lastSeal = widest;
  const unsealed = widest ? trail.head.count > widest.count && followsSignedly(db, key, widest.headId, widest.headHash) : firstOpen;
  if (unsealed && trail.head.count > 0) sealHead(trail);
  return trail;
}
