/** User rules shared by the main process (which enforces them) and the renderer (which reflects them). */

export const USERNAME_MAX_LENGTH = 50;
export const NAME_MAX_LENGTH = 100;
export const EMAIL_MAX_LENGTH = 254;
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 200;

export const USER_TYPES = ['admin', 'standard', 'read_only'] as const;
export type UserType = (typeof USER_TYPES)[number];
export const USER_TYPE_LABELS: Record<UserType, string> = {
  admin: 'Admin',
  standard: 'Standard',
  read_only: 'Read-Only',
};

export const USER_STATUSES = ['pending', 'active', 'deactivated'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];
export const USER_STATUS_LABELS: Record<UserStatus, string> = {
  pending: 'Pending',
  active: 'Active',
  deactivated: 'Deactivated',
};

/** Ordered from least to most privileged; the index is the rank. */
export const PLATFORM_ROLES = ['none', 'provisioner', 'user_admin', 'super_admin'] as const;
export type PlatformRole = (typeof PLATFORM_ROLES)[number];
export const PLATFORM_ROLE_LABELS: Record<PlatformRole, string> = {
  none: 'None',
  provisioner: 'User Provisioner',
  user_admin: 'User Administrator',
  super_admin: 'Super Administrator',
};

export function platformRoleRank(role: PlatformRole): number {
  return PLATFORM_ROLES.indexOf(role);
}

export function hasPlatformRole(actual: PlatformRole, required: PlatformRole): boolean {
  return platformRoleRank(actual) >= platformRoleRank(required);
}

/** A Super Administrator may assign any role; everyone else only roles strictly below their own. */
export function canAssignPlatformRole(operatorRole: PlatformRole, role: PlatformRole): boolean {
  if (operatorRole === 'super_admin') return true;
  return platformRoleRank(role) < platformRoleRank(operatorRole);
}

export const USERNAME_PATTERN = /^\S+$/;

/** Deliberately plain: one @, something on each side, a dot in the domain, no spaces. */
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
