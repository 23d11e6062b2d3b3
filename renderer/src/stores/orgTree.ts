import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { api } from '../api';
import type { OrgUnitTreeNode } from '../../../shared/contract';
import { OrgTree } from '../../../shared/domain/orgTree';
import { onDataChanged } from '../composables/dataChanges';
import { reportError } from './forms';

/**
 * The workspace's org tree as flat nodes, for pickers (a user's department, a group's units). Loaded on first
 * use and reloaded when units change.
 */
export const useOrgTreeStore = defineStore('orgTree', () => {
  const units = ref<OrgUnitTreeNode[]>([]);
  const loaded = ref(false);
  /**
   * Every unit named by its path, for the pickers. Worked out once per tree rather than per picker, so a
   * form with two pickers over 2,000 units opens without walking the tree twice.
   */
  const pathItems = computed(() => {
    // OrgTree names a unit by its path and stops at a cycle in a damaged tree.
    const tree = new OrgTree(units.value);
    return units.value.map((unit) => ({ value: unit.id, title: tree.pathOf(unit.id) + (unit.hidden ? ' (hidden)' : '') }));
  });
  let loading: Promise<void> | null = null;

  async function load(): Promise<void> {
    loading ??= api.orgUnits
      .tree({})
      .then((nodes) => {
        units.value = nodes;
        loaded.value = true;
      })
      .catch(reportError)
      .finally(() => {
        loading = null;
      });
    return loading;
  }

  async function ensureLoaded(): Promise<void> {
    if (!loaded.value) await load();
  }

  onDataChanged((domains) => {
    if (loaded.value && domains.has('orgUnits')) void load();
  });

  function reset() {
    units.value = [];
    loaded.value = false;
  }

  return { units, pathItems, loaded, load, ensureLoaded, reset };
});
