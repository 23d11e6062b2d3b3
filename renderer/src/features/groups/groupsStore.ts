import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { api } from '../api';
import type {
  GroupCreateInput,
  GroupRow,
  GroupUpdateInput,
  MembershipsAdded,
  MembershipsRemoved,
  SortDirection,
  UserRow,
  UserSortKey,
} from '../../../shared/contract';
import { DEFAULT_PAGE_SIZE } from '../../../shared/domain/paging';
import { debounce } from '../lib/debounce';
import { formatCount } from '../lib/format';
import { SUCCESS, formFailure, reportError, type FormOutcome } from './forms';
import { useNotificationsStore } from './notifications';
import { SEARCH_DEBOUNCE_MS } from './users';

function addedMessage(result: MembershipsAdded): string {
  const parts = [`${formatCount(result.addedUserIds.length)} added to ${result.groupName}`];
  if (result.alreadyMembers > 0) {
    parts.push(`${formatCount(result.alreadyMembers)} already ${result.alreadyMembers === 1 ? 'a member' : 'members'}`);
  }
  if (result.skipped > 0) parts.push(`${formatCount(result.skipped)} skipped`);
  return parts.join(', ');
}

function removedMessage(result: MembershipsRemoved): string {
  const parts = [`${formatCount(result.removedUserIds.length)} removed from ${result.groupName}`];
  if (result.notMembers > 0) {
    parts.push(`${formatCount(result.notMembers)} not ${result.notMembers === 1 ? 'a member' : 'members'}`);
  }
  return parts.join(', ');
}

