import type { AnonymiseUsersResult } from '../../shared/contract';
import { firstFewAndMore } from '../../shared/domain/text';
import { AppError } from '../../shared/errors';
import { ANONYMISED_LABEL } from '../db/repos/auditPersonal';
import { anonymiseUserRows, deletionStateOf, erasePersonalValuesOfUsers, restorableUserIds } from '../db/repos/deletedUsers';
import type { Db } from '../db/client';
import type { AuditActor } from './auditLog';
import { auditActor, requireOperator, userLabel } from './authorization';
import type { ServiceContext } from './context';
import { runMutation } from './mutation';

export interface AnonymiseRequest {
  /** The users to erase, read inside the transaction so "everyone deleted" means everyone at that moment. */
  pick(db: Db): readonly number[];
  /** null: AccessDesk itself, for the automatic anonymisation. */
  actor: AuditActor | null;
  reason?: string | undefined;
  /** Set when the platform setting did it: how many days after deletion. */
  afterDays?: number;
}

function namesOf(users: readonly Parameters<typeof userLabel>[0][]): string {
  return firstFewAndMore(users.map(userLabel));
}

/**
 * Erases deleted users for good: their name, username and email leave their rows and every audit entry (the
 * values and salts behind the entries' commitments are deleted, so the chain still verifies and history
 * shows "Anonymised user"). One transaction and one entry, which names nobody, however many users. Refuses
 * the whole call, naming who, when one is not deleted or already anonymised. It cannot be undone.
 */
export function anonymiseSubjects(ctx: ServiceContext, request: AnonymiseRequest): AnonymiseUsersResult & { erasedValues: number } {
  const db = ctx.store.db;
  const result = runMutation(ctx, { actor: request.actor, reason: request.reason }, () => {
    const ids = [...new Set(request.pick(db))];
    if (ids.length === 0) return { value: { anonymised: 0, erasedValues: 0 }, audit: null, changed: [] };
    const found = deletionStateOf(db, ids);
    if (found.length < ids.length) throw new AppError('not_found', 'Some of these users do not exist; nothing was changed');
    const anonymised = found.filter((user) => user.anonymisedAt !== null);
    if (anonymised.length > 0) {
      throw new AppError('conflict', `Already anonymised, which is final: ${namesOf(anonymised)}. Nothing was changed`);
    }
    const live = found.filter((user) => user.deletedAt === null);
    if (live.length > 0) {
      throw new AppError('conflict', `Only deleted users can be anonymised; delete them first: ${namesOf(live)}. Nothing was changed`);
    }
    const at = ctx.clock.now().toISOString();
    const erasedValues = erasePersonalValuesOfUsers(db, ids);
    anonymiseUserRows(db, ids, at);
    const [only] = ids;
    return {
      value: { anonymised: ids.length, erasedValues },
      audit: {
        action: 'user.anonymise',
        targetType: 'user',
        targetId: ids.length === 1 && only !== undefined ? only : null,
        targetLabel: ids.length === 1 ? ANONYMISED_LABEL : `${ids.length.toLocaleString('en')} users`,
        after: { anonymised: true, userIds: ids, ...(request.afterDays === undefined ? {} : { afterDays: request.afterDays }) },
      },
      changed: ['users', 'groups'],
    };
  });
  // The erased pages were zeroed (secure_delete); the log of earlier writes still holds them until checkpointed.
  if (result.anonymised > 0) ctx.store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  return result;
}

/** The operator anonymises the deleted users they chose (the subject rules were checked by dispatch). */
export function anonymiseUsers(ctx: ServiceContext, input: { userIds: readonly number[]; reason?: string | undefined }): AnonymiseUsersResult {
  const operator = requireOperator(ctx);
  const { anonymised } = anonymiseSubjects(ctx, { pick: () => input.userIds, actor: auditActor(operator), reason: input.reason });
  return { anonymised };
}

/** "Anonymise all deleted users now": everyone deleted and not yet anonymised. */
export function anonymiseAllDeletedUsers(ctx: ServiceContext, input: { reason?: string | undefined }): AnonymiseUsersResult {
  const operator = requireOperator(ctx);
  const { anonymised } = anonymiseSubjects(ctx, { pick: (db) => restorableUserIds(db), actor: auditActor(operator), reason: input.reason });
  return { anonymised };
}
