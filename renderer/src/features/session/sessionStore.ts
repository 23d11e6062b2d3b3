import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { api } from '../../api';
import type { FirstAdministratorInput, Method, Operator, SessionStatus, SignInInput } from '../../../../shared/contract';
import { isAppError } from '../../../../shared/errors';
import { PLATFORM_ROLE_LABELS } from '../../../../shared/domain/users';
import { refuseMethod } from '../../../../shared/domain/policy';
import {
  refuseBulkUserAction,
  type Actor,
  type Subject,
  type UserAction,
} from '../../../../shared/domain/subjectRules';
import { errorMessage, fieldErrorsOf, plural } from '../../lib/format';
import { onDataChanged } from '../../composables/dataChanges';
import { useNotificationsStore } from '../../stores/notifications';
import { SUCCESS, type FormOutcome } from '../../stores/forms';
import { useSessionSafetyStore } from '../passwords/sessionSafetyStore';

export type Screen = 'loading' | 'unavailable' | 'setup' | 'signin' | 'changePassword' | 'main';

function formFailure(error: unknown): FormOutcome {
  return { ok: false, fields: fieldErrorsOf(error), message: errorMessage(error) };
}

export const useSessionStore = defineStore('session', () => {
  const screen = ref<Screen>('loading');
  const operator = ref<Operator | null>(null);
  const workspace = ref<SessionStatus['workspace'] | null>(null);
  const workspaceCount = ref(1);
  const activeSuperAdminCount = ref(1);
  const startupError = ref<string | null>(null);
  const demoRunning = ref(false);
  /** The read-only preview in progress, as main holds it; null when the operator acts as themselves. */
  const viewAs = ref<SessionStatus['viewAs']>(null);

  const roleLabel = computed(() => (operator.value ? PLATFORM_ROLE_LABELS[operator.value.platformRole] : ''));
  const actor = computed<Actor | null>(() =>
    operator.value
      ? {
          id: operator.value.id,
          platformRole: operator.value.platformRole,
          adminPermission: operator.value.adminPermission,
          units: operator.value.administeredUnitIds === null ? null : new Set(operator.value.administeredUnitIds),
        }
      : null,
  );

  function applyStatus(status: SessionStatus) {
    workspace.value = status.workspace;
    workspaceCount.value = status.workspaceCount;
    activeSuperAdminCount.value = status.activeSuperAdminCount;
    operator.value = status.operator;
    viewAs.value = status.viewAs;
    useSessionSafetyStore().applyStatus(status);
  }

  /** Signed in with a temporary password: the new one comes before anything else. */
  function signedInScreen(status: SessionStatus): Screen {
    return status.passwordChangeRequired ? 'changePassword' : 'main';
  }

  async function load() {
    try {
      const status = await api.session.status({});
      applyStatus(status);
      screen.value = status.needsSetup ? 'setup' : status.operator ? signedInScreen(status) : 'signin';
    } catch (error) {
      startupError.value = errorMessage(error);
      screen.value = 'unavailable';
    }
  }

  /** Roles and statuses change under the operator; the UI's refusals must follow them. */
  async function refreshStatus() {
    try {
      applyStatus(await api.session.status({}));
      if (operator.value === null) signedOut();
    } catch {
      // A failed refresh keeps the last known status; the main process still enforces every rule.
    }
  }

  onDataChanged((domains) => {
    if (screen.value === 'main' && domains.has('users')) void refreshStatus();
  });

  async function signedIn(who: Operator) {
    operator.value = who;
    try {
      const status = await api.session.status({});
      applyStatus(status);
      screen.value = signedInScreen(status);
    } catch {
      screen.value = 'main';
    }
  }

  async function setup(input: FirstAdministratorInput): Promise<FormOutcome> {
    try {
      await signedIn(await api.session.setup(input));
      return SUCCESS;
    } catch (error) {
      return formFailure(error);
    }
  }

  async function openDemo(): Promise<FormOutcome> {
    demoRunning.value = true;
    try {
      const opened = await api.session.openDemo({});
      await signedIn(opened.operator);
      useNotificationsStore().notify(
        `Demo data opened: ${opened.users} users and ${opened.groups} groups`,
        { kind: 'success' },
      );
      return SUCCESS;
    } catch (error) {
      return { ...formFailure(error), fields: {} };
    } finally {
      demoRunning.value = false;
    }
  }

  async function signIn(input: SignInInput): Promise<FormOutcome> {
    try {
      await signedIn(await api.session.signIn(input));
      return SUCCESS;
    } catch (error) {
      return formFailure(error);
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
    useSessionSafetyStore().reset();
    signedOut();
  }

  /** The main process no longer knows the operator: back to the sign-in screen. */
  function signedOut() {
    // A locked session refuses calls as unauthenticated; the lock overlay, not the sign-in screen, answers that.
    const safety = useSessionSafetyStore();
    if (safety.locked && operator.value !== null) return;
    safety.reset();
    operator.value = null;
    viewAs.value = null;
    if (screen.value === 'main' || screen.value === 'changePassword') screen.value = 'signin';
  }

  /** Why the operator may not call this method at all, for a disabled control's tooltip; null when they may. */
  function refusal(method: Method): string | null {
    return refuseMethod(method, actor.value);
  }

  /**
   * Why the operator may not take this action on these users, or null. The main process decides;
   * this only keeps the operator from asking for what it would refuse.
   */
  function refusalOnUsers(method: Method, action: UserAction, subjects: readonly Subject[]): string | null {
    const forMethod = refusal(method);
    if (forMethod !== null || actor.value === null) return forMethod ?? 'Sign in to continue';
    const refused = refuseBulkUserAction(actor.value, subjects, action, activeSuperAdminCount.value);
    const [first] = refused;
    if (!first) return null;
    return refused.length === 1 ? first.reason : `${first.reason}; and ${plural(refused.length - 1, 'other user')}`;
  }

  return {
    screen,
    operator,
    workspace,
    workspaceCount,
    activeSuperAdminCount,
    startupError,
    demoRunning,
    viewAs,
    roleLabel,
    load,
    refreshStatus,
    setup,
    openDemo,
    signIn,
    signOut,
    signedIn,
    signedOut,
    refusal,
    refusalOnUsers,
  };
});
