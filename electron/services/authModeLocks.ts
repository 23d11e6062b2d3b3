import type { Method } from '../../shared/contract';
import { authModeRefusal } from '../../shared/domain/authModeLocks';
import { AppError } from '../../shared/errors';
import { readPlatformSettings } from '../db/repos/platformSettings';
import type { ServiceContext } from './context';

/** Refuses a user-record method the authentication mode locks (shared/domain/authModeLocks.ts), naming the mode. */
export function requireAuthModeAllows(ctx: ServiceContext, method: Method): void {
  const refusal = authModeRefusal(readPlatformSettings(ctx.store.db).authMode, method);
  if (refusal !== null) throw new AppError('forbidden', refusal);
}
