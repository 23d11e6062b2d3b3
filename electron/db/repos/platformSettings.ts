import { eq } from 'drizzle-orm';
import { DEFAULT_PLATFORM_SETTINGS, type PlatformSettingsValues } from '../../../shared/domain/platformSettings';
import type { Db } from '../client';
import { platformSettings } from '../schema';

/** The store's settings; the defaults when its one row is missing (it was deleted behind the app's back). */
export function readPlatformSettings(db: Db): PlatformSettingsValues {
  const row = db
    .select({
      authMode: platformSettings.authMode,
      passwordMinLength: platformSettings.passwordMinLength,
      idleLockMinutes: platformSettings.idleLockMinutes,
      anonymiseAfterDays: platformSettings.anonymiseAfterDays,
    })
    .from(platformSettings)
    .where(eq(platformSettings.id, 1))
    .get();
  return row ?? { ...DEFAULT_PLATFORM_SETTINGS };
}

export function writePlatformSettings(db: Db, values: PlatformSettingsValues, updatedAt: string): void {
  db.insert(platformSettings)
    .values({ id: 1, ...values, updatedAt })
    .onConflictDoUpdate({ target: platformSettings.id, set: { ...values, updatedAt } })
    .run();
}
