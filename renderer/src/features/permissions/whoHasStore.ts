import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { api } from '../../api';
import type { AccessTarget, WhoHasPage, WhoHasRow } from '../../../../shared/contract';
import type { Area, ReportPermission, WorkLevel } from '../../../../shared/domain/permissionModel';
import { usePagedList } from '../../composables/usePagedList';
import { plural } from '../../lib/format';
import { reportError } from '../../stores/forms';
import { useNotificationsStore } from '../../stores/notifications';

export type TargetKind = 'area' | 'report';

/** "Who has access here?": one unit and one area (or column, or report permission), every holder paged. */
export const useWhoHasStore = defineStore('whoHas', () => {
  const unitId = ref<number | null>(null);
  const kind = ref<TargetKind>('area');
  const area = ref<Area>('text');
  const columnId = ref<number | null>(null);
  const permission = ref<ReportPermission | null>(null);
  const level = ref<WorkLevel | null>(null);
  const columns = shallowRef<{ id: number; name: string }[]>([]);
  /** What the last answer said beyond its rows: the unit's path and how many hold each level. */
  const answer = shallowRef<Pick<WhoHasPage, 'unitPath' | 'levelCounts'> | null>(null);
  const exporting = ref(false);

  const target = computed<AccessTarget | null>(() => {
    if (kind.value === 'report') return permission.value === null ? null : { kind: 'report', permission: permission.value };
    return { kind: 'area', area: area.value, columnId: columnId.value };
  });
  const ready = computed(() => unitId.value !== null && target.value !== null);

  const list = usePagedList<WhoHasRow, 'name'>({
    fetch: async ({ page, pageSize }) => {
      if (unitId.value === null || target.value === null) return { rows: [], total: 0 };
      const result = await api.permissions.whoHas({
        unitId: unitId.value,
        target: target.value,
        page,
        pageSize,
        ...(level.value === null ? {} : { level: level.value }),
      });
      answer.value = { unitPath: result.unitPath, levelCounts: result.levelCounts };
      return result;
    },
    sortBy: 'name',
    domains: ['users', 'groups', 'memberships', 'orgUnits'],
    onError: reportError,
    isActive: () => ready.value,
  });

  async function loadColumns() {
    try {
      columns.value = await api.groups.columns({});
    } catch (error) {
      reportError(error);
    }
  }

  /** A new question: the level filter and page of the last one mean nothing here. */
  function ask() {
    level.value = null;
    if (!ready.value) answer.value = null;
    return list.restart();
  }

  function filterLevel(next: WorkLevel | null) {
    level.value = next;
    return list.restart();
  }

  async function exportAll() {
    if (unitId.value === null || target.value === null) return;
    exporting.value = true;
    try {
      const saved = await api.permissions.exportWhoHas({
        unitId: unitId.value,
        target: target.value,
        ...(level.value === null ? {} : { level: level.value }),
      });
      if (saved.fileName !== null) {
        useNotificationsStore().notify(`Saved ${saved.fileName} (${plural(saved.rows, 'user')})`, { kind: 'success' });
      }
    } catch (error) {
      reportError(error);
    } finally {
      exporting.value = false;
    }
  }

  function reset() {
    list.reset();
    unitId.value = null;
    kind.value = 'area';
    area.value = 'text';
    columnId.value = null;
    permission.value = null;
    level.value = null;
    answer.value = null;
  }

  return { unitId, kind, area, columnId, permission, level, columns, answer, exporting, ready, list, loadColumns, ask, filterLevel, exportAll, reset };
});
