import { defineStore } from 'pinia';
import { api } from '../../api';
import type { DeletedUserRow } from '../../../../shared/contract';
import type { Subject } from '../../../../shared/domain/subjectRules';
import { plural } from '../../lib/format';
import { usePagedList } from '../../composables/usePagedList';
import { useSelection } from '../../composables/useSelection';
import { reportError } from '../../stores/forms';
import { useNotificationsStore } from '../../stores/notifications';

/** A deleted user as the subject rules see them: never an active Super Administrator any more. */
export function deletedSubject(user: DeletedUserRow): Subject {
  return {
    id: user.id,
    platformRole: user.platformRole,
    status: user.status,
    label: `${user.firstName} ${user.lastName} (${user.username})`,
    departmentId: user.departmentId,
    deleted: true,
  };
}

/** The Deleted users view: a paged, searchable list with restore and anonymise. */
export const useDeletedUsersStore = defineStore('deletedUsers', () => {
  // Selected rows from other pages too, so a confirmation can name whom it affects.
  const seen = new Map<number, DeletedUserRow>();
  const list = usePagedList<DeletedUserRow, 'deletedAt'>({
    fetch: async ({ page, pageSize, search }) => {
      const result = await api.users.listDeleted({ page, pageSize, search });
      for (const id of seen.keys()) if (!selection.isSelected(id)) seen.delete(id);
      for (const row of result.rows) seen.set(row.id, row);
      return result;
    },
    sortBy: 'deletedAt',
    sortDir: 'desc',
    domains: ['users'],
    onError: reportError,
  });
  const selection = useSelection(() => list.rows.value.map((row) => row.id), 'acrossPages');

  function selectedRows(): DeletedUserRow[] {
    return selection.keys().flatMap((id) => seen.get(id) ?? []);
  }

  function settled(ids: readonly number[]) {
    selection.forget(ids);
    for (const id of ids) seen.delete(id);
  }

  async function restore(users: readonly DeletedUserRow[]): Promise<void> {
    const ids = users.map((user) => user.id);
    try {
      const { restored } = await api.users.restore({ userIds: ids });
      settled(ids);
      useNotificationsStore().notify(`${plural(restored, 'user')} restored`, { kind: 'success' });
    } catch (error) {
      reportError(error);
    }
  }

  async function anonymise(users: readonly DeletedUserRow[]): Promise<void> {
    const ids = users.map((user) => user.id);
    try {
      const { anonymised } = await api.users.anonymise({ userIds: ids });
      settled(ids);
      useNotificationsStore().notify(`${plural(anonymised, 'user')} anonymised`, { kind: 'success' });
    } catch (error) {
      reportError(error);
    }
  }

  async function anonymiseAll(): Promise<void> {
    try {
      const { anonymised } = await api.users.anonymiseAllDeleted({});
      selection.clear();
      seen.clear();
      useNotificationsStore().notify(`${plural(anonymised, 'deleted user')} anonymised`, { kind: 'success' });
    } catch (error) {
      reportError(error);
    }
  }

  function reset() {
    list.reset();
    selection.clear();
    seen.clear();
  }

  return { list, selection, selectedRows, restore, anonymise, anonymiseAll, reset };
});
