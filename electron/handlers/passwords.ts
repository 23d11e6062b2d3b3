import { deletePendingUser, resendActivation, resetPassword, setTemporaryPassword } from '../services/passwordActions';
import { activateAccount, changeOwnPassword, lockSession, unlockSession } from '../services/sessionSafety';
import type { HandlerContext } from './context';
import type { Handlers } from './dispatch';

type PasswordMethod =
  | 'passwords.reset'
  | 'passwords.setTemporary'
  | 'passwords.resendActivation'
  | 'users.deletePending'
  | 'session.activate'
  | 'session.lock'
  | 'session.unlock'
  | 'session.changePassword';

/** Passwords, activation and the session's safety (issue 8 items 4–6). */
export function passwordHandlers(ctx: HandlerContext): Pick<Handlers, PasswordMethod> {
  return {
    'passwords.reset': (input) => resetPassword(ctx, input),
    'passwords.setTemporary': (input) => setTemporaryPassword(ctx, input),
    'passwords.resendActivation': (input) => resendActivation(ctx, input),
    'users.deletePending': (input) => deletePendingUser(ctx, input),
    'session.activate': (input) => activateAccount(ctx, input),
    'session.lock': () => lockSession(ctx),
    'session.unlock': ({ password }) => unlockSession(ctx, password),
    'session.changePassword': (input) => changeOwnPassword(ctx, input),
  };
}
