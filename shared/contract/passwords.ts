/**
 * Passwords, pending users' activation and the operator's sign-in safety (issue 8, items 4–6). The password
 * policy itself depends on platform settings, so main checks it (field `password`); these schemas only bound
 * the input.
 */
import { z } from 'zod';
import { PASSWORD_MAX_LENGTH } from '../domain/users';
import { Id, NoInput, NoOutput, Reason } from './common';
import { Operator } from './session';
import { Username } from './users';

const TypedPassword = z.string().min(1, 'Enter a password').max(PASSWORD_MAX_LENGTH, `A password has at most ${PASSWORD_MAX_LENGTH} characters`);

const matchingPasswords = (value: { password: string; passwordConfirm: string }, ctx: z.RefinementCtx) => {
  if (value.password !== value.passwordConfirm) {
    ctx.addIssue({ code: 'custom', path: ['passwordConfirm'], message: 'The passwords do not match' });
  }
};

const passwordPair = { password: TypedPassword, passwordConfirm: z.string().max(PASSWORD_MAX_LENGTH) };

/** Reset or temporary password for another user, typed twice. */
export const SetPasswordInput = z.strictObject({ id: Id, ...passwordPair, reason: Reason }).superRefine(matchingPasswords);
export type SetPasswordInput = z.input<typeof SetPasswordInput>;

export const PendingUserInput = z.strictObject({ id: Id, reason: Reason });
export type PendingUserInput = z.input<typeof PendingUserInput>;

/** Shown once: only the code's hash is kept. */
export const ActivationCodeIssued = z.object({
  userId: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  /** Grouped for reading aloud and typing, e.g. "ACDE-FGHJ-KMNP-QRTU". */
  code: z.string(),
  expiresAt: z.string(),
});
export type ActivationCodeIssued = z.infer<typeof ActivationCodeIssued>;

export const ActivateInput = z
  .strictObject({
    username: Username,
    code: z.string().trim().min(1, 'Enter the activation code').max(64, 'An activation code is 16 letters and digits'),
    ...passwordPair,
  })
  .superRefine(matchingPasswords);
export type ActivateInput = z.input<typeof ActivateInput>;

/** An activated user who is also an operator is signed in at once; anyone else just gets their account. */
export const Activated = z.object({ operator: Operator.nullable() });
export type Activated = z.infer<typeof Activated>;

export const UnlockInput = z.strictObject({ password: z.string().min(1, 'Enter your password').max(PASSWORD_MAX_LENGTH) });
export type UnlockInput = z.input<typeof UnlockInput>;

export const ChangeOwnPasswordInput = z
  .strictObject({ currentPassword: z.string().min(1, 'Enter your current password').max(PASSWORD_MAX_LENGTH), ...passwordPair, reason: Reason })
  .superRefine(matchingPasswords);
export type ChangeOwnPasswordInput = z.input<typeof ChangeOwnPasswordInput>;

export const passwordsContract = {
  'passwords.reset': { input: SetPasswordInput, output: NoOutput },
  'passwords.setTemporary': { input: SetPasswordInput, output: NoOutput },
  'passwords.resendActivation': { input: PendingUserInput, output: ActivationCodeIssued },
  'users.deletePending': { input: PendingUserInput, output: NoOutput },
  'session.activate': { input: ActivateInput, output: Activated },
  'session.lock': { input: NoInput, output: NoOutput },
  'session.unlock': { input: UnlockInput, output: NoOutput },
  'session.changePassword': { input: ChangeOwnPasswordInput, output: NoOutput },
} as const;
