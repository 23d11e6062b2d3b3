import { restorableUserIds } from '../db/repos/deletedUsers';
import { readPlatformSettings } from '../db/repos/platformSettings';
import { eraseUnownedPersonValuesBefore } from '../db/repos/auditPersonal';
import { anonymiseSubjects } from './anonymise';
import { runMutation } from './mutation';
import type { ServiceContext } from './context';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The platform setting "anonymise deleted users after N days" (null: off), applied by AccessDesk itself at
 * start and hourly: one entry, with no operator, for everyone whose deletion is N days old or more.
 */
export function anonymiseExpiredDeletedUsers(ctx: ServiceContext): number {
  const { anonymiseAfterDays } = readPlatformSettings(ctx.store.db);
  if (anonymiseAfterDays === null) return 0;
  const deletedBy = new Date(ctx.clock.now().getTime() - anonymiseAfterDays * DAY_MS).toISOString();
  eraseExpiredUnownedValues(ctx, deletedBy, anonymiseAfterDays);
  return anonymiseSubjects(ctx, { pick: (db) => restorableUserIds(db, deletedBy), actor: null, afterDays: anonymiseAfterDays }).anonymised;
}

/**
 * Usernames typed at failed sign-ins that matched nobody belong to no user, so anonymising a user never erases
 * them: the same setting erases them once their entries are N days old. History then shows "Anonymised user"
 * for the name typed, and the chain still verifies (only the values and salts go). One entry records it.
 */
function eraseExpiredUnownedValues(ctx: ServiceContext, writtenBefore: string, afterDays: number): void {
  const erased = runMutation(ctx, { actor: null }, () => {
    const count = eraseUnownedPersonValuesBefore(ctx.store.db, writtenBefore);
    return {
      value: count,
      audit: count === 0 ? null : { action: 'audit.eraseUnowned', targetType: 'platform', targetId: null, targetLabel: 'Audit log', after: { erasedValues: count, afterDays } },
      changed: [],
    };
  });
  if (erased > 0) ctx.store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
}
