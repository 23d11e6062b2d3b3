/**
 * The password policy (DOMAIN.md "Users", platform settings): at least the platform's minimum length and never
 * the username inside it. Pure: main enforces it wherever a password is set, the forms show the same words as
 * the operator types.
 */
import { identityKey } from './identity';
import { PASSWORD_MAX_LENGTH } from './users';

export interface PasswordPolicy {
  minLength: number;
}

/** Lengths are counted in characters as a person counts them (code points), not UTF-16 units. */
function characterCount(value: string): number {
  return [...value].length;
}

/**
 * Why the password breaks the policy for this username, or null when it is allowed. The username is compared
 * by its identity key (shared/domain/identity.ts), so case, accents in either form and full-width letters do
 * not hide it.
 */
export function passwordPolicyRefusal(password: string, username: string, policy: PasswordPolicy): string | null {
  const length = characterCount(password);
  if (length < policy.minLength) return `A password has at least ${policy.minLength} characters`;
  if (length > PASSWORD_MAX_LENGTH) return `A password has at most ${PASSWORD_MAX_LENGTH} characters`;
  const usernameKey = identityKey(username);
  if (usernameKey !== '' && identityKey(password).includes(usernameKey)) return 'A password cannot contain the username';
  return null;
}
