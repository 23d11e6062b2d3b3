import { defineStore } from 'pinia';
import { api } from '../../api';
import type { MembershipsAdded, MembershipsRemoved, UserRow, UserSortKey } from '../../../../shared/contract';
import { isAppError } from '../../../../shared/errors';
import { formatCount } from '../../lib/format';
import { usePagedList } from '../../composables/usePagedList';
import { useSelection } from '../../composables/useSelection';
import { reportError } from '../../stores/forms';
import { useNotificationsStore } from '../../stores/notifications';
import { useGroupsStore } from './groupsStore';

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

/** The members of the selected group, and the membership changes (add, remove, undo). */
export const useMembersStore = defineStore('members', () => {
  const groups = useGroupsStore();

  const list = usePagedList<UserRow, UserSortKey>({
    fetch: (request) => {
      const groupId = groups.selectedGroupId;
      if (groupId === null) return Promise.resolve({ rows: [], total: 0 });
      return api.groups.members({ ...request, groupId, showDeactivated: true });
    },
    isActive: () => groups.selectedGroupId !== null,
    sortBy: 'lastName',
    domains: ['users', 'groups', 'memberships'],
    onError: (error) => {
      // The group went away under us (deleted in another window): nothing to show, nothing to report.
      if (isAppError(error) && error.code === 'not_found') groups.selectGroup(null);
      else reportError(error);
    },
  });
  // Removing members is destructive: only rows the operator can see may be selected.
  const selection = useSelection(() => list.rows.value.map((row) => row.id), 'page');

  function showGroup() {
    list.reset();
    selection.clear();
    void list.load();
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
      selection.forget(removed);
      useNotificationsStore().notify(removedMessage(result), {
        kind: 'success',
        ...(undoable && removed.length > 0 ? { undo: () => addUsers(result.groupId, removed) } : {}),
      });
    } catch (error) {
      reportError(error);
    }
  }

  function reset() {
    list.reset();
    selection.clear();
  }

  return { list, selection, showGroup, addUsers, removeUsers, reset };
});
