import { api } from '../api';
import type { AppEvent } from '../../../shared/contract';
import { useAuditStore } from './audit';
import { useExportJobStore } from './exportJob';
import { useGroupsStore } from './groups';
import { useSessionStore } from './session';
import { useUsersStore } from './users';

/** Routes pushed events to the stores that own the affected lists. Returns the unsubscribe function. */
export function listenToMainProcess(): () => void {
  return api.onEvent((event: AppEvent) => {
    if (event.type === 'data.changed') {
      if (useSessionStore().screen !== 'main') return;
      const domains = new Set(event.domains);
      const users = useUsersStore();
      const groups = useGroupsStore();
      const audit = useAuditStore();
      if ((domains.has('users') || domains.has('memberships')) && users.loaded) void users.load();
      if (domains.has('groups') || domains.has('memberships')) {
        if (groups.loaded) void groups.load();
        if (groups.selectedGroupId !== null) void groups.loadMembers();
      } else if (domains.has('users') && groups.selectedGroupId !== null) {
        void groups.loadMembers();
      }
      if (domains.has('audit') && audit.loaded) void audit.load();
      return;
    }
    useExportJobStore().onEvent(event);
  });
}
