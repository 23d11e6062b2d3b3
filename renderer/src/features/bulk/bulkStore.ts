import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { BulkAction, BulkActionKind, BulkPreview, GroupRow } from '../../../../shared/contract';
import { BULK_ACTION_LABELS, canUndo, needsValue, undoActions } from '../../../../shared/domain/bulkActions';
import { firstFewAndMore } from '../../../../shared/domain/text';
import { api } from '../../api';
import { errorMessage, formatCount } from '../../lib/format';
import { reportError } from '../../stores/forms';
import { useNotificationsStore } from '../../stores/notifications';

/** The value a kind needs before it can be previewed, as the dialog's pickers hold it. */
export interface BulkChoice {
  userType: 'admin' | 'standard' | 'read_only' | null;
  /** undefined: not chosen yet; null: no department. */
  departmentId: number | null | undefined;
  groupId: number | null;
}

const NO_CHOICE: BulkChoice = { userType: null, departmentId: undefined, groupId: null };

function actionOf(kind: BulkActionKind, choice: BulkChoice): BulkAction | null {
  switch (kind) {
    case 'activate':
    case 'deactivate':
    case 'delete':
      return { kind };
    case 'setUserType':
      return choice.userType === null ? null : { kind, userType: choice.userType };
    case 'setDepartment':
      return choice.departmentId === undefined ? null : { kind, departmentId: choice.departmentId };
    case 'setMainGroup':
      return choice.groupId === null ? null : { kind, groupId: choice.groupId };
  }
}

/** Past-tense words for the snackbar after applying. */
function doneText(preview: BulkPreview): string {
  const changed = `${formatCount(preview.counts.change)} ${preview.counts.change === 1 ? 'user' : 'users'}`;
  const skipped = preview.counts.skip > 0 ? `; ${formatCount(preview.counts.skip)} skipped` : '';
  return `${preview.title}: done for ${changed}${skipped}`;
}

/**
 * A bulk action on the selected users: choose (when the kind needs a value), preview, apply with a reason,
 * then offer Undo and the results workbook. The main process decides every outcome; this only shows it.
 */
export const useBulkStore = defineStore('bulk', () => {
  const open = ref(false);
  const kind = ref<BulkActionKind>('deactivate');
  const userIds = ref<number[]>([]);
  const choice = ref<BulkChoice>({ ...NO_CHOICE });
  const preview = ref<BulkPreview | null>(null);
  const loading = ref(false);
  const applying = ref(false);
  const reason = ref('');
  const message = ref<string | null>(null);
  /** The change just applied: the dialog then shows its outcomes with Save results and Undo. */
  const applied = ref<{ action: BulkAction; result: BulkPreview } | null>(null);
  const savedAs = ref<string | null>(null);
  const saving = ref(false);
  /** The groups that may be a main group, for "Set main group". */
  const mainGroupChoices = ref<GroupRow[]>([]);
  let previewRequest = 0;

  async function loadMainGroupChoices() {
    try {
      mainGroupChoices.value = (await api.groups.list({ search: '' })).filter((group) => !group.onlyAsExtra);
    } catch (error) {
      reportError(error);
    }
  }

  const action = computed(() => actionOf(kind.value, choice.value));
  const title = computed(() => preview.value?.title ?? BULK_ACTION_LABELS[kind.value].replace('…', ''));

  /** Why Apply is unavailable, naming who is refused and why; null when it may be pressed. */
  const applyRefusal = computed(() => {
    const current = preview.value;
    if (applied.value) return 'Already applied';
    if (!current) return needsValue(kind.value) && !action.value ? 'Choose a value first' : 'Preparing the preview…';
    if (current.counts.refuse > 0) {
      const refused = current.outcomes.filter((outcome) => outcome.outcome === 'refuse');
      const who = firstFewAndMore(refused.map((outcome) => outcome.reason ?? outcome.label), { shown: 3, separator: '; ' });
      return `Nothing can be applied while ${formatCount(current.counts.refuse)} ${current.counts.refuse === 1 ? 'user is' : 'users are'} refused: ${who}`;
    }
    if (current.counts.change === 0) return 'Nothing would change';
    return null;
  });

  async function start(next: BulkActionKind, ids: readonly number[]) {
    kind.value = next;
    userIds.value = [...ids];
    choice.value = { ...NO_CHOICE };
    preview.value = null;
    applied.value = null;
    savedAs.value = null;
    reason.value = '';
    message.value = null;
    open.value = true;
    await refresh();
  }

  async function choose(next: Partial<BulkChoice>) {
    choice.value = { ...choice.value, ...next };
    await refresh();
  }

  async function refresh() {
    const current = action.value;
    preview.value = null;
    message.value = null;
    if (!current) return;
    const request = ++previewRequest;
    loading.value = true;
    try {
      const result = await api.users.bulkPreview({ action: current, userIds: userIds.value });
      if (request === previewRequest) preview.value = result;
    } catch (error) {
      if (request === previewRequest) message.value = errorMessage(error);
    } finally {
      if (request === previewRequest) loading.value = false;
    }
  }

  function close() {
    open.value = false;
    previewRequest += 1;
  }

  async function apply(): Promise<BulkPreview | null> {
    const current = action.value;
    if (!current || applyRefusal.value !== null) return null;
    applying.value = true;
    try {
      const text = reason.value.trim();
      const result = await api.users.bulkApply({ action: current, userIds: userIds.value, ...(text === '' ? {} : { reason: text }) });
      applied.value = { action: current, result };
      preview.value = result;
      const undo = canUndo(current.kind) && result.counts.change > 0 ? () => undoChange(current, result) : undefined;
      useNotificationsStore().notify(doneText(result), { kind: 'success', ...(undo ? { undo } : {}) });
      return result;
    } catch (error) {
      message.value = errorMessage(error);
      return null;
    } finally {
      applying.value = false;
    }
  }

  const canUndoApplied = computed(() => applied.value !== null && canUndo(applied.value.action.kind) && applied.value.result.counts.change > 0);

  async function undoApplied() {
    const done = applied.value;
    if (!done) return;
    open.value = false;
    useNotificationsStore().dismiss();
    await undoChange(done.action, done.result);
  }

  /** Saves the applied outcomes as a workbook through the save dialog; says where, or nothing when cancelled. */
  async function saveResults() {
    saving.value = true;
    message.value = null;
    try {
      const saved = await api.users.bulkSaveResults({});
      if (saved.fileName !== null) savedAs.value = saved.fileName;
    } catch (error) {
      message.value = errorMessage(error);
    } finally {
      saving.value = false;
    }
  }

  /** Puts the changed users back to their previewed before-values, as a bulk change of its own. */
  async function undoChange(action: BulkAction, result: BulkPreview): Promise<void> {
    try {
      for (const step of undoActions(action, result.outcomes)) {
        await api.users.bulkApply({ ...step, reason: `Undo: ${result.title}` });
      }
      useNotificationsStore().notify(`Undone: ${result.title}`, { kind: 'success' });
    } catch (error) {
      reportError(error);
    }
  }

  return { open, kind, mainGroupChoices, loadMainGroupChoices, savedAs, saving, canUndoApplied, undoApplied, saveResults, userIds, choice, preview, loading, applying, reason, message, applied, action, title, applyRefusal, start, choose, close, apply };
});
