import { AppError } from '../../shared/errors';
import { anonymiseUserRow } from '../db/repos/anonymisation';
import { erasePersonalValuesOf, ANONYMISED_LABEL } from '../db/repos/auditPersonal';
import { findUserById } from '../db/repos/users';
import { nowIso } from '../db/time';
import { auditActor, requireOperator } from './authorization';
import type { ServiceContext } from './context';
import { runMutation } from './mutation';

export interface AnonymiseInput {
  userId: number;
  reason?: string | undefined;
}

/**
 * Erases a deleted user for good: their name, username and email leave their row and every audit entry
 * (the values and salts behind the entries' commitments are deleted, so the chain still verifies and history
 * shows "Anonymised user"). One transaction with its own entry, which names nobody. It cannot be undone.
 */
export function anonymiseSubject(ctx: ServiceContext, input: AnonymiseInput): { erasedValues: number } {
  const operator = requireOperator(ctx);
  const db = ctx.store.db;
  const erased = runMutation(ctx, { actor: auditActor(operator), reason: input.reason }, () => {
    const user = findUserById(db, input.userId);
    if (!user) throw new AppError('not_found', 'That user does not exist');
    if (user.anonymisedAt !== null) throw new AppError('conflict', 'That user is already anonymised');
    if (user.deletedAt === null) throw new AppError('conflict', 'Only deleted users can be anonymised; delete the user first');
    const erasedValues = erasePersonalValuesOf(db, user.id);
    anonymiseUserRow(db, user.id, nowIso());
    return {
      value: { erasedValues },
      audit: { action: 'user.anonymise', targetType: 'user', targetId: user.id, targetLabel: ANONYMISED_LABEL, after: { anonymised: true } },
      changed: ['users', 'groups'],
    };
  });
  // The erased pages were zeroed (secure_delete); the log of earlier writes still holds them until checkpointed.
  ctx.store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  return erased;
}
