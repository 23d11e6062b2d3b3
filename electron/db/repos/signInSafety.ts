import { eq } from 'drizzle-orm';
import type { Db } from '../client';
import { activationCodes, signInFailures, users } from '../schema';

export interface SignInFailures {
  failedCount: number;
  lockedUntil: string | null;
}

export function readSignInFailures(db: Db, userId: number): SignInFailures | undefined {
  return db
    .select({ failedCount: signInFailures.failedCount, lockedUntil: signInFailures.lockedUntil })
    .from(signInFailures)
    .where(eq(signInFailures.userId, userId))
    .get();
}

export function writeSignInFailures(db: Db, userId: number, value: SignInFailures): void {
  db.insert(signInFailures)
    .values({ userId, ...value })
    .onConflictDoUpdate({ target: signInFailures.userId, set: value })
    .run();
}

export function clearSignInFailures(db: Db, userId: number): void {
  db.delete(signInFailures).where(eq(signInFailures.userId, userId)).run();
}

export interface StoredActivationCode {
  codeHash: string;
  expiresAt: string;
}

export function readActivationCode(db: Db, userId: number): StoredActivationCode | undefined {
  return db
    .select({ codeHash: activationCodes.codeHash, expiresAt: activationCodes.expiresAt })
    .from(activationCodes)
    .where(eq(activationCodes.userId, userId))
    .get();
}

/** Replaces the user's code, so the previous one stops working in the same statement. */
export function replaceActivationCode(db: Db, userId: number, code: StoredActivationCode & { createdAt: string }): void {
  db.insert(activationCodes)
    .values({ userId, ...code })
    .onConflictDoUpdate({ target: activationCodes.userId, set: code })
    .run();
}

export function deleteActivationCode(db: Db, userId: number): void {
  db.delete(activationCodes).where(eq(activationCodes.userId, userId)).run();
}

/** A hard delete: memberships, sign-in failures and activation codes go with the row (ON DELETE CASCADE). */
export function hardDeleteUser(db: Db, userId: number): void {
  db.delete(users).where(eq(users.id, userId)).run();
}
