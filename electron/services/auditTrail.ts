import { existsSync } from 'node:fs';
import type { Db } from '../db/client';
import type { AuditRecord } from '../db/repos/audit';
import { nowIso } from '../db/time';
import { appendSeal, signSeal, type AuditSeal } from './auditSeals';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditHead {
  count: number;
  id: number;
  hash: string;
}

/** What the one writer of a store needs to chain and seal entries: the key and where checkpoints go. */
export interface AuditTrail {
  readonly key: Buffer;
  readonly sealsFile: string;
  head: AuditHead;
  /** The widest checkpoint beside the store: found there at open, or written since. */
  lastSeal: AuditSeal | null;
  /** Checkpoints found deleted, not yet recorded in the chain (see takeCheckpointLoss). */
  checkpointLoss: CheckpointLoss | null;
}

/** The checkpoints beside the store went missing while the log held `entries` entries. */
export interface CheckpointLoss {
  entries: number;
  lastSealedCount: number | null;
}

export const EMPTY_HEAD: AuditHead = { count: 0, id: 0, hash: GENESIS_HASH };

// Keyed by the connection so appendAudit(db, …) keeps its signature: the trail belongs to the store it chains.
const trails = new WeakMap<Db, AuditTrail>();

export function attachAuditTrail(db: Db, trail: AuditTrail): void {
  trails.set(db, trail);
}

export function auditTrailOf(db: Db): AuditTrail {
  const trail = trails.get(db);
  if (!trail) throw new Error('This store was opened without its audit key; open it through startCore');
  return trail;
}

/** Writes a signed checkpoint of the trail's head beside the store and returns it. */
export function sealHead(trail: AuditTrail): AuditSeal {
  // Appending would quietly start a fresh file whose checkpoint vouches for whatever the log now holds.
  if (trail.lastSeal !== null && !existsSync(trail.sealsFile)) {
    trail.checkpointLoss ??= { entries: trail.head.count, lastSealedCount: trail.lastSeal.count };
  }
  const seal = signSeal(trail.key, { count: trail.head.count, headId: trail.head.id, headHash: trail.head.hash, sealedAt: nowIso() });
  appendSeal(trail.sealsFile, seal);
  trail.lastSeal = seal;
  return seal;
}

/** After a commit that appended `record`: the head moves on and is sealed. Only the mutation runner calls this. */
export function sealCommittedAppend(db: Db, record: AuditRecord): AuditSeal {
  const trail = auditTrailOf(db);
  trail.head = { count: trail.head.count + 1, id: record.id, hash: record.hash };
  return sealHead(trail);
}

/**
 * The checkpoint loss noticed since the last call, once: the caller records it as an entry of its own, so the
 * chain (which the new checkpoints then seal) keeps saying that a removed tail before it cannot be ruled out.
 */
export function takeCheckpointLoss(db: Db): CheckpointLoss | null {
  const trail = auditTrailOf(db);
  const loss = trail.checkpointLoss;
  trail.checkpointLoss = null;
  return loss;
}

/** What a worker thread needs to verify this store's chain on its own connection. */
export function chainKeysForWorker(db: Db): { auditKey: string; sealsFile: string } {
  const trail = auditTrailOf(db);
  return { auditKey: trail.key.toString('hex'), sealsFile: trail.sealsFile };
}

/** Below this many entries the chain verifies in a blink on the main thread; above it, in a worker. */
export const VERIFY_IN_WORKER_FROM = 20_000;

export function verifiesInWorker(db: Db): boolean {
  return auditTrailOf(db).head.count >= VERIFY_IN_WORKER_FROM;
}
