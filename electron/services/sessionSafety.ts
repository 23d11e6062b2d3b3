/**
 * The operator's session between sign-in and sign-out (issue 8 item 6): the idle lock, the temporary password
 * that must be replaced first, and a pending user's activation with a one-time code.
 */
import type { Activated, Method } from '../../shared/contract';
import { UNKNOWN_SIGN_IN_TARGET } from './session';
import { normaliseActivationCode } from '../../shared/domain/activationCode';
import { AppError } from '../../shared/errors';
import { deleteActivationCode, readActivationCode } from '../db/repos/signInSafety';
import { findUserByUsername, updateUser, type UserRecord } from '../db/repos/users';
import { auditActor, requireOperator, userLabel } from './authorization';
import type { ServiceContext } from './context';
import { runMutation } from './mutation';
import { activationCodeHash } from './passwordActions';
import { hashPassword, verifyPassword } from './passwords';
import { requirePasswordAllowed } from './passwordPolicy';
import { requireUnlockedUserRecords } from './platformSettings';
import { startSession, toOperator } from './session';
import { adminPermissionOf } from './workspaceAccess';
import { failAttempt, forgetFailedAttempts, refuseWhileLockedOut } from './signInLockout';

export interface SessionRestriction {
  allowed: ReadonlySet<Method>;
  message: string;
}

const WHILE_LOCKED: ReadonlySet<Method> = new Set<Method>(['session.status', 'session.unlock', 'session.signOut']);
const WHILE_PASSWORD_CHANGE_REQUIRED: ReadonlySet<Method> = new Set<Method>(['session.status', 'session.changePassword', 'session.signOut']);

/** What the session may still do when it is locked or its password must be changed first; null when anything. */
export function sessionRestriction(ctx: ServiceContext): SessionRestriction | null {
  if (ctx.session.operatorId === null) return null;
  const operator = requireOperatorOrNull(ctx);
  if (!operator) return null;
  if (ctx.session.locked) {
    return { allowed: WHILE_LOCKED, message: 'The session is locked after a period without activity; enter your password to continue' };
  }
  if (operator.mustChangePassword) {
    return { allowed: WHILE_PASSWORD_CHANGE_REQUIRED, message: 'You signed in with a temporary password; choose a new password to continue' };
  }
  return null;
}

function requireOperatorOrNull(ctx: ServiceContext): UserRecord | null {
  try {
    return requireOperator(ctx);
  } catch {
    return null;
  }
}

/** The renderer calls this after the idle time; main then refuses everything but unlock and sign-out. */
export function lockSession(ctx: ServiceContext): null {
  requireOperator(ctx);
  ctx.session.locked = true;
  return null;
}

/** The operator's password again; a wrong one counts toward the lockout like a failed sign-in. */
export function unlockSession(ctx: ServiceContext, password: string): null {
  const operator = requireOperator(ctx);
  if (!ctx.session.locked) throw new AppError('conflict', 'The session is not locked');
  refuseWhileLockedOut(ctx, operator.username, operator);
  if (!verifyPassword(password, operator.passwordHash)) {
    failAttempt(ctx, operator.username, operator, 'wrong password to unlock the session', new AppError('unauthenticated', 'Wrong password', { password: 'Wrong password' }));
  }
  runMutation(ctx, { actor: auditActor(operator) }, () => {
    forgetFailedAttempts(ctx, operator.id);
    return { value: undefined, audit: null, changed: [] };
  });
  ctx.session.locked = false;
  return null;
}

interface OwnPasswordChange {
  currentPassword: string;
  password: string;
  reason?: string | undefined;
}

/** Replaces the operator's own password (a temporary one, or any), given the current one. */
export function changeOwnPassword(ctx: ServiceContext, input: OwnPasswordChange): null {
  requireUnlockedUserRecords(ctx);
  const operator = requireOperator(ctx);
  if (!verifyPassword(input.currentPassword, operator.passwordHash)) {
    throw new AppError('validation', 'Your current password is wrong', { currentPassword: 'Your current password is wrong' });
  }
  if (input.password === input.currentPassword) {
    const message = 'Choose a password different from your current one';
    throw new AppError('validation', message, { password: message });
  }
  requirePasswordAllowed(ctx, input.password, operator.username);
  return runMutation(ctx, { actor: auditActor(operator), reason: input.reason }, () => {
    updateUser(ctx.store.db, operator.id, { passwordHash: hashPassword(input.password), mustChangePassword: false, updatedAt: ctx.clock.now().toISOString() });
    return {
      value: null,
      audit: {
        action: 'user.passwordChange',
        targetType: 'user',
        targetId: operator.id,
        targetLabel: userLabel(operator),
        after: { temporaryReplaced: operator.mustChangePassword },
      },
      changed: ['users'],
    };
  });
}

const WRONG_ACTIVATION = 'Wrong username or activation code';

interface Activation {
  username: string;
  code: string;
  password: string;
}

/**
 * A pending password user activates with their one-time code and chooses a password; an operator among them is
 * then signed in. Wrong codes count toward the lockout like wrong passwords.
 */
export function activateAccount(ctx: ServiceContext, input: Activation): Activated {
  requireUnlockedUserRecords(ctx);
  const db = ctx.store.db;
  const found = findUserByUsername(db, input.username);
  const user = found && found.deletedAt === null && found.status === 'pending' && !found.sso ? found : undefined;
  const stored = user ? readActivationCode(db, user.id) : undefined;
  const typed = normaliseActivationCode(input.code);
  if (user) refuseWhileLockedOut(ctx, input.username, user);
  if (!user || !stored || typed === null || activationCodeHash(typed) !== stored.codeHash) {
    const wrong = new AppError('unauthenticated', WRONG_ACTIVATION, { code: WRONG_ACTIVATION });
    if (user) failAttempt(ctx, input.username, user, 'wrong activation code', wrong);
    runMutation(ctx, { actor: null }, () => ({
      value: undefined,
      audit: { action: 'session.signInFailed', targetType: 'platform', targetId: null, targetLabel: UNKNOWN_SIGN_IN_TARGET, after: { username: input.username, refused: 'wrong username or activation code' } },
      changed: [],
    }));
    throw wrong;
  }
  if (stored.expiresAt <= ctx.clock.now().toISOString()) {
    const message = `This activation code expired on ${stored.expiresAt.slice(0, 10)}; ask your administrator for a new one`;
    throw new AppError('unauthenticated', message, { code: message });
  }
  requirePasswordAllowed(ctx, input.password, user.username);
  runMutation(ctx, { actor: auditActor(user) }, () => {
    updateUser(db, user.id, { passwordHash: hashPassword(input.password), status: 'active', mustChangePassword: false, updatedAt: ctx.clock.now().toISOString() });
    deleteActivationCode(db, user.id);
    forgetFailedAttempts(ctx, user.id);
    return {
      value: undefined,
      audit: {
        action: 'user.activate',
        targetType: 'user',
        targetId: user.id,
        targetLabel: userLabel(user),
        before: { status: 'pending' },
        after: { status: 'active', by: 'activation code' },
      },
      changed: ['users'],
    };
  });
  const isOperator = user.platformRole !== 'none' || adminPermissionOf(ctx, user.id) !== 'none';
  if (!isOperator) return { operator: null };
  const activated = { ...user, status: 'active' as const };
  startSession(ctx, activated);
  return { operator: toOperator(ctx, activated) };
}
