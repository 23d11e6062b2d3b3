import type { FirstAdministratorInput, Operator, SessionStatus } from '../../shared/contract';
import type { z } from 'zod';
import { AppError } from '../../shared/errors';
import { PLATFORM_ROLES } from '../../shared/domain/users';
import { countWorkspaces, firstWorkspace } from '../db/repos/workspaces';
import { countOperators, findLiveUserById, findUserById, findUserByUsername, insertUser, updateUser, type UserRecord } from '../db/repos/users';
import { nowIso } from '../db/time';
import { activeSuperAdminCount, auditActor, currentOperator, displayName, userLabel } from './authorization';
import { recordEvent, runMutation } from './mutation';
import type { ServiceContext } from './context';
import { adminPermissionOf, workspaceAccessOf } from './workspaceAccess';
import { endViewAs } from './viewAs';
import { hashPassword, verifyPassword } from './passwords';
import { requirePasswordAllowed } from './passwordPolicy';
import { failAttempt, forgetFailedAttempts, refuseWhileLockedOut } from './signInLockout';
import { readPlatformSettings } from '../db/repos/platformSettings';
import type { PlatformSettingsValues } from '../../shared/domain/platformSettings';

type FirstAdministrator = z.output<typeof FirstAdministratorInput>;

export function toOperator(ctx: ServiceContext, user: UserRecord): Operator {
  // A role the app never writes (a hand-edited store) grants nothing and reads as none.
  const platformRole = PLATFORM_ROLES.includes(user.platformRole) ? user.platformRole : 'none';
  const access = workspaceAccessOf(ctx, { id: user.id, platformRole });
  return {
    id: user.id,
    username: user.username,
    displayName: displayName(user),
    platformRole,
    adminPermission: access.adminPermission,
    administeredUnitIds: access.units === null ? null : [...access.units].sort((a, b) => a - b),
  };
}

function pickSessionSettings({ idleLockMinutes, passwordMinLength }: PlatformSettingsValues) {
  return { idleLockMinutes, passwordMinLength };
}

export function needsSetup(ctx: ServiceContext): boolean {
  return countOperators(ctx.store.db) === 0;
}

export function sessionStatus(ctx: ServiceContext): SessionStatus {
  const db = ctx.store.db;
  const id = ctx.session.operatorId;
  const operator = id === null ? undefined : findLiveUserById(db, id);
  return {
    needsSetup: needsSetup(ctx),
    operator: operator && operator.status === 'active' ? toOperator(ctx, operator) : null,
    workspace: firstWorkspace(db),
    workspaceCount: countWorkspaces(db),
    activeSuperAdminCount: activeSuperAdminCount(ctx),
    viewAs: ctx.session.viewAs,
    locked: operator !== undefined && ctx.session.locked,
    passwordChangeRequired: operator !== undefined && operator.mustChangePassword,
    ...pickSessionSettings(readPlatformSettings(db)),
  };
}

/** First start: creates the first Super Administrator and signs them in. Refused once one exists. */
export function setUpFirstAdministrator(ctx: ServiceContext, input: FirstAdministrator): Operator {
  const db = ctx.store.db;
  const created = (user: UserRecord) => ({ actor: auditActor(user) });
  const user = runMutation(ctx, created, () => {
    if (!needsSetup(ctx)) throw new AppError('conflict', 'AccessDesk is already set up; sign in instead');
    if (findUserByUsername(db, input.username)) {
      throw new AppError('conflict', 'This username is taken', { username: 'This username is taken' });
    }
    requirePasswordAllowed(ctx, input.password, input.username);
    const now = nowIso();
    const created = insertUser(db, {
      username: input.username,
      firstName: input.firstName,
      lastName: input.lastName,
      email: input.email,
      userType: 'admin',
      platformRole: 'super_admin',
      sso: false,
      passwordHash: hashPassword(input.password),
      status: 'active',
      createdAt: now,
      updatedAt: now,
    });
    return {
      value: created,
      audit: {
        action: 'platform.setup',
        targetType: 'user',
        targetId: created.id,
        targetLabel: userLabel(created),
        after: { username: created.username, platformRole: created.platformRole },
      },
      changed: ['users'],
    };
  });
  ctx.session.operatorId = user.id;
  return toOperator(ctx, user);
}

