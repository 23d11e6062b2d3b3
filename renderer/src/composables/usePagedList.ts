import { computed, getCurrentScope, onScopeDispose, ref, shallowRef } from 'vue';
import type { DataDomain, SortDirection } from '../../../shared/contract';
import { DEFAULT_PAGE_SIZE } from '../../../shared/domain/paging';
import { debounce } from '../lib/debounce';
import { onDataChanged } from './dataChanges';

/** Short enough that typing feels live, long enough that a fast typist sends one query per pause. */
export const SEARCH_DEBOUNCE_MS = 120;

export interface ListRequest<SortKey extends string> {
  page: number;
  pageSize: number;
  sortBy: SortKey;
  sortDir: SortDirection;
  search: string;
}

export interface ListResult<Row> {
  rows: Row[];
  total: number;
}

export interface PagedListOptions<Row, SortKey extends string> {
  fetch: (request: ListRequest<SortKey>) => Promise<ListResult<Row>>;
  sortBy: SortKey;
  sortDir?: SortDirection;
  pageSize?: number;
  /** The list reloads when the main process reports a change to one of these. */
  domains: readonly DataDomain[];
  onError: (error: unknown) => void;
  /** False while there is nothing to ask for, such as members with no group chosen. */
  isActive?: () => boolean;
  searchDebounceMs?: number;
}

/**
 * The one machine behind every server-paged list: the store supplies `fetch` (and any filters it reads),
 * this owns page, sort, debounced search, the stale-response guard and the reload on `data.changed`.
 */
export function usePagedList<Row, SortKey extends string>(options: PagedListOptions<Row, SortKey>) {
  const initialPageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const initialSortDir = options.sortDir ?? 'asc';
  // Rows are replaced whole, never edited in place: a shallow ref spares Vue a deep proxy per row.
  const rows = shallowRef<readonly Row[]>([]);
  const total = ref(0);
  const page = ref(1);
  const pageSize = ref(initialPageSize);
  const sortBy = ref(options.sortBy);
  const sortDir = ref<SortDirection>(initialSortDir);
  const search = ref('');
  /** The search behind the rows on screen, for the empty-state message. */
  const shownSearch = ref('');
  const loading = ref(false);
  const loaded = ref(false);
  const lastPage = computed(() => Math.max(1, Math.ceil(total.value / pageSize.value)));

  // Every request gets a number and only the latest may land, so a slow answer for "ab"
  // never overwrites the rows for "abc".
  let latestRequest = 0;

  function showNothing() {
    rows.value = [];
    total.value = 0;
    loading.value = false;
    loaded.value = false;
  }

  async function load(): Promise<void> {
    const request = ++latestRequest;
    if (options.isActive && !options.isActive()) {
      showNothing();
      return;
    }
    const searchText = search.value.trim();
    loading.value = true;
    try {
      const result = await options.fetch({
        page: page.value,
        pageSize: pageSize.value,
        sortBy: sortBy.value,
        sortDir: sortDir.value,
        search: searchText,
      });
      if (request !== latestRequest) return;
      // A deletion elsewhere can empty this page; step back to the new last page.
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
      if (request === latestRequest) options.onError(error);
    } finally {
      if (request === latestRequest) loading.value = false;
    }
  }

  /** After a filter or query change: the old page number means nothing any more. */
  function restart(): Promise<void> {
    searchAfterTyping.cancel();
    page.value = 1;
    return load();
  }

  const searchAfterTyping = debounce(() => void restart(), options.searchDebounceMs ?? SEARCH_DEBOUNCE_MS);

  function setSearch(text: string) {
    search.value = text;
    searchAfterTyping();
  }

  function toggleSort(key: SortKey): Promise<void> {
    if (sortBy.value === key) {
      sortDir.value = sortDir.value === 'asc' ? 'desc' : 'asc';
    } else {
      sortBy.value = key;
      sortDir.value = 'asc';
    }
    return restart();
  }

  function goToPage(next: number): Promise<void> {
    page.value = Math.min(Math.max(1, next), lastPage.value);
    return load();
  }

  function setPageSize(size: number): Promise<void> {
    pageSize.value = size;
    return restart();
  }

  /** Back to the first state, dropping any answer still on its way (sign-out, another group). */
  function reset() {
    searchAfterTyping.cancel();
    latestRequest++;
    page.value = 1;
    pageSize.value = initialPageSize;
    sortBy.value = options.sortBy;
    sortDir.value = initialSortDir;
    search.value = '';
    shownSearch.value = '';
    showNothing();
  }

  const stopListening = onDataChanged((domains) => {
    if (loaded.value && options.domains.some((domain) => domains.has(domain))) void load();
  });
  if (getCurrentScope()) onScopeDispose(stopListening);

  return {
    rows,
    total,
    page,
    pageSize,
    sortBy,
    sortDir,
    search,
    shownSearch,
    loading,
    loaded,
    lastPage,
    load,
    restart,
    setSearch,
    toggleSort,
    goToPage,
    setPageSize,
    reset,
  };
}

export type PagedList<Row, SortKey extends string> = ReturnType<typeof usePagedList<Row, SortKey>>;
