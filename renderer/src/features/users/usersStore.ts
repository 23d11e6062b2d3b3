import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api } from '../../api';
import type { BulkUserResult, UserCreateInput, UserRow, UserSortKey, UserUpdateInput } from '../../../../shared/contract';
import type { UserStatus } from '../../../../shared/domain/users';
import type { Subject } from '../../../../shared/domain/subjectRules';
import { plural } from '../../lib/format';
import { usePagedList } from '../../composables/usePagedList';
import { useSelection } from '../../composables/useSelection';
import { SUCCESS, formFailure, reportError, type FormOutcome } from '../../stores/forms';
import { useNotificationsStore } from '../../stores/notifications';

export type StatusFilter = 'all' | UserStatus;

/** How a user is named in a refusal. */
export function asSubject(user: UserRow): Subject {
  return {
    id: user.id,
    platformRole: user.platformRole,
    status: user.status,
    label: `${user.firstName} ${user.lastName} (${user.username})`,
    departmentId: user.departmentId,
  };
}

function bulkMessage(result: BulkUserResult, verb: string): string {
  const skipped = result.skipped > 0 ? `, ${plural(result.skipped, 'user')} unchanged` : '';
  return `${plural(result.changed, 'user')} ${verb}${skipped}`;
}

/**
 * Changes do not reload the list themselves: the main process pushes `data.changed` after every change,
 * and the list reloads once, in this window and any other.
 */
export const useUsersStore = defineStore('users', () => {
  const statusFilter = ref<StatusFilter>('all');
  const showDeactivated = ref(false);
  // The rows on screen and the selected rows from other pages, so a selection spanning pages can still be
  // checked against the rules; kept to those, it stays small however far the operator pages.
  const seen = new Map<number, UserRow>();

  const list = usePagedList<UserRow, UserSortKey>({
    fetch: async (request) => {
      const page = await api.users.list({
        ...request,
        statuses: statusFilter.value === 'all' ? [] : [statusFilter.value],
        showDeactivated: showDeactivated.value,
      });
      for (const id of seen.keys()) if (!selection.isSelected(id)) seen.delete(id);
      for (const row of page.rows) seen.set(row.id, row);
      return page;
    },
    sortBy: 'lastName',
    domains: ['users', 'memberships'],
    onError: reportError,
  });
  const selection = useSelection(() => list.rows.value.map((row) => row.id), 'acrossPages');

  function setStatusFilter(value: StatusFilter) {
    statusFilter.value = value;
    // Asking for deactivated users only makes sense with them shown.
    if (value === 'deactivated') showDeactivated.value = true;
    void list.restart();
  }

  function setShowDeactivated(value: boolean) {
    showDeactivated.value = value;
    if (!value && statusFilter.value === 'deactivated') statusFilter.value = 'all';
    void list.restart();
  }

  /** The users an action on this row applies to: the whole selection if the row is part of it. */
  function subjectsFor(user: UserRow): UserRow[] {
    if (!selection.isSelected(user.id)) return [user];
    return selection.keys().flatMap((id) => seen.get(id) ?? []);
  }

  async function create(input: UserCreateInput): Promise<FormOutcome> {
    try {
      const user = await api.users.create(input);
      useNotificationsStore().notify(`User ${user.username} added`, { kind: 'success' });
      return SUCCESS;
    } catch (error) {
      return formFailure(error);
    }
  }

  async function update(input: UserUpdateInput): Promise<FormOutcome> {
    try {
      const user = await api.users.update(input);
      useNotificationsStore().notify(`User ${user.username} saved`, { kind: 'success' });
      return SUCCESS;
    } catch (error) {
      return formFailure(error);
    }
  }

  async function setStatus(userIds: number[], status: 'active' | 'deactivated') {
    try {
      const result = await api.users.setStatus({ userIds, status });
      const verb = status === 'active' ? 'activated' : 'deactivated';
      useNotificationsStore().notify(bulkMessage(result, verb), { kind: 'success' });
    } catch (error) {
      reportError(error);
    }
  }

  async function remove(userIds: number[]) {
    try {
      const result = await api.users.delete({ userIds });
      selection.forget(result.changedUserIds);
      for (const id of result.changedUserIds) seen.delete(id);
      useNotificationsStore().notify(bulkMessage(result, 'deleted'), { kind: 'success' });
    } catch (error) {
      reportError(error);
    }
  }

  function reset() {
    list.reset();
    selection.clear();
    seen.clear();
    statusFilter.value = 'all';
    showDeactivated.value = false;
  }

  return {
    list,
    selection,
    statusFilter,
    showDeactivated,
    setStatusFilter,
    setShowDeactivated,
    subjectsFor,
    create,
    update,
    setStatus,
    remove,
    reset,
  };
});
