import type { FieldErrors } from '../../../shared/errors';
import { isAppError } from '../../../shared/errors';
import { errorMessage, fieldErrorsOf } from '../lib/format';
import { useNotificationsStore } from './notifications';
import { useSessionStore } from '../features/session/sessionStore';

/** What a dialog needs after a save: close, or mark fields and show the message. */
export interface FormOutcome {
  ok: boolean;
  fields: FieldErrors;
  message: string | null;
}

export const SUCCESS: FormOutcome = { ok: true, fields: {}, message: null };

/**
 * Shared error handling for store actions: an expired session goes back to sign-in,
 * everything else reaches the operator as a message.
 */
export function reportError(error: unknown): void {
  if (isAppError(error) && error.code === 'unauthenticated') {
    useSessionStore().signedOut();
    return;
  }
  useNotificationsStore().error(errorMessage(error));
}

export function formFailure(error: unknown): FormOutcome {
  if (isAppError(error) && error.code === 'unauthenticated') {
    useSessionStore().signedOut();
  }
  return { ok: false, fields: fieldErrorsOf(error), message: errorMessage(error) };
}
