import { computed, shallowRef, watch } from 'vue';

/**
 * `page`: the selection never outlives the rows on screen (a new page, sort or search drops it).
 * `acrossPages`: it does, and the UI says how many are selected where the operator cannot see them.
 */
export type SelectionScope = 'page' | 'acrossPages';

export interface ClickModifiers {
  /** Ctrl on Windows and Linux, Cmd on macOS. */
  toggle: boolean;
  /** Shift. */
  extend: boolean;
}

export type PageSelectionState = 'none' | 'some' | 'all';

/** The modifiers of a mouse or keyboard event, the platform's way. */
export function clickModifiers(event: MouseEvent | KeyboardEvent): ClickModifiers {
  return { toggle: event.ctrlKey || event.metaKey, extend: event.shiftKey };
}

/**
 * Explorer-style selection over the keys on screen, in their order: a click replaces the selection,
 * Ctrl/Cmd toggles one, Shift extends from the anchor (the last plain or toggling click).
 */
export function useSelection<Key>(visibleKeys: () => readonly Key[], scope: SelectionScope) {
  // A new Set on every change: rows compare one boolean each, and no deep proxy is built.
  const selected = shallowRef<ReadonlySet<Key>>(new Set());
  const visible = computed(visibleKeys);
  let anchor: Key | null = null;

  const count = computed(() => selected.value.size);
  const visibleCount = computed(() => visible.value.reduce((sum, key) => (selected.value.has(key) ? sum + 1 : sum), 0));
  /** Selected rows the operator cannot see on this page. */
  const hiddenCount = computed(() => count.value - visibleCount.value);
  const pageState = computed<PageSelectionState>(() => {
    if (visibleCount.value === 0) return 'none';
    return visibleCount.value === visible.value.length ? 'all' : 'some';
  });

  function isSelected(key: Key): boolean {
    return selected.value.has(key);
  }

  function rangeTo(key: Key): Key[] | null {
    if (anchor === null) return null;
    const keys = visible.value;
    const from = keys.indexOf(anchor);
    const to = keys.indexOf(key);
    if (from < 0 || to < 0) return null;
    return keys.slice(Math.min(from, to), Math.max(from, to) + 1);
  }

  function click(key: Key, modifiers: ClickModifiers) {
    const range = modifiers.extend ? rangeTo(key) : null;
    if (range) {
      // The anchor stays put, so the next Shift-click measures from the same row.
      selected.value = modifiers.toggle ? new Set([...selected.value, ...range]) : new Set(range);
      return;
    }
    anchor = key;
    if (modifiers.toggle) {
      const next = new Set(selected.value);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      selected.value = next;
    } else {
      selected.value = new Set([key]);
    }
  }

  /** A row's checkbox: it toggles as Ctrl-click does, and Shift adds the range from the anchor. */
  function check(key: Key, extend: boolean) {
    click(key, { toggle: true, extend });
  }

  /** Ctrl+A and the header checkbox: every row on screen in or out, the other pages untouched. */
  function selectVisible(select = true) {
    const next = new Set(selected.value);
    for (const key of visible.value) {
      if (select) next.add(key);
      else next.delete(key);
    }
    selected.value = next;
  }

  function replace(keys: Iterable<Key>) {
    selected.value = new Set(keys);
  }

  function forget(keys: Iterable<Key>) {
    const next = new Set(selected.value);
    for (const key of keys) next.delete(key);
    if (next.size !== selected.value.size) selected.value = next;
  }

  function clear() {
    anchor = null;
    if (selected.value.size > 0) selected.value = new Set();
  }

  function keys(): Key[] {
    return [...selected.value];
  }

  if (scope === 'page') {
    watch(
      visible,
      (now) => {
        const onScreen = new Set(now);
        forget([...selected.value].filter((key) => !onScreen.has(key)));
      },
      { flush: 'sync' },
    );
  }

  return { selected, count, hiddenCount, pageState, isSelected, click, check, selectVisible, replace, forget, clear, keys };
}

export type Selection<Key> = ReturnType<typeof useSelection<Key>>;
