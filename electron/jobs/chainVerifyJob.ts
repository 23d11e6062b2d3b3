import { drizzle } from 'drizzle-orm/better-sqlite3';
import { CHAIN_VERIFY_PHASE, type ChainVerification } from '../../shared/contract';
import { openConnection } from '../db/client';
import * as schema from '../db/schema';
import { auditEntryCount } from '../db/repos/audit';
import { verifyAuditChainAsOf } from '../services/auditLog';
import type { VerifyJobRequest } from './protocol';

export const VERIFY_PHASE = CHAIN_VERIFY_PHASE;

/**
 * Verifies the whole chain on the worker's own read connection. Checkpoints are read before the snapshot
 * begins, so each checkpoint names entries the snapshot holds and a change committed meanwhile is never
 * mistaken for a truncated tail.
 */
export function verifyChainJob(request: VerifyJobRequest, report: (phase: string, done: number, total: number) => void): ChainVerification {
  const sqlite = openConnection(request.storeFile, { readonly: true, ...(request.nativeBinding ? { nativeBinding: request.nativeBinding } : {}) });
  try {
    const db = drizzle(sqlite, { schema });
    return verifyAuditChainAsOf(db, { key: Buffer.from(request.auditKey, 'hex'), sealsFile: request.sealsFile }, () => {
      sqlite.prepare('begin').run();
      const total = auditEntryCount(db);
      report(VERIFY_PHASE, 0, total);
      return (done: number) => report(VERIFY_PHASE, done, total);
    });
  } finally {
    sqlite.close();
  }
}
