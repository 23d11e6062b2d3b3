import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api } from '../../api';
import type { ActivationCodeIssued, UserRow } from '../../../../shared/contract';
import { useNotificationsStore } from '../../stores/notifications';
import { formFailure, reportError, SUCCESS, type FormOutcome } from '../../stores/forms';

export type PasswordDialog = { kind: 'reset' | 'temporary'; user: UserRow };

/** The row menu's password actions: the dialog open and the activation code shown once. */
export const usePasswordsStore = defineStore('passwords', () => {
  const dialog = ref<PasswordDialog | null>(null);
  /** Held only while its dialog is open: main keeps just the hash, so it can never be shown again. */
  const issuedCode = ref<ActivationCodeIssued | null>(null);
  function openPasswordDialog(kind: PasswordDialog['kind'], user: UserRow) {
    dialog.value = { kind, user };
  }

  function closeDialog() {
    dialog.value = null;
  }

  async function setPassword(password: string, passwordConfirm: string): Promise<FormOutcome> {
    const open = dialog.value;
    if (!open) return SUCCESS;
    const input = { id: open.user.id, password, passwordConfirm };
    try {
      if (open.kind === 'reset') await api.passwords.reset(input);
      else await api.passwords.setTemporary(input);
      const who = `${open.user.firstName} ${open.user.lastName}`.trim() || open.user.username;
      useNotificationsStore().notify(
        open.kind === 'reset' ? `${who}'s password was reset` : `${who} must choose a new password at their next sign-in`,
        { kind: 'success' },
      );
      dialog.value = null;
      return SUCCESS;
    } catch (error) {
      return formFailure(error);
    }
  }

  async function resendActivation(user: UserRow) {
    try {
      issuedCode.value = await api.passwords.resendActivation({ id: user.id });
    } catch (error) {
      reportError(error);
    }
  }

  function forgetCode() {
    issuedCode.value = null;
  }

  async function deletePending(user: UserRow) {
    try {
      await api.users.deletePending({ id: user.id });
      useNotificationsStore().notify(`Pending user ${user.username} was deleted`, { kind: 'success' });
    } catch (error) {
      reportError(error);
    }
  }

  return { dialog, issuedCode, openPasswordDialog, closeDialog, setPassword, resendActivation, forgetCode, deletePending };
});
