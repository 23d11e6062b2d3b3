import { z } from 'zod';
import {
  ANONYMISE_AFTER_DAYS_RANGE,
  AUTH_MODES,
  IDLE_LOCK_MINUTES_RANGE,
  PASSWORD_MIN_LENGTH_RANGE,
} from '../domain/platformSettings';
import { NoInput, Reason } from './common';

export const AuthMode = z.enum(AUTH_MODES);

function wholeNumber(label: string, range: { min: number; max: number }) {
  const message = `${label} is a whole number from ${range.min} to ${range.max}`;
  return z.number({ error: message }).int(message).min(range.min, message).max(range.max, message);
}

const settingsFields = {
  authMode: AuthMode,
  passwordMinLength: wholeNumber('The minimum password length', PASSWORD_MIN_LENGTH_RANGE),
  idleLockMinutes: wholeNumber('The idle lock', IDLE_LOCK_MINUTES_RANGE),
  anonymiseAfterDays: wholeNumber('Days before anonymising', ANONYMISE_AFTER_DAYS_RANGE).nullable(),
};

export const PlatformSettings = z.object(settingsFields);
export type PlatformSettings = z.infer<typeof PlatformSettings>;

/** Only the settings named change; at least one must be. */
export const PlatformSettingsUpdate = z
  .strictObject({ ...z.object(settingsFields).partial().shape, reason: Reason })
  .refine((input) => Object.keys(input).some((key) => key !== 'reason'), 'Name at least one setting to change');
export type PlatformSettingsUpdate = z.input<typeof PlatformSettingsUpdate>;

export const settingsContract = {
  'settings.get': { input: NoInput, output: PlatformSettings },
  'settings.update': { input: PlatformSettingsUpdate, output: PlatformSettings },
} as const;
