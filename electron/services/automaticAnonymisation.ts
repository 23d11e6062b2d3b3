import { restorableUserIds } from '../db/repos/deletedUsers';
import { readPlatformSettings } from '../db/repos/platformSettings';
import { anonymiseSubjects } from './anonymise';
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
  return anonymiseSubjects(ctx, { pick: (db) => restorableUserIds(db, deletedBy), actor: null, afterDays: anonymiseAfterDays }).anonymised;
}
