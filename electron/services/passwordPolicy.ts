import { passwordPolicyRefusal } from '../../shared/domain/passwordPolicy';
import { AppError } from '../../shared/errors';
import { readPlatformSettings } from '../db/repos/platformSettings';
import type { ServiceContext } from './context';

/** Every place a password is set goes through this: the platform's policy, refused as `validation` on `password`. */
export function requirePasswordAllowed(ctx: ServiceContext, password: string, username: string): void {
  const refusal = passwordPolicyRefusal(password, username, { minLength: readPlatformSettings(ctx.store.db).passwordMinLength });
  if (refusal !== null) throw new AppError('validation', refusal, { password: refusal });
}
