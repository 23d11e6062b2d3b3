/**
 * What a User Administrator does about another user's password (issue 8 items 4–5): reset, temporary password,
 * a fresh activation code for a pending user, and deleting a pending user outright. The subject rules were
 * checked by dispatch (policy `subjects`); these add the rules about the subject's kind and state.
 */
import { createHash, randomInt } from 'node:crypto';
import type { ActivationCodeIssued } from '../../shared/contract';
import {
  ACTIVATION_CODE_ALPHABET,
  ACTIVATION_CODE_GROUP_LENGTH,
  ACTIVATION_CODE_GROUPS,
  ACTIVATION_CODE_VALID_DAYS,
  formatActivationCode,
} from '../../shared/domain/activationCode';
import { AppError } from '../../shared/errors';
import { passwordActionRefusal, type PasswordAction } from '../../shared/domain/passwordActions';
import { deleteActivationCode, hardDeleteUser, replaceActivationCode } from '../db/repos/signInSafety';
import { findLiveUserById, updateUser, type UserRecord } from '../db/repos/users';
import { auditActor, displayName, requireOperator, userLabel } from './authorization';
import type { ServiceContext } from './context';
import { runMutation } from './mutation';
import { hashPassword } from './passwords';
import { requirePasswordAllowed } from './passwordPolicy';
import { requireUnlockedUserRecords } from './platformSettings';

interface PasswordChange {
  id: number;
  password: string;
  reason?: string | undefined;
}

function requireLiveSubject(ctx: ServiceContext, id: number): UserRecord {
  const user = findLiveUserById(ctx.store.db, id);
  if (!user) throw new AppError('not_found', 'That user does not exist or was deleted');
  return user;
}

/** SSO users, pending users and yourself are refused with the words the row menu shows. */
function requirePasswordActionAllowed(action: PasswordAction, user: UserRecord, operatorId: number): void {
  const refusal = passwordActionRefusal(action, { id: user.id, sso: user.sso, status: user.status, label: userLabel(user) }, operatorId);
  if (refusal !== null) throw new AppError('conflict', refusal);
}

function setPasswordOf(ctx: ServiceContext, input: PasswordChange, temporary: boolean): null {
  requireUnlockedUserRecords(ctx);
  const operator = requireOperator(ctx);
  return runMutation(ctx, { actor: auditActor(operator), reason: input.reason }, () => {
    const user = requireLiveSubject(ctx, input.id);
    requirePasswordActionAllowed(temporary ? 'temporary' : 'reset', user, operator.id);
    requirePasswordAllowed(ctx, input.password, user.username);
    updateUser(ctx.store.db, user.id, { passwordHash: hashPassword(input.password), mustChangePassword: temporary, updatedAt: ctx.clock.now().toISOString() });
    return {
      value: null,
      // The password itself is never in the entry: only that it was set, and whether it must be changed.
      audit: {
        action: temporary ? 'user.temporaryPassword' : 'user.passwordReset',
        targetType: 'user',
        targetId: user.id,
        targetLabel: userLabel(user),
        after: { mustChangePassword: temporary },
      },
      changed: ['users'],
    };
  });
}

export function resetPassword(ctx: ServiceContext, input: PasswordChange): null {
  return setPasswordOf(ctx, input, false);
}

/** The user must choose their own password at their next sign-in. */
export function setTemporaryPassword(ctx: ServiceContext, input: PasswordChange): null {
  return setPasswordOf(ctx, input, true);
}

function newActivationCode(): string {
  let code = '';
  for (let index = 0; index < ACTIVATION_CODE_GROUPS * ACTIVATION_CODE_GROUP_LENGTH; index += 1) {
    code += ACTIVATION_CODE_ALPHABET[randomInt(ACTIVATION_CODE_ALPHABET.length)];
  }
  return code;
}

/** Codes carry ~74 random bits and expire, so one unsalted SHA-256 is enough to keep them unreadable at rest. */
export function activationCodeHash(compactCode: string): string {
  return createHash('sha256').update(compactCode).digest('base64');
}

/** A fresh one-time code replaces the previous one, which stops working; it is returned this once only. */
export function resendActivation(ctx: ServiceContext, input: { id: number; reason?: string | undefined }): ActivationCodeIssued {
  requireUnlockedUserRecords(ctx);
  const operator = requireOperator(ctx);
  return runMutation(ctx, { actor: auditActor(operator), reason: input.reason }, () => {
    const user = requireLiveSubject(ctx, input.id);
    requirePasswordActionAllowed('resendActivation', user, operator.id);
    const code = newActivationCode();
    const now = ctx.clock.now();
    const expiresAt = new Date(now.getTime() + ACTIVATION_CODE_VALID_DAYS * 24 * 60 * 60_000).toISOString();
    replaceActivationCode(ctx.store.db, user.id, { codeHash: activationCodeHash(code), createdAt: now.toISOString(), expiresAt });
    return {
      value: { userId: user.id, username: user.username, displayName: displayName(user), code: formatActivationCode(code), expiresAt },
      audit: { action: 'user.activationCode', targetType: 'user', targetId: user.id, targetLabel: userLabel(user), after: { expiresAt } },
      changed: ['users'],
    };
  });
}

/** Only a pending password user, who has never signed in, can leave no trace but the audit entry. */
export function deletePendingUser(ctx: ServiceContext, input: { id: number; reason?: string | undefined }): null {
  const operator = requireOperator(ctx);
  return runMutation(ctx, { actor: auditActor(operator), reason: input.reason }, () => {
    const user = requireLiveSubject(ctx, input.id);
    requirePasswordActionAllowed('deletePending', user, operator.id);
    deleteActivationCode(ctx.store.db, user.id);
    hardDeleteUser(ctx.store.db, user.id);
    return {
      value: null,
      audit: {
        action: 'user.deletePending',
        targetType: 'user',
        targetId: user.id,
        targetLabel: userLabel(user),
        before: { username: user.username, status: 'pending' },
      },
      changed: ['users', 'groups'],
    };
  });
}
