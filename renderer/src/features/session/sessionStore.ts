import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { api } from '../api';
import type { FirstAdministratorInput, Operator, SessionStatus, SignInInput } from '../../../shared/contract';
import { isAppError } from '../../../shared/errors';
import { PLATFORM_ROLE_LABELS } from '../../../shared/domain/users';
import { errorMessage, fieldErrorsOf } from '../lib/format';
import { useNotificationsStore } from './notifications';
import type { FormOutcome } from './forms';

export type Screen = 'loading' | 'unavailable' | 'setup' | 'signin' | 'main';

export const useSessionStore = defineStore('session', () => {
  const screen = ref<Screen>('loading');
  const operator = ref<Operator | null>(null);
  const workspace = ref<SessionStatus['workspace'] | null>(null);
  const workspaceCount = ref(1);
  const startupError = ref<string | null>(null);
  const demoRunning = ref(false);

  const roleLabel = computed(() => (operator.value ? PLATFORM_ROLE_LABELS[operator.value.platformRole] : ''));

  async function load() {
    try {
      const status = await api.session.status({});
      workspace.value = status.workspace;
      workspaceCount.value = status.workspaceCount;
      operator.value = status.operator;
      screen.value = status.needsSetup ? 'setup' : status.operator ? 'main' : 'signin';
    } catch (error) {
      startupError.value = errorMessage(error);
      screen.value = 'unavailable';
    }
  }

  function signedIn(who: Operator) {
    operator.value = who;
    screen.value = 'main';
  }

  async function setup(input: FirstAdministratorInput): Promise<FormOutcome> {
    try {
      signedIn(await api.session.setup(input));
      return { ok: true, fields: {}, message: null };
    } catch (error) {
      return { ok: false, fields: fieldErrorsOf(error), message: errorMessage(error) };
    }
  }

  async function openDemo(): Promise<FormOutcome> {
    demoRunning.value = true;
    try {
      const opened = await api.session.openDemo({});
      signedIn(opened.operator);
      useNotificationsStore().notify(
        `Demo data opened: ${opened.users} users and ${opened.groups} groups`,
        { kind: 'success' },
      );
      return { ok: true, fields: {}, message: null };
    } catch (error) {
      return { ok: false, fields: {}, message: errorMessage(error) };
    } finally {
      demoRunning.value = false;
    }
  }

  async function signIn(input: SignInInput): Promise<FormOutcome> {
    try {
      signedIn(await api.session.signIn(input));
      return { ok: true, fields: {}, message: null };
    } catch (error) {
      return { ok: false, fields: fieldErrorsOf(error), message: errorMessage(error) };
    }
  }

  async function signOut() {
    try {
      await api.session.signOut({});
    } catch (error) {
      if (!isAppError(error) || error.code !== 'unauthenticated') {
        useNotificationsStore().error(errorMessage(error));
        return;
      }
    }
    signedOut();
  }

  /** The main process no longer knows the operator: back to the sign-in screen. */
  function signedOut() {
    operator.value = null;
    if (screen.value === 'main') screen.value = 'signin';
  }

  return {
    screen,
    operator,
    workspace,
    workspaceCount,
    startupError,
    demoRunning,
    roleLabel,
    load,
    setup,
    openDemo,
    signIn,
    signOut,
    signedOut,
  };
});
