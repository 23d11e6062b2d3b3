import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api } from '../../api';
import type { GroupRow, UserMembership, UserRow } from '../../../../shared/contract';
import { onDataChanged } from '../../composables/dataChanges';
import { reportError } from '../../stores/forms';
import { useNotificationsStore } from '../../stores/notifications';

/** One user's "Member of": main and extra groups with their end dates, changed one action at a time. */
export const useMemberOfStore = defineStore('memberOf', () => {
  const user = ref<UserRow | null>(null);
  const memberships = ref<UserMembership[]>([]);
  const groups = ref<GroupRow[]>([]);
  const loading = ref(false);
  const busy = ref(false);

  async function load() {
    const shown = user.value;
    if (!shown) return;
    loading.value = true;
    try {
      const [ofUser, allGroups] = await Promise.all([api.memberships.ofUser({ userId: shown.id }), api.groups.list({})]);
      // A newer open() may have replaced the user while this was in flight.
      if (user.value?.id !== shown.id) return;
      memberships.value = ofUser;
      groups.value = allGroups;
    } catch (error) {
      reportError(error);
    } finally {
      loading.value = false;
    }
  }

  function open(next: UserRow) {
    user.value = next;
    memberships.value = [];
    void load();
  }

  function close() {
    user.value = null;
  }

  onDataChanged((domains) => {
    if (user.value && (domains.has('memberships') || domains.has('groups'))) void load();
  });

  /** Runs one change; true when it worked. Errors from main are shown as they are. */
  async function run(change: () => Promise<unknown>, done: string, undo?: () => Promise<unknown>): Promise<boolean> {
    busy.value = true;
    try {
      await change();
      useNotificationsStore().notify(done, { kind: 'success', ...(undo ? { undo: async () => void (await undo()) } : {}) });
      return true;
    } catch (error) {
      reportError(error);
      return false;
    } finally {
      busy.value = false;
    }
  }

  const who = () => user.value?.username ?? '';

  function makeMain(membership: UserMembership) {
    const userId = user.value?.id;
    if (userId === undefined) return Promise.resolve(false);
    return run(() => api.memberships.setMain({ groupId: membership.groupId, userIds: [userId] }), `${membership.groupName} is now ${who()}'s main group`);
  }

  function setEnd(membership: UserMembership, endsOn: string | null) {
    const userId = user.value?.id;
    if (userId === undefined) return Promise.resolve(false);
    const done = endsOn === null ? `${who()} stays in ${membership.groupName} with no end date` : `${who()} leaves ${membership.groupName} on ${endsOn}`;
    return run(() => api.memberships.setEnd({ groupId: membership.groupId, userId, endsOn }), done);
  }

  function remove(membership: UserMembership) {
    const userId = user.value?.id;
    if (userId === undefined) return Promise.resolve(false);
    const { groupId } = membership;
    return run(
      () => api.memberships.remove({ groupId, userIds: [userId] }),
      `${who()} removed from ${membership.groupName}`,
      () => api.memberships.add({ groupId, userIds: [userId] }),
    );
  }

  function add(group: GroupRow) {
    const userId = user.value?.id;
    if (userId === undefined) return Promise.resolve(false);
    return run(
      () => api.memberships.add({ groupId: group.id, userIds: [userId] }),
      `${who()} added to ${group.name}`,
      () => api.memberships.remove({ groupId: group.id, userIds: [userId] }),
    );
  }

  return { user, memberships, groups, loading, busy, open, close, makeMain, setEnd, remove, add };
});
