import { defineStore } from 'pinia';
import { computed, reactive, ref } from 'vue';
import { api } from '../../api';
import type { AuditRow, UserDetail, UserMembership } from '../../../../shared/contract';
import type { PlatformRole, UserType } from '../../../../shared/domain/users';
import type { Language } from '../../../../shared/domain/permissionModel';
import type { AuditAction } from '../../../../shared/domain/auditActions';
import { isAppError } from '../../../../shared/errors';
import { onDataChanged } from '../../composables/dataChanges';
import { reportError } from '../../stores/forms';
import { useConfirmStore } from '../../stores/confirm';
import { useSessionStore } from '../session/sessionStore';
import { useUsersStore } from '../users/usersStore';

/** What the pane lets the operator change; username and SSO are fixed after creation. */
export interface UserDraft {
  firstName: string;
  lastName: string;
  email: string;
  userType: UserType;
  platformRole: PlatformRole;
  departmentId: number | null;
}

const DRAFT_KEYS = ['firstName', 'lastName', 'email', 'userType', 'platformRole', 'departmentId'] as const satisfies readonly (keyof UserDraft)[];

/** The audit actions that change a user's status, in the words the history shows. */
export const STATUS_HISTORY_WORDS: Readonly<Partial<Record<AuditAction, string>>> = {
  'user.create': 'Added',
  'user.activate': 'Activated',
  'user.deactivate': 'Deactivated',
  'user.delete': 'Deleted',
  'user.restore': 'Restored',
  'user.anonymise': 'Anonymised',
  'user.import': 'Imported',
  'user.passwordReset': 'Password reset',
  'user.temporaryPassword': 'Temporary password set',
  'session.lockedOut': 'Locked out after failed sign-ins',
};
const STATUS_ACTIONS = Object.keys(STATUS_HISTORY_WORDS);

/** Per action, newest first: enough for a status life, however many other changes the user has had. */
const HISTORY_PAGE_SIZE = 50;

function draftOf(user: UserDetail): UserDraft {
  const { firstName, lastName, email, userType, platformRole, departmentId } = user;
  return { firstName, lastName, email, userType, platformRole, departmentId };
}

/**
 * The user detail pane beside the users list: one user at a time, loaded when opened (never per row), with
 * a draft the operator saves or cancels. Opening another user or closing asks first when the draft has changes.
 */
export const useUserDetailStore = defineStore('userDetail', () => {
  const userId = ref<number | null>(null);
  const user = ref<UserDetail | null>(null);
  const memberships = ref<UserMembership[]>([]);
  const language = ref<Language | null>(null);
  const history = ref<AuditRow[]>([]);
  const historyRefusal = ref<string | null>(null);
  const loading = ref(false);
  const draft = reactive<UserDraft>({ firstName: '', lastName: '', email: '', userType: 'standard', platformRole: 'none', departmentId: null });

  const dirty = computed(() => user.value !== null && DRAFT_KEYS.some((key) => draft[key] !== user.value?.[key]));

  async function loadHistory(id: number): Promise<AuditRow[]> {
    historyRefusal.value = useSessionStore().refusal('audit.list');
    if (historyRefusal.value !== null) return [];
    // One query per action walks the user's subject index for just those entries.
    const pages = await Promise.all(STATUS_ACTIONS.map((action) => api.audit.list({ target: { type: 'user', id }, action, pageSize: HISTORY_PAGE_SIZE })));
    return pages.flatMap((page) => page.rows).sort((a, b) => b.id - a.id);
  }

  async function loadLanguage(main: UserMembership | undefined): Promise<Language | null> {
    if (!main) return null;
    return (await api.groups.get({ id: main.groupId })).settings.language;
  }

  /** Reads the user afresh; the draft follows unless the operator has changed it. */
  async function load(keepDraft: boolean) {
    const id = userId.value;
    if (id === null) return;
    loading.value = true;
    try {
      const [detail, ofUser, rows] = await Promise.all([api.users.get({ id }), api.memberships.ofUser({ userId: id }), loadHistory(id)]);
      const mainLanguage = await loadLanguage(ofUser.find((membership) => membership.isMain));
      if (userId.value !== id) return;
      user.value = detail;
      memberships.value = ofUser;
      history.value = rows;
      language.value = mainLanguage;
      if (!keepDraft) Object.assign(draft, draftOf(detail));
    } catch (error) {
      // Deleted or out of reach since it was opened: the pane has nothing left to show.
      if (isAppError(error) && (error.code === 'not_found' || error.code === 'forbidden') && userId.value === id) close();
      else reportError(error);
    } finally {
      loading.value = false;
    }
  }

  async function mayDiscard(): Promise<boolean> {
    if (!dirty.value || !user.value) return true;
    return useConfirmStore().ask({
      title: 'Discard changes',
      text: `Discard your unsaved changes to ${user.value.firstName} ${user.value.lastName} (${user.value.username})?`,
      confirmText: 'Discard',
      danger: true,
    });
  }

  /** Shows this user; false when the operator kept their unsaved changes to the one shown. */
  async function open(id: number): Promise<boolean> {
    if (userId.value === id) return true;
    if (!(await mayDiscard())) return false;
    userId.value = id;
    user.value = null;
    history.value = [];
    memberships.value = [];
    await load(false);
    return true;
  }

  function close() {
    userId.value = null;
    user.value = null;
    history.value = [];
    memberships.value = [];
    language.value = null;
  }

  async function requestClose(): Promise<boolean> {
    if (!(await mayDiscard())) return false;
    close();
    return true;
  }

  function cancel() {
    if (user.value) Object.assign(draft, draftOf(user.value));
  }

  async function save() {
    const shown = user.value;
    if (!shown) return { ok: true, fields: {}, message: null };
    const outcome = await useUsersStore().update({ id: shown.id, ...draft });
    if (outcome.ok) await load(false);
    return outcome;
  }

  onDataChanged((domains) => {
    if (userId.value === null) return;
    if (domains.has('users') || domains.has('memberships') || domains.has('groups')) void load(dirty.value);
  });

  return { userId, user, memberships, language, history, historyRefusal, loading, draft, dirty, open, close, requestClose, cancel, save, mayDiscard };
});
