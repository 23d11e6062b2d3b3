/**
 * Which password actions a user's row offers, and why one is refused (issue 8 items 4–5). Pure: the services
 * refuse with these words (`conflict`) and the row menu shows them as the disabled item's tooltip.
 */
import type { UserStatus } from './users';

export const PASSWORD_ACTIONS = ['reset', 'temporary', 'resendActivation', 'deletePending'] as const;
export type PasswordAction = (typeof PASSWORD_ACTIONS)[number];

export const PASSWORD_ACTION_LABELS: Record<PasswordAction, string> = {
  reset: 'Reset password…',
  temporary: 'Set temporary password…',
  resendActivation: 'Resend activation…',
  deletePending: 'Delete pending user…',
};

export interface PasswordSubject {
  id: number;
  sso: boolean;
  status: UserStatus;
  /** How the user is named in a refusal, e.g. "Kim Berg (kim)". */
  label: string;
}

/**
 * The actions the row menu shows: none for SSO users, who sign in through their identity provider; activation
 * and hard delete for pending users; reset and temporary password for everyone else.
 */
export function passwordActionsFor(subject: Pick<PasswordSubject, 'sso' | 'status'>): PasswordAction[] {
  if (subject.sso) return [];
  return subject.status === 'pending' ? ['resendActivation', 'deletePending'] : ['reset', 'temporary'];
}

/** Why the operator may not take the password action on the subject (beyond the subject rules), or null. */
export function passwordActionRefusal(action: PasswordAction, subject: PasswordSubject, operatorId: number): string | null {
  if (subject.sso) return `${subject.label} signs in with SSO and has no AccessDesk password`;
  const pendingOnly = action === 'resendActivation' || action === 'deletePending';
  if (pendingOnly && subject.status !== 'pending') {
    return action === 'deletePending'
      ? `${subject.label} is already activated; only pending users can be deleted for good (delete keeps their history)`
      : `${subject.label} is already activated; only pending users get an activation code`;
  }
  if (!pendingOnly && subject.status === 'pending') return `${subject.label} is not activated yet; resend the activation code instead`;
  if (!pendingOnly && subject.id === operatorId) return 'Your own password is not set here: it needs your current password';
  return null;
}
