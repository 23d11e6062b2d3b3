import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { api } from '../../api';
import type { OrgUnitRow, OrgUnitTreeNode, OrgUnitUsage } from '../../../../shared/contract';
import { onDataChanged } from '../../composables/dataChanges';
import { SUCCESS, formFailure, reportError, type FormOutcome } from '../../stores/forms';
import { useNotificationsStore } from '../../stores/notifications';
import { useSessionStore } from '../session/sessionStore';

/** A row as the tree shows it: its depth and where it sits among its siblings, for aria-level/posinset. */
export interface VisibleUnit {
  unit: OrgUnitRow;
  level: number;
  position: number;
  siblings: number;
  expanded: boolean;
}

/** The key of the top level in `childIds`: the units `orgUnits.children(null)` returned. */
const TOP = 'top';
type LevelKey = number | typeof TOP;

/**
 * The tree loads one level at a time: the top level on open, a unit's children when it is expanded. After a
 * change every loaded level reloads, so expansion and selection survive.
 */
export const useOrgUnitsStore = defineStore('orgUnits', () => {
  const units = shallowRef(new Map<number, OrgUnitRow>());
  const childIds = shallowRef(new Map<LevelKey, number[]>());
  const expanded = ref(new Set<number>());
  const selectedId = ref<number | null>(null);
  const loading = ref(false);
  const loaded = ref(false);
  /** The whole tree for the pickers, fetched when a picker opens. */
  const treeNodes = shallowRef<OrgUnitTreeNode[]>([]);
  const levelRequests = new Map<LevelKey, number>();
  let requestCounter = 0;
  /** Whose view of the tree is loaded: a Local administrator sees only their units, so another operator starts afresh. */
  let loadedFor: number | null = null;

  function storeLevel(key: LevelKey, rows: readonly OrgUnitRow[]) {
    const nextUnits = new Map(units.value);
    for (const row of rows) nextUnits.set(row.id, row);
    const nextChildren = new Map(childIds.value);
    nextChildren.set(key, rows.map((row) => row.id));
    units.value = nextUnits;
    childIds.value = nextChildren;
  }

  /** Loads one level; a slower, older answer for the same level never overwrites a newer one. */
  async function loadLevel(key: LevelKey): Promise<void> {
    const request = ++requestCounter;
    levelRequests.set(key, request);
    const rows = await api.orgUnits.children({ parentId: key === TOP ? null : key });
    if (levelRequests.get(key) === request) storeLevel(key, rows);
  }

  async function open() {
    const operatorId = useSessionStore().operator?.id ?? null;
    if (loadedFor !== operatorId) reset();
    loadedFor = operatorId;
    if (loaded.value) return refresh();
    loading.value = true;
    try {
      await loadLevel(TOP);
      loaded.value = true;
    } catch (error) {
      reportError(error);
    } finally {
      loading.value = false;
    }
  }

  /** Reloads every level on screen; units that vanished drop out of expansion and selection. */
  async function refresh() {
    const levels: LevelKey[] = [TOP, ...expanded.value];
    try {
      await Promise.all(levels.map((key) => loadLevel(key).catch((error: unknown) => {
        if (key === TOP) throw error;
        // The unit was deleted meanwhile (not_found): it simply stops being expanded.
        expanded.value.delete(key);
      })));
    } catch (error) {
      reportError(error);
    }
    const reachable = new Set(visible.value.map((row) => row.unit.id));
    if (selectedId.value !== null && !reachable.has(selectedId.value)) selectedId.value = null;
  }

  onDataChanged((domains) => {
    if (loaded.value && (domains.has('orgUnits') || domains.has('users'))) void refresh();
  });

  const topIds = computed(() => childIds.value.get(TOP) ?? []);

  const visible = computed<VisibleUnit[]>(() => {
    const rows: VisibleUnit[] = [];
    const walk = (ids: readonly number[], level: number, seen: Set<number>) => {
      ids.forEach((id, index) => {
        const unit = units.value.get(id);
        if (!unit || seen.has(id)) return;
        const isOpen = expanded.value.has(id) && unit.childCount > 0;
        rows.push({ unit, level, position: index + 1, siblings: ids.length, expanded: isOpen });
        if (isOpen) walk(childIds.value.get(id) ?? [], level + 1, new Set([...seen, id]));
      });
    };
    walk(topIds.value, 1, new Set());
    return rows;
  });

  const selected = computed(() => (selectedId.value === null ? null : (units.value.get(selectedId.value) ?? null)));

  function select(id: number | null) {
    selectedId.value = id;
  }

  async function expand(id: number) {
    expanded.value.add(id);
    if (childIds.value.has(id)) return;
    try {
      await loadLevel(id);
    } catch (error) {
      expanded.value.delete(id);
      reportError(error);
    }
  }

  function collapse(id: number) {
    expanded.value.delete(id);
  }

  /** The unit's ancestors among the loaded units, nearest first; a shown unit has all of them loaded. */
  function ancestorsOf(id: number): OrgUnitRow[] {
    const chain: OrgUnitRow[] = [];
    const seen = new Set([id]);
    let parentId = units.value.get(id)?.parentId ?? null;
    while (parentId !== null && !seen.has(parentId)) {
      const parent = units.value.get(parentId);
      if (!parent) break;
      chain.push(parent);
      seen.add(parentId);
      parentId = parent.parentId;
    }
    return chain;
  }

  function pathOf(id: number): string {
    const unit = units.value.get(id);
    if (!unit) return '';
    return [...ancestorsOf(id).reverse(), unit].map((row) => row.name).join(' / ');
  }

  /** Whether `targetId` is the unit or lies below it, so the unit cannot move there. */
  function isInSubtree(unitId: number, targetId: number): boolean {
    return targetId === unitId || ancestorsOf(targetId).some((row) => row.id === unitId);
  }

  async function loadTree() {
    try {
      treeNodes.value = await api.orgUnits.tree({});
    } catch (error) {
      reportError(error);
    }
  }

  /** The ids above a unit, from the loaded levels or, for a unit not on screen yet, from the pickers' tree. */
  function ancestorIdsOf(id: number): number[] {
    const parents = new Map<number, number | null>(treeNodes.value.map((node) => [node.id, node.parentId]));
    for (const unit of units.value.values()) parents.set(unit.id, unit.parentId);
    const chain: number[] = [];
    let parentId = parents.get(id) ?? null;
    while (parentId !== null && !chain.includes(parentId)) {
      chain.push(parentId);
      parentId = parents.get(parentId) ?? null;
    }
    return chain;
  }

  /** Opens the levels down to the changed unit, so it stays on screen and selected where it went. */
  async function afterChange(parentIds: readonly (number | null)[], selectId: number | null) {
    for (const parentId of parentIds) {
      if (parentId === null) continue;
      for (const id of [parentId, ...ancestorIdsOf(parentId)]) expanded.value.add(id);
    }
    await refresh();
    if (selectId !== null) selectedId.value = selectId;
  }

  async function create(parentId: number | null, name: string): Promise<FormOutcome> {
    try {
      const unit = await api.orgUnits.create({ parentId, name });
      useNotificationsStore().notify(`Unit ${unit.name} added`, { kind: 'success' });
      await afterChange([parentId], unit.id);
      return SUCCESS;
    } catch (error) {
      return formFailure(error);
    }
  }

  async function rename(id: number, name: string): Promise<FormOutcome> {
    try {
      const unit = await api.orgUnits.rename({ id, name });
      useNotificationsStore().notify(`Unit renamed to ${unit.name}`, { kind: 'success' });
      await afterChange([], id);
      return SUCCESS;
    } catch (error) {
      return formFailure(error);
    }
  }

  async function setHidden(unit: OrgUnitRow, hidden: boolean) {
    try {
      await api.orgUnits.setHidden({ id: unit.id, hidden });
      useNotificationsStore().notify(`${unit.name} is ${hidden ? 'hidden' : 'shown again'}`, { kind: 'success' });
      await afterChange([], unit.id);
    } catch (error) {
      reportError(error);
    }
  }

  async function move(id: number, parentId: number | null): Promise<FormOutcome> {
    try {
      const unit = await api.orgUnits.move({ id, parentId });
      const where = parentId === null ? 'the top level' : (units.value.get(parentId)?.name ?? 'its new parent');
      useNotificationsStore().notify(`Moved ${unit.name} to ${where}`, { kind: 'success' });
      await afterChange([parentId], id);
      return SUCCESS;
    } catch (error) {
      return formFailure(error);
    }
  }

  async function usage(id: number): Promise<OrgUnitUsage | null> {
    try {
      return await api.orgUnits.usage({ id });
    } catch (error) {
      reportError(error);
      return null;
    }
  }

  async function remove(unit: OrgUnitRow, reassignTo: number | null): Promise<FormOutcome> {
    try {
      await api.orgUnits.delete(reassignTo === null ? { id: unit.id } : { id: unit.id, reassignTo });
      useNotificationsStore().notify(`Unit ${unit.name} deleted`, { kind: 'success' });
      const parent = unit.parentId !== null && units.value.has(unit.parentId) ? unit.parentId : null;
      await afterChange([], parent);
      return SUCCESS;
    } catch (error) {
      return formFailure(error);
    }
  }

  function reset() {
    units.value = new Map();
    childIds.value = new Map();
    expanded.value = new Set();
    selectedId.value = null;
    loaded.value = false;
    treeNodes.value = [];
  }

  return {
    units,
    visible,
    selected,
    selectedId,
    loading,
    loaded,
    treeNodes,
    open,
    select,
    expand,
    collapse,
    pathOf,
    isInSubtree,
    loadTree,
    create,
    rename,
    setHidden,
    move,
    usage,
    remove,
    reset,
  };
});
