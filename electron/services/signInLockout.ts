/**
 * Sign-in safety (issue 8 item 6): five wrong passwords in a row lock a known account for fifteen minutes,
 * measured on ctx.clock. Only known, live accounts are counted: an unknown username leaves no state behind.
 */
import { AppError } from '../../shared/errors';
import { clearSignInFailures, readSignInFailures, writeSignInFailures } from '../db/repos/signInSafety';
import type { UserRecord } from '../db/repos/users';
import { userLabel } from './authorization';
import type { ServiceContext } from './context';
import { runMutation } from './mutation';

export const FAILED_ATTEMPTS_BEFORE_LOCKOUT = 5;
export const LOCKOUT_MINUTES = 15;

/** "14:05 UTC": when a lockout ends, in words an operator can act on. */
function clockTime(iso: string): string {
  return `${iso.slice(11, 16)} UTC`;
}

/** When the account's lockout ends, or null when it is not locked out now. */
export function lockedOutUntil(ctx: ServiceContext, userId: number): string | null {
  const lockedUntil = readSignInFailures(ctx.store.db, userId)?.lockedUntil ?? null;
  return lockedUntil !== null && lockedUntil > ctx.clock.now().toISOString() ? lockedUntil : null;
}

export function lockoutMessage(lockedUntil: string): string {
  return `This account is locked after ${FAILED_ATTEMPTS_BEFORE_LOCKOUT} failed sign-ins until ${clockTime(lockedUntil)}; try again then`;
}

/**
 * Records a wrong password (or activation code) for a known account in one transaction with its audit entry:
 * the fifth in a row locks the account, and that entry says so. Returns the lockout's end when it just began.
 */
export function countFailedAttempt(ctx: ServiceContext, typed: string, user: UserRecord, refused: string): string | null {
  return runMutation(ctx, { actor: null }, () => {
    const db = ctx.store.db;
    const now = ctx.clock.now();
    const previous = readSignInFailures(db, user.id);
    // A lockout that has run out starts a fresh count.
    const expired = previous?.lockedUntil != null && previous.lockedUntil <= now.toISOString();
    const failedCount = (expired || !previous ? 0 : previous.failedCount) + 1;
    const target = { targetType: 'user' as const, targetId: user.id, targetLabel: userLabel(user) };
    if (failedCount < FAILED_ATTEMPTS_BEFORE_LOCKOUT) {
      writeSignInFailures(db, user.id, { failedCount, lockedUntil: null });
      return { value: null, audit: { action: 'session.signInFailed', ...target, after: { username: typed, refused } }, changed: [] };
    }
    const lockedUntil = new Date(now.getTime() + LOCKOUT_MINUTES * 60_000).toISOString();
    writeSignInFailures(db, user.id, { failedCount: 0, lockedUntil });
    return {
      value: lockedUntil,
      audit: {
        action: 'session.lockedOut',
        ...target,
        after: { username: typed, refused, failedAttempts: failedCount, lockedUntil },
      },
      changed: [],
    };
  });
}

/** A correct password ends the count. Written with the sign-in's own entry by the caller's mutation. */
export function forgetFailedAttempts(ctx: ServiceContext, userId: number): void {
  clearSignInFailures(ctx.store.db, userId);
}

/**
 * Refuses (and records) any attempt on an account that is locked out, a correct password included, with the
 * time the lockout ends.
 */
export function refuseWhileLockedOut(ctx: ServiceContext, typed: string, user: UserRecord): void {
  const lockedUntil = lockedOutUntil(ctx, user.id);
  if (lockedUntil === null) return;
  runMutation(ctx, { actor: null }, () => ({
    value: undefined,
    audit: {
      action: 'session.signInFailed',
      targetType: 'user',
      targetId: user.id,
      targetLabel: userLabel(user),
      after: { username: typed, refused: `the account is locked until ${clockTime(lockedUntil)}` },
    },
    changed: [],
  }));
  throw new AppError('locked', lockoutMessage(lockedUntil));
}

/** Throws the error for a wrong password after counting it; a fifth failure says the account is now locked. */
export function failAttempt(ctx: ServiceContext, typed: string, user: UserRecord, refused: string, error: AppError): never {
  const lockedUntil = countFailedAttempt(ctx, typed, user, refused);
  if (lockedUntil !== null) throw new AppError('locked', lockoutMessage(lockedUntil));
  throw error;
}
