import type { Method } from '../contract';
import { authModeLock, type AuthMode } from './platformSettings';

/**
 * Which user-record methods each authentication mode locks (DOMAIN.md "Authentication mode", seed 002).
 * - Directory-synced: users come from LDAP/AD, so adding and editing are locked (password actions too, checked
 *   by the same rule); activating, deactivating and deleting stay here, as seed 002's administrators
 *   still remove records.
 * - Entra ID: records are read-only, so status changes are locked as well (Entra decides who may sign in);
 *   deleting stays allowed, as seed 002 says records can be removed (Entra recreates them at the next sign-in).
 */
const PASSWORD_ACTIONS: readonly Method[] = ['passwords.reset', 'passwords.setTemporary', 'passwords.resendActivation'];

export const AUTH_MODE_LOCKED_METHODS: Record<AuthMode, readonly Method[]> = {
  local: [],
  directory: ['users.create', 'users.update', ...PASSWORD_ACTIONS],
  entra: ['users.create', 'users.update', 'users.setStatus', ...PASSWORD_ACTIONS],
};

/** The user-record methods a mode may lock: the ones the matrix tests check in every mode. */
export const AUTH_MODE_LOCKABLE_METHODS: readonly Method[] = ['users.create', 'users.update', 'users.setStatus', 'users.delete', ...PASSWORD_ACTIONS];

/** Why this mode refuses the method (the mode's authModeLock text), or null when it allows it. */
export function authModeRefusal(mode: AuthMode, method: Method): string | null {
  return AUTH_MODE_LOCKED_METHODS[mode].includes(method) ? authModeLock(mode) : null;
}
