import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { effectScope } from 'vue';
import { announceDataChanged } from '../../../renderer/src/composables/dataChanges';
import { usePagedList, type ListRequest, type ListResult } from '../../../renderer/src/composables/usePagedList';

type SortKey = 'name' | 'age';

interface PendingFetch {
  request: ListRequest<SortKey>;
  resolve: (result: ListResult<string>) => void;
  reject: (error: unknown) => void;
}

/** A fake main process whose answers the test releases, in any order. */
function arrange(options: { isActive?: () => boolean } = {}) {
  const pending: PendingFetch[] = [];
  const errors: unknown[] = [];
  const scope = effectScope();
  const list = scope.run(() =>
    usePagedList<string, SortKey>({
      fetch: (request) => new Promise((resolve, reject) => pending.push({ request, resolve, reject })),
      sortBy: 'name',
      pageSize: 10,
      domains: ['users'],
      onError: (error) => errors.push(error),
      searchDebounceMs: 100,
      ...options,
    }),
  )!;
  const answer = async (index: number, rows: string[], total: number) => {
    pending[index]!.resolve({ rows, total });
    await vi.advanceTimersByTimeAsync(0);
  };
  return { list, pending, errors, answer, scope };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('usePagedList', () => {
  it('asks for the page, sort and trimmed search, and shows what comes back', async () => {
    const { list, pending, answer } = arrange();
    void list.load();
    expect(list.loading.value).toBe(true);
    expect(pending[0]!.request).toEqual({ page: 1, pageSize: 10, sortBy: 'name', sortDir: 'asc', search: '' });
    await answer(0, ['a', 'b'], 2);
    expect(list.rows.value).toEqual(['a', 'b']);
    expect(list.total.value).toBe(2);
    expect(list.loaded.value).toBe(true);
    expect(list.loading.value).toBe(false);
  });

  it('debounces typing into one request for the last text, from page 1', async () => {
    const { list, pending } = arrange();
    void list.goToPage(1);
    pending.length = 0;
    list.page.value = 3;
    list.setSearch('a');
    list.setSearch('an');
    list.setSearch(' ann ');
    await vi.advanceTimersByTimeAsync(99);
    expect(pending).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(pending).toHaveLength(1);
    expect(pending[0]!.request).toMatchObject({ search: 'ann', page: 1 });
  });

  it('drops a slow answer that a newer request overtook', async () => {
    const { list, pending, answer } = arrange();
    list.setSearch('ab');
    await vi.advanceTimersByTimeAsync(100);
    list.setSearch('abc');
    await vi.advanceTimersByTimeAsync(100);
    expect(pending.map((fetch) => fetch.request.search)).toEqual(['ab', 'abc']);
    await answer(1, ['abc-row'], 1);
    await answer(0, ['ab-row', 'abx-row'], 2);
    expect(list.rows.value).toEqual(['abc-row']);
    expect(list.shownSearch.value).toBe('abc');
    expect(list.loading.value).toBe(false);
  });

  it('reports only the latest request failing', async () => {
    const { list, pending, errors, answer } = arrange();
    void list.load();
    void list.load();
    pending[0]!.reject(new Error('old'));
    await answer(1, ['x'], 1);
    expect(errors).toEqual([]);
    void list.load();
    pending[2]!.reject(new Error('new'));
    await vi.advanceTimersByTimeAsync(0);
    expect(errors).toEqual([new Error('new')]);
  });

  it('steps back to the new last page when its page was emptied', async () => {
    const { list, pending, answer } = arrange();
    void list.load();
    await answer(0, ['r'], 31);
    void list.goToPage(4);
    const emptied = pending.length - 1;
    expect(pending[emptied]!.request.page).toBe(4);
    await answer(emptied, [], 25);
    expect(pending[emptied + 1]!.request.page).toBe(3);
    await answer(emptied + 1, ['r21', 'r22', 'r23', 'r24', 'r25'], 25);
    expect(list.page.value).toBe(3);
    expect(list.rows.value).toHaveLength(5);
  });

  it('sorting toggles the direction on the same key and starts again from page 1', async () => {
    const { list, pending, answer } = arrange();
    void list.load();
    await answer(0, ['r'], 100);
    void list.goToPage(5);
    void list.toggleSort('name');
    expect(pending.at(-1)!.request).toMatchObject({ sortBy: 'name', sortDir: 'desc', page: 1 });
    void list.toggleSort('age');
    expect(pending.at(-1)!.request).toMatchObject({ sortBy: 'age', sortDir: 'asc', page: 1 });
  });

  it('reloads on a change to a domain it shows, once it has loaded, and ignores the rest', async () => {
    const { list, pending, answer } = arrange();
    announceDataChanged(['users']);
    expect(pending).toHaveLength(0);
    void list.load();
    await answer(0, ['a'], 1);
    announceDataChanged(['groups', 'audit']);
    expect(pending).toHaveLength(1);
    announceDataChanged(['groups', 'users']);
    expect(pending).toHaveLength(2);
  });

  it('stops listening when its store is disposed', async () => {
    const { list, pending, answer, scope } = arrange();
    void list.load();
    await answer(0, ['a'], 1);
    scope.stop();
    announceDataChanged(['users']);
    expect(pending).toHaveLength(1);
  });

  it('shows nothing and asks nothing while inactive', async () => {
    let active = false;
    const { list, pending, answer } = arrange({ isActive: () => active });
    await list.load();
    expect(pending).toHaveLength(0);
    expect(list.rows.value).toEqual([]);
    active = true;
    void list.load();
    await answer(0, ['m'], 1);
    expect(list.rows.value).toEqual(['m']);
  });

  it('reset drops an answer still on its way and the pending search', async () => {
    const { list, pending, answer } = arrange();
    void list.load();
    list.setSearch('zed');
    list.reset();
    await answer(0, ['late'], 1);
    await vi.advanceTimersByTimeAsync(500);
    expect(pending).toHaveLength(1);
    expect(list.rows.value).toEqual([]);
    expect(list.search.value).toBe('');
    expect(list.loaded.value).toBe(false);
  });
});
