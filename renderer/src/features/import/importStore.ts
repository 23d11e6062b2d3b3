import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { api } from '../../api';
import type { AppEvent, ImportApplied, ImportMapping, ImportOpened, ImportPreview } from '../../../../shared/contract';
import { authModeLock } from '../../../../shared/domain/platformSettings';
import { mappingProblem } from '../../../../shared/domain/userImport';
import { isAppError } from '../../../../shared/errors';
import { errorMessage } from '../../lib/format';
import { reportError } from '../../stores/forms';
import { useNotificationsStore } from '../../stores/notifications';

export type ImportStep = 'closed' | 'mapping' | 'reading' | 'preview' | 'done';

type JobEvent = Extract<AppEvent, { type: 'job.progress' | 'job.finished' | 'job.failed' }>;

/** The import wizard: one file at a time, from picking it to the results file. */
export const useImportStore = defineStore('userImport', () => {
  const step = ref<ImportStep>('closed');
  const opening = ref(false);
  const opened = ref<ImportOpened | null>(null);
  const mapping = ref<ImportMapping | null>(null);
  const preview = ref<ImportPreview | null>(null);
  const applied = ref<ImportApplied | null>(null);
  const applying = ref(false);
  const saving = ref(false);
  const cancelling = ref(false);
  const reason = ref('');
  const message = ref<string | null>(null);
  const progress = ref({ phase: '', done: 0, total: 0 });
  /** Why the authentication mode locks adding users (so importing them), from the same rule the service applies. */
  const modeLock = ref<string | null>(null);

  async function loadModeLock() {
    try {
      modeLock.value = authModeLock((await api.settings.get({})).authMode);
    } catch {
      // Without the settings the button stays enabled; the main process still refuses a locked mode.
      modeLock.value = null;
    }
  }

  const mappingMessage = computed(() => (opened.value && mapping.value ? mappingProblem(mapping.value, opened.value.columns.length) : null));
  const percent = computed(() => (progress.value.total > 0 ? Math.min(100, (progress.value.done / progress.value.total) * 100) : null));

  function reset() {
    opened.value = null;
    mapping.value = null;
    preview.value = null;
    applied.value = null;
    reason.value = '';
    message.value = null;
    cancelling.value = false;
    progress.value = { phase: '', done: 0, total: 0 };
  }

  /** Asks for a file; the wizard opens on the mapping step once one is read. */
  async function chooseFile() {
    if (opening.value) return;
    opening.value = true;
    try {
      const file = await api.users.importOpen({});
      if (file === null) return;
      reset();
      opened.value = file;
      mapping.value = { ...file.mapping };
      step.value = 'mapping';
    } catch (error) {
      reportError(error);
    } finally {
      opening.value = false;
    }
  }

  function setColumn(field: keyof ImportMapping, column: number | null) {
    if (mapping.value) mapping.value = { ...mapping.value, [field]: column };
  }

  async function runDryRun() {
    const file = opened.value;
    if (!file || !mapping.value || mappingMessage.value) return;
    message.value = null;
    progress.value = { phase: 'Starting', done: 0, total: 0 };
    step.value = 'reading';
    try {
      preview.value = await api.users.importPreview({ importId: file.importId, mapping: mapping.value });
      step.value = 'preview';
    } catch (error) {
      step.value = 'mapping';
      if (isAppError(error) && error.code === 'cancelled') useNotificationsStore().notify('Dry run cancelled');
      else message.value = errorMessage(error);
    } finally {
      cancelling.value = false;
    }
  }

  async function cancelDryRun() {
    const file = opened.value;
    if (!file || cancelling.value) return;
    cancelling.value = true;
    try {
      await api.users.importCancel({ importId: file.importId });
    } catch (error) {
      cancelling.value = false;
      reportError(error);
    }
  }

  async function apply() {
    const file = opened.value;
    if (!file || applying.value) return;
    applying.value = true;
    message.value = null;
    try {
      applied.value = await api.users.importApply({ importId: file.importId, reason: reason.value || undefined });
      step.value = 'done';
    } catch (error) {
      message.value = errorMessage(error);
    } finally {
      applying.value = false;
    }
  }

  async function saveResults() {
    const file = opened.value;
    if (!file || saving.value) return;
    saving.value = true;
    try {
      const saved = await api.users.importResults({ importId: file.importId });
      if (saved.fileName !== null) useNotificationsStore().notify(`Results saved: ${saved.fileName}`, { kind: 'success' });
    } catch (error) {
      reportError(error);
    } finally {
      saving.value = false;
    }
  }

  function backToMapping() {
    preview.value = null;
    message.value = null;
    step.value = 'mapping';
  }

  function close() {
    if (step.value === 'reading') void cancelDryRun();
    step.value = 'closed';
    reset();
  }

  function onEvent(event: JobEvent) {
    if (event.type === 'job.progress' && step.value === 'reading' && event.jobId === opened.value?.importId) {
      progress.value = { phase: event.phase, done: event.done, total: event.total };
    }
  }

  return {
    step, opening, opened, modeLock, loadModeLock, mapping, preview, applied, applying, saving, cancelling, reason, message, progress,
    mappingMessage, percent,
    chooseFile, setColumn, runDryRun, cancelDryRun, apply, saveResults, backToMapping, close, onEvent,
  };
});
