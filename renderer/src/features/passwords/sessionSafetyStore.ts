import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api } from '../../api';
import type { ActivateInput, ChangeOwnPasswordInput, Operator, SessionStatus } from '../../../../shared/contract';
import { DEFAULT_PLATFORM_SETTINGS } from '../../../../shared/domain/platformSettings';
import { errorMessage, fieldErrorsOf } from '../../lib/format';
import { SUCCESS, type FormOutcome } from '../../stores/forms';

function failure(error: unknown): FormOutcome {
  return { ok: false, fields: fieldErrorsOf(error), message: errorMessage(error) };
}

/**
 * The session's safety as main holds it: the idle lock (an overlay over the views, which stay mounted with
 * their unsaved work), the temporary password to replace first, and a pending user's activation.
 */
export const useSessionSafetyStore = defineStore('sessionSafety', () => {
  const locked = ref(false);
  const passwordChangeRequired = ref(false);
  const idleLockMinutes = ref(DEFAULT_PLATFORM_SETTINGS.idleLockMinutes);
  const passwordMinLength = ref(DEFAULT_PLATFORM_SETTINGS.passwordMinLength);

  function applyStatus(status: SessionStatus) {
    locked.value = status.operator !== null && status.locked;
    passwordChangeRequired.value = status.operator !== null && status.passwordChangeRequired;
    idleLockMinutes.value = status.idleLockMinutes;
    passwordMinLength.value = status.passwordMinLength;
  }

  /** Shown at once; main is told too, so every other call is refused until the password is given again. */
  async function lock() {
    if (locked.value) return;
    locked.value = true;
    try {
      await api.session.lock({});
    } catch {
      // Main refuses a lock only when nobody is signed in; the overlay then offers sign-out.
    }
  }

  async function unlock(password: string): Promise<FormOutcome> {
    try {
      await api.session.unlock({ password });
      locked.value = false;
      return SUCCESS;
    } catch (error) {
      return failure(error);
    }
  }

  async function changePassword(input: ChangeOwnPasswordInput): Promise<FormOutcome> {
    try {
      await api.session.changePassword(input);
      passwordChangeRequired.value = false;
      return SUCCESS;
    } catch (error) {
      return failure(error);
    }
  }

  /** The activated operator, or null for a user who has no AccessDesk role (their account is active all the same). */
  async function activate(input: ActivateInput): Promise<{ outcome: FormOutcome; operator: Operator | null }> {
    try {
      const activated = await api.session.activate(input);
      return { outcome: SUCCESS, operator: activated.operator };
    } catch (error) {
      return { outcome: failure(error), operator: null };
    }
  }

  function reset() {
    locked.value = false;
    passwordChangeRequired.value = false;
  }

  return { locked, passwordChangeRequired, idleLockMinutes, passwordMinLength, applyStatus, lock, unlock, changePassword, activate, reset };
});
