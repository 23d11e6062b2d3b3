import { computed, getCurrentScope, onScopeDispose, ref, shallowRef } from 'vue';
import type { DataDomain } from '../../../../shared/contract';
import { onDataChanged } from '../../composables/dataChanges';

export interface KeysetPage<Row> {
  rows: Row[];
  nextBefore: number | null;
  total: number;
  totalCapped: boolean;
}

export interface KeysetListOptions<Row> {
  fetch: (before: number | undefined) => Promise<KeysetPage<Row>>;
  domains: readonly DataDomain[];
  onError: (error: unknown) => void;
}

/**
 * A list paged by cursor, newest first, for logs too long to count or skip through: each page starts after the
 * last id of the one before, so page 20,000 costs what page 1 costs. Going back pops the cursors it came by.
 */
export function useKeysetList<Row>(options: KeysetListOptions<Row>) {
  const rows = shallowRef<readonly Row[]>([]);
  /** The cursor of each page shown so far; the last is the current page's (undefined: the newest page). */
  const cursors = ref<(number | undefined)[]>([undefined]);
  const nextBefore = ref<number | null>(null);
  const total = ref(0);
  const totalCapped = ref(false);
  const loading = ref(false);
  const loaded = ref(false);
  const pageIndex = computed(() => cursors.value.length - 1);
  let latest = 0;

  async function load(): Promise<void> {
    const request = ++latest;
    loading.value = true;
    try {
      const page = await options.fetch(cursors.value[cursors.value.length - 1]);
      if (request !== latest) return;
      rows.value = page.rows;
      nextBefore.value = page.nextBefore;
      total.value = page.total;
      totalCapped.value = page.totalCapped;
      loaded.value = true;
    } catch (error) {
      if (request === latest) options.onError(error);
    } finally {
      if (request === latest) loading.value = false;
    }
  }

  /** Back to the newest page: after a filter change the old cursors mean nothing. */
  function restart(): Promise<void> {
    cursors.value = [undefined];
    return load();
  }

  /** Opens the page that starts at entry `id` (verification's broken entry, say). */
  function openAt(id: number): Promise<void> {
    cursors.value = [undefined, id + 1];
    return load();
  }

  function older(): Promise<void> {
    if (nextBefore.value === null) return Promise.resolve();
    cursors.value = [...cursors.value, nextBefore.value];
    return load();
  }

  function newer(): Promise<void> {
    if (cursors.value.length <= 1) return Promise.resolve();
    cursors.value = cursors.value.slice(0, -1);
    return load();
  }

  function reset() {
    latest++;
    cursors.value = [undefined];
    rows.value = [];
    nextBefore.value = null;
    total.value = 0;
    totalCapped.value = false;
    loading.value = false;
    loaded.value = false;
  }

  const stop = onDataChanged((domains) => {
    if (loaded.value && options.domains.some((domain) => domains.has(domain))) void load();
  });
  if (getCurrentScope()) onScopeDispose(stop);

  return { rows, nextBefore, total, totalCapped, loading, loaded, pageIndex, load, restart, openAt, older, newer, reset };
}
