import type { PlatformSettings, PlatformSettingsUpdate } from '../../shared/contract';
import { authModeLock, type PlatformSettingsValues } from '../../shared/domain/platformSettings';
import { AppError } from '../../shared/errors';
import { readPlatformSettings, writePlatformSettings } from '../db/repos/platformSettings';
import { nowIso } from '../db/time';
import { auditActor, requireOperator } from './authorization';
import type { ServiceContext } from './context';
import { runMutation } from './mutation';

export function getPlatformSettings(ctx: ServiceContext): PlatformSettings {
  return readPlatformSettings(ctx.store.db);
}

/** Changes the named settings in one audited step; naming only unchanged values records nothing. */
export function updatePlatformSettings(ctx: ServiceContext, input: PlatformSettingsUpdate): PlatformSettings {
  const operator = requireOperator(ctx);
  const { reason, ...requested } = input;
  return runMutation(ctx, { actor: auditActor(operator), reason }, () => {
    const current = readPlatformSettings(ctx.store.db);
    const next: PlatformSettingsValues = {
      authMode: requested.authMode ?? current.authMode,
      passwordMinLength: requested.passwordMinLength ?? current.passwordMinLength,
      idleLockMinutes: requested.idleLockMinutes ?? current.idleLockMinutes,
      anonymiseAfterDays: requested.anonymiseAfterDays === undefined ? current.anonymiseAfterDays : requested.anonymiseAfterDays,
    };
    const changedKeys = (Object.keys(next) as (keyof PlatformSettingsValues)[]).filter((key) => next[key] !== current[key]);
    if (changedKeys.length === 0) return { value: current, audit: null, changed: [] };
    writePlatformSettings(ctx.store.db, next, nowIso());
    const pick = (values: PlatformSettingsValues) => Object.fromEntries(changedKeys.map((key) => [key, values[key]]));
    return {
      value: next,
      audit: { action: 'settings.update', targetType: 'platform', targetId: null, targetLabel: 'Platform settings', before: pick(current), after: pick(next) },
      changed: ['settings'],
    };
  });
}

/**
 * Refuses adding, editing and password actions on users while the authentication mode locks them
 * (DOMAIN.md "Authentication mode"), naming the mode.
 */
export function requireUnlockedUserRecords(ctx: ServiceContext): void {
  const lock = authModeLock(readPlatformSettings(ctx.store.db).authMode);
  if (lock !== null) throw new AppError('forbidden', lock);
}
