import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { api } from '../api';
import type {
  SortDirection,
  UserCreateInput,
  UserRow,
  UserSortKey,
  UserUpdateInput,
} from '../../../shared/contract';
import type { UserStatus } from '../../../shared/domain/users';
import { DEFAULT_PAGE_SIZE } from '../../../shared/domain/paging';
import { debounce } from '../lib/debounce';
import { plural } from '../lib/format';
import { SUCCESS, formFailure, reportError, type FormOutcome } from './forms';
import { useNotificationsStore } from './notifications';

export type StatusFilter = 'all' | UserStatus;

export const SEARCH_DEBOUNCE_MS = 200;

/**
 * Changes do not reload the list themselves: the main process pushes `data.changed` after every change,
 * and stores/events.ts reloads each affected list once, in this window and any other.
 */
export const useUsersStore = defineStore('users', () => {
  const rows = ref<UserRow[]>([]);
  const total = ref(0);
  const page = ref(1);
  const pageSize = ref<number>(DEFAULT_PAGE_SIZE);
  const sortBy = ref<UserSortKey>('lastName');
  const sortDir = ref<SortDirection>('asc');
  const search = ref('');
  /** The search text of the rows on screen, for the empty-state message. */
  const shownSearch = ref('');
  const statusFilter = ref<StatusFilter>('all');
  const showDeactivated = ref(false);
  const loading = ref(false);
  const loaded = ref(false);

  const selectedIds = ref<Set<number>>(new Set());
  /** Row index of the last checkbox click, the anchor of a Shift-click range. */
  const anchorIndex = ref<number | null>(null);

  // Every request gets a number; a response that is not the latest is dropped, so a slow
  // search for "ab" can never overwrite the rows for "abc".
  let latestRequest = 0;

  const selectedCount = computed(() => selectedIds.value.size);
  const pageIds = computed(() => rows.value.map((row) => row.id));
  const pageSelection = computed<'none' | 'some' | 'all'>(() => {
    const ids = pageIds.value;
    const chosen = ids.filter((id) => selectedIds.value.has(id)).length;
    if (chosen === 0) return 'none';
    return chosen === ids.length ? 'all' : 'some';
  });

  async function load() {
    const request = ++latestRequest;
    const searchText = search.value.trim();
    loading.value = true;
    try {
      const result = await api.users.list({
        page: page.value,
        pageSize: pageSize.value,
        sortBy: sortBy.value,
        sortDir: sortDir.value,
        search: searchText,
        statuses: statusFilter.value === 'all' ? [] : [statusFilter.value],
        showDeactivated: showDeactivated.value,
      });
      if (request !== latestRequest) return;
      // A deletion can empty the last page; step back to the new last page.
      if (result.rows.length === 0 && result.total > 0 && page.value > 1) {
        page.value = Math.max(1, Math.ceil(result.total / pageSize.value));
        await load();
        return;
      }
      rows.value = result.rows;
      total.value = result.total;
      shownSearch.value = searchText;
      loaded.value = true;
    } catch (error) {
      if (request === latestRequest) reportError(error);
    } finally {
      if (request === latestRequest) loading.value = false;
    }
  }

  const loadAfterTyping = debounce(() => {
    page.value = 1;
    void load();
  }, SEARCH_DEBOUNCE_MS);

  function setSearch(text: string) {
    search.value = text;
    loadAfterTyping();
  }

  function setStatusFilter(value: StatusFilter) {
    statusFilter.value = value;
    // Asking for deactivated users only makes sense with them shown.
    if (value === 'deactivated') showDeactivated.value = true;
    page.value = 1;
    void load();
  }

  function setShowDeactivated(value: boolean) {
    showDeactivated.value = value;
    if (!value && statusFilter.value === 'deactivated') statusFilter.value = 'all';
    page.value = 1;
    void load();
  }

  function toggleSort(key: UserSortKey) {
    if (sortBy.value === key) {
      sortDir.value = sortDir.value === 'asc' ? 'desc' : 'asc';
    } else {
      sortBy.value = key;
      sortDir.value = 'asc';
    }
    page.value = 1;
    anchorIndex.value = null;
    void load();
  }

  function goToPage(next: number) {
    page.value = next;
    anchorIndex.value = null;
    void load();
  }

  function setPageSize(size: number) {
    pageSize.value = size;
    page.value = 1;
    anchorIndex.value = null;
    void load();
  }

  function replaceSelection(ids: Iterable<number>) {
    selectedIds.value = new Set(ids);
  }

  /** A checkbox click; with Shift it sets the whole range from the anchor to the state of this row. */
  function clickRow(index: number, range: boolean) {
    const row = rows.value[index];
    if (!row) return;
    const next = new Set(selectedIds.value);
    const select = !next.has(row.id);
    if (range && anchorIndex.value !== null && anchorIndex.value < rows.value.length) {
      const [from, to] = anchorIndex.value < index ? [anchorIndex.value, index] : [index, anchorIndex.value];
      for (const candidate of rows.value.slice(from, to + 1)) {
        if (select) next.add(candidate.id);
        else next.delete(candidate.id);
      }
    } else if (select) {
      next.add(row.id);
    } else {
      next.delete(row.id);
    }
    anchorIndex.value = index;
    selectedIds.value = next;
  }

  function selectPage(select: boolean) {
    const next = new Set(selectedIds.value);
    for (const id of pageIds.value) {
      if (select) next.add(id);
      else next.delete(id);
    }
    selectedIds.value = next;
  }

  function clearSelection() {
    selectedIds.value = new Set();
    anchorIndex.value = null;
  }

  function forget(ids: number[]) {
    const next = new Set(selectedIds.value);
    for (const id of ids) next.delete(id);
    selectedIds.value = next;
  }

  async function create(input: UserCreateInput): Promise<FormOutcome> {
    try {
      const user = await api.users.create(input);
      useNotificationsStore().notify(`User ${user.username} added`, { kind: 'success' });
      return SUCCESS;
    } catch (error) {
      return formFailure(error);
    }
  }

  async function update(input: UserUpdateInput): Promise<FormOutcome> {
    try {
      const user = await api.users.update(input);
      useNotificationsStore().notify(`User ${user.username} saved`, { kind: 'success' });
      return SUCCESS;
    } catch (error) {
      return formFailure(error);
    }
  }

  async function setStatus(userIds: number[], status: 'active' | 'deactivated') {
    try {
      const result = await api.users.setStatus({ userIds, status });
      const verb = status === 'active' ? 'activated' : 'deactivated';
      const skipped = result.skipped > 0 ? `, ${plural(result.skipped, 'user')} unchanged` : '';
      useNotificationsStore().notify(`${plural(result.changed, 'user')} ${verb}${skipped}`, { kind: 'success' });
    } catch (error) {
      reportError(error);
    }
  }

  async function remove(userIds: number[]) {
    try {
      const result = await api.users.delete({ userIds });
      forget(userIds);
      const skipped = result.skipped > 0 ? `, ${plural(result.skipped, 'user')} skipped` : '';
      useNotificationsStore().notify(`${plural(result.changed, 'user')} deleted${skipped}`, { kind: 'success' });
    } catch (error) {
      reportError(error);
    }
  }

  function reset() {
    loadAfterTyping.cancel();
    latestRequest++;
    rows.value = [];
    total.value = 0;
    page.value = 1;
    search.value = '';
    shownSearch.value = '';
    statusFilter.value = 'all';
    showDeactivated.value = false;
    loaded.value = false;
    loading.value = false;
    clearSelection();
  }

  return {
    rows,
    total,
    page,
    pageSize,
    sortBy,
    sortDir,
    search,
    shownSearch,
    statusFilter,
    showDeactivated,
    loading,
    loaded,
    selectedIds,
    anchorIndex,
    selectedCount,
    pageSelection,
    load,
    setSearch,
    setStatusFilter,
    setShowDeactivated,
    toggleSort,
    goToPage,
    setPageSize,
    replaceSelection,
    clickRow,
    selectPage,
    clearSelection,
    create,
    update,
    setStatus,
    remove,
    reset,
  };
});
