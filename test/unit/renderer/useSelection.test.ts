import { describe, expect, it } from 'vitest';
import { effectScope, shallowRef } from 'vue';
import { useSelection, type SelectionScope } from '../../../renderer/src/composables/useSelection';

const PLAIN = { toggle: false, extend: false };
const CTRL = { toggle: true, extend: false };
const SHIFT = { toggle: false, extend: true };
const CTRL_SHIFT = { toggle: true, extend: true };

function arrange(scope: SelectionScope = 'acrossPages', keys = [1, 2, 3, 4, 5]) {
  const visible = shallowRef<number[]>(keys);
  const selection = effectScope().run(() => useSelection(() => visible.value, scope))!;
  return { visible, selection, selected: () => selection.keys().sort((a, b) => a - b) };
}

describe('useSelection, as Explorer selects', () => {
  it('a click replaces the selection with the clicked row', () => {
    const { selection, selected } = arrange();
    selection.click(2, PLAIN);
    selection.click(4, PLAIN);
    expect(selected()).toEqual([4]);
  });

  it('Ctrl/Cmd-click toggles one row and keeps the others', () => {
    const { selection, selected } = arrange();
    selection.click(2, PLAIN);
    selection.click(4, CTRL);
    expect(selected()).toEqual([2, 4]);
    selection.click(2, CTRL);
    expect(selected()).toEqual([4]);
  });

  it('Shift-click selects from the anchor to the row, in screen order, in either direction', () => {
    const { selection, selected } = arrange('acrossPages', [5, 3, 1, 4, 2]);
    selection.click(3, PLAIN);
    selection.click(4, SHIFT);
    expect(selected()).toEqual([1, 3, 4]);
    // The anchor stays on 3: extending the other way replaces the range.
    selection.click(5, SHIFT);
    expect(selected()).toEqual([3, 5]);
  });

  it('Ctrl+Shift-click adds the range to what was selected', () => {
    const { selection, selected } = arrange();
    selection.click(1, PLAIN);
    selection.click(4, CTRL);
    selection.click(5, CTRL_SHIFT);
    expect(selected()).toEqual([1, 4, 5]);
  });

  it('a checkbox toggles, and Shift on a checkbox adds the range', () => {
    const { selection, selected } = arrange();
    selection.check(1, false);
    selection.check(3, true);
    expect(selected()).toEqual([1, 2, 3]);
    selection.check(2, false);
    expect(selected()).toEqual([1, 3]);
  });

  it('Shift with no anchor on screen acts like a plain click', () => {
    const { selection, selected } = arrange();
    selection.click(3, SHIFT);
    expect(selected()).toEqual([3]);
  });

  it('Ctrl+A selects every visible row; the header state follows', () => {
    const { selection } = arrange();
    expect(selection.pageState.value).toBe('none');
    selection.click(2, PLAIN);
    expect(selection.pageState.value).toBe('some');
    selection.selectVisible();
    expect(selection.count.value).toBe(5);
    expect(selection.pageState.value).toBe('all');
    selection.selectVisible(false);
    expect(selection.count.value).toBe(0);
  });

  it('across pages: the selection survives a page change and counts what is out of sight', () => {
    const { visible, selection, selected } = arrange('acrossPages');
    selection.selectVisible();
    visible.value = [6, 7, 8];
    selection.click(7, CTRL);
    expect(selected()).toEqual([1, 2, 3, 4, 5, 7]);
    expect(selection.hiddenCount.value).toBe(5);
    expect(selection.pageState.value).toBe('some');
    selection.clear();
    expect(selection.count.value).toBe(0);
    expect(selection.hiddenCount.value).toBe(0);
  });

  it('scoped to the page: rows that leave the screen leave the selection', () => {
    const { visible, selection, selected } = arrange('page');
    selection.click(1, PLAIN);
    selection.click(2, CTRL);
    visible.value = [2, 3, 4];
    expect(selected()).toEqual([2]);
    expect(selection.hiddenCount.value).toBe(0);
  });

  it('forget drops removed rows without touching the rest', () => {
    const { selection, selected } = arrange();
    selection.replace([1, 2, 3]);
    selection.forget([2, 9]);
    expect(selected()).toEqual([1, 3]);
  });

  it('a change makes a new set, so rows comparing membership see it', () => {
    const { selection } = arrange();
    const before = selection.selected.value;
    selection.click(1, PLAIN);
    expect(selection.selected.value).not.toBe(before);
    expect(selection.isSelected(1)).toBe(true);
  });
});
