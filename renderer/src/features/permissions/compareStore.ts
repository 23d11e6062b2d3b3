import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { api } from '../../api';
import type { Comparison } from '../../../../shared/contract';
import { reportError } from '../../stores/forms';

export type CompareKind = 'users' | 'groups';

/** Two users or two groups side by side; the answer marks every setting that differs. */
export const useCompareStore = defineStore('compare', () => {
  const kind = ref<CompareKind>('users');
  const leftId = ref<number | null>(null);
  const rightId = ref<number | null>(null);
  const onlyDifferences = ref(false);
  const comparison = shallowRef<Comparison | null>(null);
  const loading = ref(false);
  let latest = 0;

  async function compare() {
    const request = ++latest;
    const [left, right] = [leftId.value, rightId.value];
    if (left === null || right === null) {
      comparison.value = null;
      return;
    }
    loading.value = true;
    try {
      const answer =
        kind.value === 'users'
          ? await api.permissions.compareUsers({ leftUserId: left, rightUserId: right })
          : await api.permissions.compareGroups({ leftGroupId: left, rightGroupId: right });
      if (request === latest) comparison.value = answer;
    } catch (error) {
      if (request === latest) reportError(error);
    } finally {
      if (request === latest) loading.value = false;
    }
  }

  function setKind(next: CompareKind) {
    if (next === kind.value) return;
    kind.value = next;
    leftId.value = null;
    rightId.value = null;
    comparison.value = null;
  }

  function reset() {
    latest++;
    setKind('users');
    onlyDifferences.value = false;
  }

  return { kind, leftId, rightId, onlyDifferences, comparison, loading, compare, setKind, reset };
});
