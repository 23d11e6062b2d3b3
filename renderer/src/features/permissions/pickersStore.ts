import { defineStore } from 'pinia';
import { api } from '../../api';
import { reportError } from '../../stores/forms';

export interface PickerItem {
  value: number;
  title: string;
  subtitle?: string;
}

const SUGGESTIONS = 20;

/** Type-to-search for the user and group pickers of the permissions screens. */
export const usePermissionPickersStore = defineStore('permissionPickers', () => {
  async function searchUsers(search: string): Promise<PickerItem[]> {
    try {
      const page = await api.users.list({ search: search.trim(), pageSize: SUGGESTIONS, sortBy: 'lastName' });
      return page.rows.map((user) => ({
        value: user.id,
        title: `${user.firstName} ${user.lastName}`.trim() || user.username,
        subtitle: user.username,
      }));
    } catch (error) {
      reportError(error);
      return [];
    }
  }

  async function searchGroups(search: string): Promise<PickerItem[]> {
    try {
      const groups = await api.groups.list({ search: search.trim() });
      return groups.slice(0, 50).map((group) => ({ value: group.id, title: group.name }));
    } catch (error) {
      reportError(error);
      return [];
    }
  }

  return { searchUsers, searchGroups };
});
