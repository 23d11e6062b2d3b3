import type { DeletedUserListQueryParsed, DeletedUserRow, Page, RestoreUsersResult } from '../../shared/contract';
import { firstFewAndMore } from '../../shared/domain/text';
import { AppError } from '../../shared/errors';
import { deletionStateOf, listDeletedUsers as listDeletedUserRows, liveEmailHolders, restoreUsers, type DeletedSubjectRecord } from '../db/repos/deletedUsers';
import { auditActor, requireOperator, userLabel } from './authorization';
import type { ServiceContext } from './context';
import { runMutation } from './mutation';
import { workspaceAccessOf } from './workspaceAccess';

/** A Local administrator sees only the deleted users whose department is one of their units. */
export function listDeletedUsers(ctx: ServiceContext, query: DeletedUserListQueryParsed): Page<DeletedUserRow> {
  const { units } = workspaceAccessOf(ctx, requireOperator(ctx));
  return listDeletedUserRows(ctx.store.db, query, units === null ? undefined : [...units]);
}

/**
 * Why restoring these users would break email uniqueness among users who are not deleted: a live user holds
 * the address now, or two of the restored share one. Each reason names who.
 */
function emailConflicts(ctx: ServiceContext, restoring: readonly DeletedSubjectRecord[]): string[] {
  const byKey = new Map<string, DeletedSubjectRecord[]>();
  for (const user of restoring) byKey.set(user.emailKey, [...(byKey.get(user.emailKey) ?? []), user]);
  const reasons: string[] = [];
  for (const holder of liveEmailHolders(ctx.store.db, [...byKey.keys()])) {
    for (const user of byKey.get(holder.emailKey) ?? []) {
      reasons.push(`${userLabel(user)} has the email address ${userLabel(holder)} uses now`);
    }
    byKey.delete(holder.emailKey);
  }
  for (const sharing of byKey.values()) {
    if (sharing.length > 1) reasons.push(`${firstFewAndMore(sharing.map(userLabel))} share one email address; restore one of them`);
  }
  return reasons;
}

/**
 * Brings deleted users back with the status they had (deletion never changed it), though not into the
 * groups they left: the delete entry in history lists those. Refuses the whole call, naming who and why,
 * when one is anonymised (final) or their email address is taken. Users not deleted are left as they are.
 */
export function restoreDeletedUsers(ctx: ServiceContext, input: { userIds: readonly number[]; reason?: string | undefined }): RestoreUsersResult {
  const operator = requireOperator(ctx);
  const db = ctx.store.db;
  return runMutation(ctx, { actor: auditActor(operator), reason: input.reason }, () => {
    const found = deletionStateOf(db, input.userIds);
    if (found.length < new Set(input.userIds).size) throw new AppError('not_found', 'Some of these users do not exist; nothing was changed');
    const anonymised = found.filter((user) => user.anonymisedAt !== null);
    if (anonymised.length > 0) {
      const who = anonymised.length === 1 ? 'an anonymised user' : `${anonymised.length.toLocaleString('en')} anonymised users`;
      throw new AppError('conflict', `Anonymisation is final: the selection includes ${who}, who cannot be restored. Nothing was changed`);
    }
    const restoring = found.filter((user) => user.deletedAt !== null);
    const conflicts = emailConflicts(ctx, restoring);
    if (conflicts.length > 0) {
      throw new AppError('conflict', `Nothing was restored: ${firstFewAndMore(conflicts, { separator: '; ' })}`);
    }
    if (restoring.length === 0) return { value: { restored: 0 }, audit: null, changed: [] };
    restoreUsers(db, restoring.map((user) => user.id), ctx.clock.now().toISOString());
    const [only] = restoring;
    return {
      value: { restored: restoring.length },
      audit: {
        action: 'user.restore',
        targetType: 'user',
        targetId: restoring.length === 1 && only ? only.id : null,
        targetLabel: restoring.length === 1 && only ? userLabel(only) : `${restoring.length.toLocaleString('en')} users`,
        before: { deleted: true },
        after: { users: restoring.map((user) => ({ id: user.id, label: userLabel(user) })) },
      },
      changed: ['users'],
    };
  });
}