const WRONG_CREDENTIALS = 'Wrong username or password';

/** The target of a refused sign-in that matched no user. */
export const UNKNOWN_SIGN_IN_TARGET = 'Sign-in';

/**
 * Records the refused attempt with the username as typed (never the password), in its own committed
 * transaction, then throws: the entry stays although the sign-in fails.
 */
function refuseSignIn(ctx: ServiceContext, typed: string, user: UserRecord | undefined, refused: string, error: AppError): never {
  recordEvent(ctx, null, {
    action: 'session.signInFailed',
    targetType: user ? 'user' : 'platform',
    targetId: user?.id ?? null,
    // What was typed for nobody goes only where it is redactable (after.username): a platform target's label is
    // chained as written, and could never be erased.
    targetLabel: user ? userLabel(user) : UNKNOWN_SIGN_IN_TARGET,
    after: { username: typed, refused },
  });
  throw error;
}

export function signIn(ctx: ServiceContext, username: string, password: string): Operator {
  const db = ctx.store.db;
  const user = findUserByUsername(db, username);
  // A deleted account is reported like an unknown one, so the log never says which usernames once existed.
  const known = user && user.deletedAt === null ? user : undefined;
  const passwordMatches = verifyPassword(password, known?.passwordHash ?? null);
  if (known) refuseWhileLockedOut(ctx, username, known);
  if (!known || !passwordMatches) {
    const wrong = new AppError('unauthenticated', WRONG_CREDENTIALS);
    if (known) failAttempt(ctx, username, known, 'wrong username or password', wrong);
    refuseSignIn(ctx, username, undefined, 'wrong username or password', wrong);
  }
  if (known.status === 'deactivated') {
    refuseSignIn(ctx, username, known, 'the account is deactivated', new AppError('forbidden', 'This account is deactivated'));
  }
  // Operators are those with a platform role or workspace administrator permission from a group.
  if (known.platformRole === 'none' && adminPermissionOf(ctx, known.id) === 'none') {
    refuseSignIn(
      ctx,
      username,
      known,
      'the account has no administrator role or permission',
      new AppError('forbidden', 'This account has no administrator role or permission in AccessDesk'),
    );
  }
  if (known.status === 'pending') {
    runMutation(ctx, { actor: auditActor(known) }, () => {
      updateUser(db, known.id, { status: 'active', updatedAt: nowIso() });
      return {
        value: undefined,
        audit: {
          action: 'user.activate',
          targetType: 'user',
          targetId: known.id,
          targetLabel: userLabel(known),
          before: { status: 'pending' },
          after: { status: 'active', by: 'first sign-in' },
        },
        changed: ['users'],
      };
    });
  }
  startSession(ctx, known);
  return toOperator(ctx, known);
}

/** Records the sign-in with the end of any failed-attempt count, and opens an unlocked session. */
export function startSession(ctx: ServiceContext, user: UserRecord): void {
  runMutation(ctx, { actor: auditActor(user) }, () => {
    forgetFailedAttempts(ctx, user.id);
    return {
      value: undefined,
      audit: { action: 'session.signIn', targetType: 'user', targetId: user.id, targetLabel: userLabel(user) },
      changed: [],
    };
  });
  ctx.session.operatorId = user.id;
  ctx.session.viewAs = null;
  ctx.session.locked = false;
}

/** Signing out ends a view-as preview first, so its end is recorded. */
export function signOut(ctx: ServiceContext): void {
  if (ctx.session.viewAs !== null && currentOperator(ctx)) endViewAs(ctx, {});
  const id = ctx.session.operatorId;
  const operator = id === null ? undefined : findUserById(ctx.store.db, id);
  if (operator) {
    recordEvent(ctx, auditActor(operator), { action: 'session.signOut', targetType: 'user', targetId: operator.id, targetLabel: userLabel(operator) });
  }
  ctx.session.viewAs = null;
  ctx.session.operatorId = null;
  ctx.session.locked = false;
}
