import { defineStore } from 'pinia';
import { computed, reactive, ref, shallowRef } from 'vue';
import { api } from '../../api';
import type { AuditEntryDetail, AuditRow, ChainVerification, WorkbookVerification } from '../../../../shared/contract';
import { debounce } from '../../lib/debounce';
import { plural } from '../../lib/format';
import { SEARCH_DEBOUNCE_MS } from '../../composables/usePagedList';
import { reportError } from '../../stores/forms';
import { useNotificationsStore } from '../../stores/notifications';
import { emptyFilterForm, hasFilters, toAuditFilters } from './auditFilters';
import { useKeysetList } from './useKeysetList';

export const useAuditStore = defineStore('audit', () => {
  const filters = reactive(emptyFilterForm());
  const filtered = computed(() => hasFilters(filters));

  // Newest first, always: the log is read backwards from its head.
  const list = useKeysetList<AuditRow>({
    fetch: (before) => api.audit.list({ ...toAuditFilters(filters), ...(before === undefined ? {} : { before }) }),
    domains: ['audit'],
    onError: reportError,
  });

  const selectedId = ref<number | null>(null);
  const detail = shallowRef<AuditEntryDetail | null>(null);
  const detailLoading = ref(false);
  let latestDetail = 0;

  async function select(id: number | null) {
    selectedId.value = id;
    const request = ++latestDetail;
    if (id === null) {
      detail.value = null;
      return;
    }
    detailLoading.value = true;
    try {
      const entry = await api.audit.get({ id });
      if (request === latestDetail) detail.value = entry;
    } catch (error) {
      if (request === latestDetail) reportError(error);
    } finally {
      if (request === latestDetail) detailLoading.value = false;
    }
  }

  /** Moves the selection one row up or down the page, as the arrow keys do. */
  function step(by: 1 | -1) {
    const rows = list.rows.value;
    if (rows.length === 0) return;
    const at = rows.findIndex((row) => row.id === selectedId.value);
    const next = at === -1 ? (by === 1 ? 0 : rows.length - 1) : Math.min(rows.length - 1, Math.max(0, at + by));
    const row = rows[next];
    if (row) void select(row.id);
  }

  function applyFilters() {
    void list.restart();
  }
  const applyAfterTyping = debounce(applyFilters, SEARCH_DEBOUNCE_MS);

  function clearFilters() {
    applyAfterTyping.cancel();
    Object.assign(filters, emptyFilterForm());
    applyFilters();
  }

  const verifying = ref(false);
  const verification = ref<ChainVerification | null>(null);
  /** The entry verification found broken, highlighted in the list. */
  const brokenId = computed(() => verification.value?.firstBroken?.id ?? null);

  /** How far a long verification (run in a worker) has got; null before its first report. */
  const verifyProgress = shallowRef<{ done: number; total: number } | null>(null);

  function onVerifyProgress(done: number, total: number) {
    if (verifying.value) verifyProgress.value = { done, total };
  }

  async function verify() {
    verifying.value = true;
    verifyProgress.value = null;
    try {
      verification.value = await api.audit.verify({});
      await showBroken();
    } catch (error) {
      reportError(error);
    } finally {
      verifying.value = false;
      verifyProgress.value = null;
    }
  }

  /** Opens the page that starts at the broken entry, unfiltered (a filter could hide it), and selects it. */
  async function showBroken() {
    const id = brokenId.value;
    if (id === null) return;
    applyAfterTyping.cancel();
    Object.assign(filters, emptyFilterForm());
    await list.openAt(id);
    await select(id);
  }

  const checkingWorkbook = ref(false);
  const workbookCheck = ref<WorkbookVerification | null>(null);

  /** Asks for an exported workbook and checks that the head and count it printed are still in the log. */
  async function verifyWorkbook() {
    checkingWorkbook.value = true;
    try {
      const result = await api.audit.verifyWorkbook({});
      if (result !== null) workbookCheck.value = result;
    } catch (error) {
      reportError(error);
    } finally {
      checkingWorkbook.value = false;
    }
  }

  const exporting = ref(false);

  async function exportFiltered() {
    exporting.value = true;
    try {
      const saved = await api.audit.exportLog(toAuditFilters(filters));
      if (saved.fileName !== null) {
        useNotificationsStore().notify(`Saved ${saved.fileName} (${plural(saved.rows, 'entry', 'entries')})`, { kind: 'success' });
      }
    } catch (error) {
      reportError(error);
    } finally {
      exporting.value = false;
    }
  }

  function reset() {
    applyAfterTyping.cancel();
    Object.assign(filters, emptyFilterForm());
    list.reset();
    verification.value = null;
    workbookCheck.value = null;
    latestDetail++;
    selectedId.value = null;
    detail.value = null;
  }

  return {
    filters,
    filtered,
    list,
    selectedId,
    detail,
    detailLoading,
    select,
    step,
    applyFilters,
    applyAfterTyping,
    clearFilters,
    verifying,
    verifyProgress,
    onVerifyProgress,
    verification,
    brokenId,
    verify,
    showBroken,
    checkingWorkbook,
    workbookCheck,
    verifyWorkbook,
    exporting,
    exportFiltered,
    reset,
  };
});
