import type { DataDomain } from '../../shared/contract/events';
import type { AuditRecord } from '../db/repos/audit';
import { insertAuditSubjects } from '../db/repos/auditQuery';
import { appendAudit, type AuditActor, type AuditChange } from './auditLog';
import { sealCommittedAppend, takeCheckpointLoss } from './auditTrail';
import { subjectsOf } from './auditSubjects';
import type { ServiceContext } from './context';

export interface MutationOutcome<T> {
  value: T;
  /** The one entry recording the change; null when nothing changed (no entry, no event). */
  audit: AuditChange | null;
  /** Which lists every open window should reload once the change is committed. */
  changed: DataDomain[];
}

export interface MutationRequest {
  /** Who the audit entry names; null only for changes AccessDesk makes by itself. */
  actor: AuditActor | null;
  /** The operator's optional reason (a ticket number, say), kept in the audit entry. */
  reason?: string | undefined;
}

/**
 * The one write path: a `BEGIN IMMEDIATE` transaction (so a second writer waits for the lock instead of
 * failing on upgrade), the service's change, its audit entry, commit, and only then the change event.
 * Services never open transactions themselves.
 */
export function runMutation<T>(
  ctx: ServiceContext,
  request: MutationRequest | ((value: T) => MutationRequest),
  change: () => MutationOutcome<T>,
): T {
  let appended: AuditRecord | null = null;
  // A lock held past busy_timeout throws SQLITE_BUSY here; dispatch turns it into `busy` for every method.
  const outcome = ctx.store.sqlite
    .transaction(() => {
      appended = null;
      const result = change();
      if (result.audit) {
        const { actor, reason } = typeof request === 'function' ? request(result.value) : request;
        const entry = appendAudit(ctx.store.db, actor, result.audit, reason);
        appended = entry;
        insertAuditSubjects(ctx.store.db, entry.id, subjectsOf(result.audit));
      }
      return result;
    })
    .immediate();
  // Sealed only once committed: a checkpoint never vouches for an entry a rollback took back.
  if (appended) {
    sealCommittedAppend(ctx.store.db, appended);
    recordCheckpointLoss(ctx);
  }
  if (outcome.audit) ctx.changed(...new Set<DataDomain>([...outcome.changed, 'audit']));
  return outcome.value;
}

/**
 * Records, as AccessDesk's own entry, that the checkpoints beside the store were found deleted (at start, or
 * before a checkpoint was written): the checkpoints written from then on seal that entry, so verification keeps
 * reporting that a tail removed before it cannot be ruled out, instead of trusting the fresh checkpoints.
 */
export function recordCheckpointLoss(ctx: ServiceContext): void {
  const loss = takeCheckpointLoss(ctx.store.db);
  if (!loss) return;
  recordEvent(ctx, null, {
    action: 'audit.checkpointsLost',
    targetType: 'platform',
    targetId: null,
    targetLabel: 'Audit checkpoints',
    after: { entries: loss.entries, ...(loss.lastSealedCount === null ? {} : { lastSealedCount: loss.lastSealedCount }) },
  });
}

/**
 * An audit entry that records an event rather than a change (a sign-in, a refused sign-in): its own
 * transaction, committed before the caller goes on, so it stays even when the caller then throws.
 */
export function recordEvent(ctx: ServiceContext, actor: AuditActor | null, event: AuditChange): void {
  runMutation(ctx, { actor }, () => ({ value: undefined, audit: event, changed: [] }));
}
