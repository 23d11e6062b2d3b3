/**
 * Platform settings (DOMAIN.md "Users": authentication mode, password policy, automatic anonymisation; and
 * the operators' idle lock). One set per store; only a Super Administrator changes them.
 */
export const AUTH_MODES = ['local', 'directory', 'entra'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

export const AUTH_MODE_LABELS: Record<AuthMode, string> = {
  local: 'Local',
  directory: 'Directory-synced',
  entra: 'Entra ID',
};

export const PASSWORD_MIN_LENGTH_RANGE = { min: 8, max: 128 } as const;
export const IDLE_LOCK_MINUTES_RANGE = { min: 1, max: 480 } as const;
export const ANONYMISE_AFTER_DAYS_RANGE = { min: 1, max: 3650 } as const;

export interface PlatformSettingsValues {
  authMode: AuthMode;
  /** Passwords have at least this many characters (and never contain the username). */
  passwordMinLength: number;
  /** An operator idle this long is asked for their password again. */
  idleLockMinutes: number;
  /** Deleted users are anonymised this many days after deletion; null turns it off. */
  anonymiseAfterDays: number | null;
}

export const DEFAULT_PLATFORM_SETTINGS: PlatformSettingsValues = {
  authMode: 'local',
  passwordMinLength: 12,
  idleLockMinutes: 15,
  anonymiseAfterDays: null,
};

/**
 * Why the authentication mode locks adding, editing and password actions on users, or null when it does not.
 * Directory-synced users come from LDAP/AD; Entra ID records are read-only. The services refuse with this
 * text and the UI shows it as the disabled buttons' tooltip.
 */
export function authModeLock(mode: AuthMode): string | null {
  switch (mode) {
    case 'local':
      return null;
    case 'directory':
      return 'Users are synced from the directory (authentication mode Directory-synced): add, edit and password changes are made in the directory';
    case 'entra':
      return 'Users come from Entra ID (authentication mode Entra ID): their records are read-only here';
  }
}
