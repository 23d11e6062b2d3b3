import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { api } from '../../api';
import type { DataDomain, EffectivePermissionsQuery, EffectivePermissionsView } from '../../../../shared/contract';
import type { Area } from '../../../../shared/domain/permissionModel';
import { onDataChanged } from '../../composables/dataChanges';
import { reportError } from '../../stores/forms';
import { useNotificationsStore } from '../../stores/notifications';
import { plural } from '../../lib/format';

/** Changes to any of these can change what a user may do. */
const PERMISSION_DOMAINS: readonly DataDomain[] = ['users', 'groups', 'memberships', 'orgUnits'];

/** What the effective-permissions matrix shows: one user's view, loaded whole for the chosen unit and areas. */
export function createEffectivePermissionsState() {
  const userId = ref<number | null>(null);
  const unitId = ref<number | null>(null);
  const areas = ref<Area[]>([]);
  const view = shallowRef<EffectivePermissionsView | null>(null);
  const loading = ref(false);
  let latest = 0;

  const query = computed<EffectivePermissionsQuery | null>(() =>
    userId.value === null
      ? null
      : {
          userId: userId.value,
          ...(unitId.value === null ? {} : { unitId: unitId.value }),
          ...(areas.value.length === 0 ? {} : { areas: areas.value }),
        },
  );

  async function load() {
    const request = ++latest;
    if (query.value === null) {
      view.value = null;
      loading.value = false;
      return;
    }
    loading.value = true;
    try {
      const loaded = await api.permissions.effective(query.value);
      if (request === latest) view.value = loaded;
    } catch (error) {
      if (request === latest) reportError(error);
    } finally {
      if (request === latest) loading.value = false;
    }
  }

  function show(user: number | null) {
    userId.value = user;
    void load();
  }

  function reset() {
    latest++;
    userId.value = null;
    unitId.value = null;
    areas.value = [];
    view.value = null;
    loading.value = false;
  }

  onDataChanged((domains) => {
    if (view.value && PERMISSION_DOMAINS.some((domain) => domains.has(domain))) void load();
  });

  return { userId, unitId, areas, view, loading, query, load, show, reset };
}

export const useEffectivePermissionsStore = defineStore('effectivePermissions', () => {
  const state = createEffectivePermissionsState();
  const exporting = ref(false);

  async function exportView() {
    if (state.query.value === null) return;
    exporting.value = true;
    try {
      const saved = await api.permissions.exportEffective(state.query.value);
      if (saved.fileName !== null) {
        useNotificationsStore().notify(`Saved ${saved.fileName} (${plural(saved.rows, 'row')})`, { kind: 'success' });
      }
    } catch (error) {
      reportError(error);
    } finally {
      exporting.value = false;
    }
  }

  return { ...state, exporting, exportView };
});