/** Like the users store, changes leave reloading to the `data.changed` event (stores/events.ts). */
export const useGroupsStore = defineStore('groups', () => {
  const groups = ref<GroupRow[]>([]);
  const search = ref('');
  const shownSearch = ref('');
  const loading = ref(false);
  const loaded = ref(false);
  const selectedGroupId = ref<number | null>(null);
  let latestGroupsRequest = 0;

  const selectedGroup = computed(() => groups.value.find((group) => group.id === selectedGroupId.value) ?? null);

  const members = ref<UserRow[]>([]);
  const membersTotal = ref(0);
  const membersPage = ref(1);
  const membersPageSize = ref<number>(DEFAULT_PAGE_SIZE);
  const membersSortBy = ref<UserSortKey>('lastName');
  const membersSortDir = ref<SortDirection>('asc');
  const membersSearch = ref('');
  const membersLoading = ref(false);
  const selectedMemberIds = ref<Set<number>>(new Set());
  let latestMembersRequest = 0;

  async function load() {
    const request = ++latestGroupsRequest;
    const searchText = search.value.trim();
    loading.value = true;
    try {
      const result = await api.groups.list({ search: searchText });
      if (request !== latestGroupsRequest) return;
      groups.value = result;
      shownSearch.value = searchText;
      loaded.value = true;
    } catch (error) {
      if (request === latestGroupsRequest) reportError(error);
    } finally {
      if (request === latestGroupsRequest) loading.value = false;
    }
  }

  const loadAfterTyping = debounce(() => void load(), SEARCH_DEBOUNCE_MS);

  function setSearch(text: string) {
    search.value = text;
    loadAfterTyping();
  }

  async function loadMembers() {
    const request = ++latestMembersRequest;
    const groupId = selectedGroupId.value;
    if (groupId === null) {
      members.value = [];
      membersTotal.value = 0;
      membersLoading.value = false;
      return;
    }
    membersLoading.value = true;
    try {
      const result = await api.groups.members({
        groupId,
        page: membersPage.value,
        pageSize: membersPageSize.value,
        sortBy: membersSortBy.value,
        sortDir: membersSortDir.value,
        search: membersSearch.value.trim(),
        showDeactivated: true,
      });
      if (request !== latestMembersRequest) return;
      if (result.rows.length === 0 && result.total > 0 && membersPage.value > 1) {
        membersPage.value = Math.max(1, Math.ceil(result.total / membersPageSize.value));
        await loadMembers();
        return;
      }
      members.value = result.rows;
      membersTotal.value = result.total;
    } catch (error) {
      if (request === latestMembersRequest) reportError(error);
    } finally {
      if (request === latestMembersRequest) membersLoading.value = false;
    }
  }

  const loadMembersAfterTyping = debounce(() => {
    membersPage.value = 1;
    void loadMembers();
  }, SEARCH_DEBOUNCE_MS);

  function setMembersSearch(text: string) {
    membersSearch.value = text;
    loadMembersAfterTyping();
  }

  function selectGroup(groupId: number | null) {
    if (selectedGroupId.value === groupId) return;
    selectedGroupId.value = groupId;
    membersPage.value = 1;
    membersSearch.value = '';
    selectedMemberIds.value = new Set();
    members.value = [];
    membersTotal.value = 0;
    void loadMembers();
  }

  function toggleMembersSort(key: UserSortKey) {
    if (membersSortBy.value === key) {
      membersSortDir.value = membersSortDir.value === 'asc' ? 'desc' : 'asc';
    } else {
      membersSortBy.value = key;
      membersSortDir.value = 'asc';
    }
    membersPage.value = 1;
    void loadMembers();
  }

  function goToMembersPage(next: number) {
    membersPage.value = next;
    void loadMembers();
  }

  function toggleMember(userId: number) {
    const next = new Set(selectedMemberIds.value);
    if (next.has(userId)) next.delete(userId);
    else next.add(userId);
    selectedMemberIds.value = next;
  }

  function selectMembersPage(select: boolean) {
    const next = new Set(selectedMemberIds.value);
    for (const member of members.value) {
      if (select) next.add(member.id);
      else next.delete(member.id);
    }
    selectedMemberIds.value = next;
  }

  function clearMemberSelection() {
    selectedMemberIds.value = new Set();
  }

  async function addUsers(groupId: number, userIds: number[]) {
    if (userIds.length === 0) return;
    try {
      const result = await api.memberships.add({ groupId, userIds });
      const added = result.addedUserIds;
      useNotificationsStore().notify(addedMessage(result), {
        kind: 'success',
        ...(added.length > 0 ? { undo: () => removeUsers(result.groupId, added, false) } : {}),
      });
    } catch (error) {
      reportError(error);
    }
  }

  async function removeUsers(groupId: number, userIds: number[], undoable = true) {
    if (userIds.length === 0) return;
    try {
      const result = await api.memberships.remove({ groupId, userIds });
      const removed = result.removedUserIds;
      const removedSet = new Set(removed);
      selectedMemberIds.value = new Set([...selectedMemberIds.value].filter((id) => !removedSet.has(id)));
      useNotificationsStore().notify(removedMessage(result), {
        kind: 'success',
        ...(undoable && removed.length > 0 ? { undo: () => addUsers(result.groupId, removed) } : {}),
      });
    } catch (error) {
      reportError(error);
    }
  }

  async function create(input: GroupCreateInput): Promise<FormOutcome> {
    try {
      const group = await api.groups.create(input);
      useNotificationsStore().notify(`Group ${group.name} created`, { kind: 'success' });
      selectGroup(group.id);
      return SUCCESS;
    } catch (error) {
      return formFailure(error);
    }
  }

  async function update(input: GroupUpdateInput): Promise<FormOutcome> {
    try {
      const group = await api.groups.update(input);
      useNotificationsStore().notify(`Group ${group.name} saved`, { kind: 'success' });
      return SUCCESS;
    } catch (error) {
      return formFailure(error);
    }
  }

  async function remove(group: GroupRow) {
    try {
      await api.groups.delete({ id: group.id });
      if (selectedGroupId.value === group.id) selectGroup(null);
      useNotificationsStore().notify(`Group ${group.name} deleted`, { kind: 'success' });
    } catch (error) {
      reportError(error);
    }
  }

  function reset() {
    loadAfterTyping.cancel();
    loadMembersAfterTyping.cancel();
    latestGroupsRequest++;
    latestMembersRequest++;
    groups.value = [];
    search.value = '';
    shownSearch.value = '';
    loaded.value = false;
    loading.value = false;
    selectedGroupId.value = null;
    members.value = [];
    membersTotal.value = 0;
    membersPage.value = 1;
    membersSearch.value = '';
    membersLoading.value = false;
    selectedMemberIds.value = new Set();
  }

  return {
    groups,
    search,
    shownSearch,
    loading,
    loaded,
    selectedGroupId,
    selectedGroup,
    members,
    membersTotal,
    membersPage,
    membersPageSize,
    membersSortBy,
    membersSortDir,
    membersSearch,
    membersLoading,
    selectedMemberIds,
    load,
    setSearch,
    loadMembers,
    setMembersSearch,
    selectGroup,
    toggleMembersSort,
    goToMembersPage,
    toggleMember,
    selectMembersPage,
    clearMemberSelection,
    addUsers,
    removeUsers,
    create,
    update,
    remove,
    reset,
  };
});
