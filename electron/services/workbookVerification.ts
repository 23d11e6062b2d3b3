import type { ChainProblem, WorkbookVerification } from '../../shared/contract';
import { auditEntryCount, countAuditEntriesUpTo, findAuditEntry, lastAuditEntryUpTo } from '../db/repos/audit';
import { verifyAuditChain } from './auditLog';
import { isSignedSeal, type AuditSeal } from './auditSeals';
import { auditTrailOf } from './auditTrail';
import type { ServiceContext } from './context';

/** What the seal a workbook printed says about the log now: is its head still there, at the same count? */
function sealProblems(ctx: ServiceContext, seal: AuditSeal): ChainProblem[] {
  const db = ctx.store.db;
  if (!isSignedSeal(auditTrailOf(db).key, seal)) {
    return [
      {
        entryId: null,
        kind: 'checkpoints',
        message: "The workbook's audit seal is not signed with this store's key: the workbook was edited, or it was exported from another store",
      },
    ];
  }
  if (seal.count === 0) return [];
  const head = findAuditEntry(db, seal.headId);
  if (!head) {
    const lastKept = lastAuditEntryUpTo(db, seal.headId)?.id ?? 0;
    return [
      {
        entryId: lastKept === 0 ? null : lastKept,
        kind: lastKept === 0 ? 'deleted' : 'truncated',
        message: `Entries #${lastKept + 1}…#${seal.headId} that the workbook recorded are missing from the log`,
      },
    ];
  }
  if (head.hash !== seal.headHash) {
    return [
      {
        entryId: head.id,
        kind: 'checkpointMismatch',
        message: `Entry #${head.id} is not the head the workbook recorded: the log was changed at or before it since the export`,
      },
    ];
  }
  const countNow = countAuditEntriesUpTo(db, seal.headId);
  if (countNow !== seal.count) {
    return [
      {
        entryId: head.id,
        kind: 'removedOrReordered',
        message: `The log now holds ${countNow} entries up to #${head.id}; the workbook recorded ${seal.count}`,
      },
    ];
  }
  return [];
}

/**
 * Verifies an exported workbook's seal against the log, and the log itself, so the answer also names anything
 * changed or removed since the export.
 */
export function verifyWorkbookSeal(ctx: ServiceContext, seal: AuditSeal, fileName: string): WorkbookVerification {
  const problems = [...sealProblems(ctx, seal), ...verifyAuditChain(ctx.store.db).problems];
  const entriesNow = auditEntryCount(ctx.store.db);
  return {
    ok: problems.length === 0,
    fileName,
    seal,
    entriesNow,
    addedSince: Math.max(0, entriesNow - seal.count),
    problems,
  };
}
