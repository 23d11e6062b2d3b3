import { defineStore } from 'pinia';
import { ref, shallowRef, watch } from 'vue';
import { api } from '../../api';
import type { GroupRow } from '../../../../shared/contract';
import { usePagedList } from '../../composables/usePagedList';
import { reportError } from '../../stores/forms';
import { isAppError } from '../../../../shared/errors';
import { plural } from '../../lib/format';
import { useNotificationsStore } from '../../stores/notifications';
import { useMembersStore } from './membersStore';

export type DeleteOutcome = { kind: 'deleted' } | { kind: 'failed' } | { kind: 'main group'; message: string };

/** Every group in one answer (a few thousand at most): the list is virtualised, not paged. */
export const useGroupsStore = defineStore('groups', () => {
  const list = usePagedList<GroupRow, 'name'>({
    fetch: async ({ search }) => {
      const rows = await api.groups.list({ search });
      return { rows, total: rows.length };
    },
    sortBy: 'name',
    domains: ['groups', 'memberships'],
    onError: reportError,
  });
  const selectedGroupId = ref<number | null>(null);
  // Kept apart from the rows so the members pane keeps its group while a search hides it from the list.
  const selectedGroup = shallowRef<GroupRow | null>(null);

  watch(list.rows, (rows) => {
    const id = selectedGroupId.value;
    if (id === null) return;
    const fresh = rows.find((group) => group.id === id);
    if (fresh) selectedGroup.value = fresh;
    else if (list.shownSearch.value === '') selectGroup(null);
  });

  function selectGroup(groupId: number | null) {
    if (selectedGroupId.value === groupId) return;
    selectedGroupId.value = groupId;
    selectedGroup.value = groupId === null ? null : (list.rows.value.find((group) => group.id === groupId) ?? null);
    useMembersStore().showGroup();
  }

  /**
   * Deletes the group. When it is someone's main group main refuses, naming them, and the outcome carries
   * that message so the view can offer to reassign their main group first.
   */
  async function remove(group: GroupRow): Promise<DeleteOutcome> {
    try {
      await api.groups.delete({ id: group.id });
      if (selectedGroupId.value === group.id) selectGroup(null);
      useNotificationsStore().notify(`Group ${group.name} deleted`, { kind: 'success' });
      return { kind: 'deleted' };
    } catch (error) {
      if (isAppError(error) && error.code === 'conflict' && error.fields?.mainGroup !== undefined) {
        return { kind: 'main group', message: error.message };
      }
      reportError(error);
      return { kind: 'failed' };
    }
  }

  /** Every group that may be a main group, whatever the list's search shows now. */
  async function mainGroupChoices(exceptId: number): Promise<GroupRow[]> {
    try {
      return (await api.groups.list({})).filter((group) => group.id !== exceptId && !group.onlyAsExtra);
    } catch (error) {
      reportError(error);
      return [];
    }
  }

  /** Moves everyone whose main group this is onto another group, then deletes it. */
  async function reassignMainAndDelete(group: GroupRow, toGroupId: number): Promise<DeleteOutcome> {
    try {
      const moved = await api.memberships.reassignMain({ fromGroupId: group.id, toGroupId });
      useNotificationsStore().notify(`${plural(moved.changedUserIds.length, 'user')} moved to their new main group`, { kind: 'success' });
    } catch (error) {
      reportError(error);
      return { kind: 'failed' };
    }
    return remove(group);
  }

  function reset() {
    list.reset();
    selectedGroupId.value = null;
    selectedGroup.value = null;
  }

  return { list, selectedGroupId, selectedGroup, selectGroup, remove, reassignMainAndDelete, mainGroupChoices, reset };
});
