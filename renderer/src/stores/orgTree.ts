import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api } from '../api';
import type { OrgUnitTreeNode } from '../../../shared/contract';
import { onDataChanged } from '../composables/dataChanges';
import { reportError } from './forms';

/**
 * The workspace's org tree as flat nodes, for pickers (a user's department, a group's units). Loaded on first
 * use and reloaded when units change.
 */
export const useOrgTreeStore = defineStore('orgTree', () => {
  const units = ref<OrgUnitTreeNode[]>([]);
  const loaded = ref(false);
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

  return { units, loaded, load, ensureLoaded, reset };
});
