import { defineStore } from 'pinia';
import { ref } from 'vue';

export type MainDestination = 'users-groups' | 'deleted-users' | 'org-units' | 'permissions' | 'audit' | 'settings';

/** Which group the full-page editor shows: an existing one, or a new one (blank or from a template). */
export type GroupEditorTarget = { groupId: number } | { groupId: null; templateKey: string | null };

/** Asked before leaving a page with unsaved changes; resolves to whether leaving is fine. */
export type LeaveGuard = () => Promise<boolean>;

/**
 * Where the operator is in the main window. A page with unsaved work registers a leave guard, and every
 * navigation asks it first.
 */
export const useNavigationStore = defineStore('navigation', () => {
  const destination = ref<MainDestination>('users-groups');
  const groupEditor = ref<GroupEditorTarget | null>(null);
  /** The user the permissions view opens on, when navigation came from a user. */
  const permissionsUserId = ref<number | null>(null);
  let leaveGuard: LeaveGuard | null = null;

  async function mayLeave(): Promise<boolean> {
    return leaveGuard ? leaveGuard() : true;
  }

  async function navigate(to: MainDestination): Promise<boolean> {
    if (!(await mayLeave())) return false;
    groupEditor.value = null;
    destination.value = to;
    return true;
  }

  async function openGroupEditor(target: GroupEditorTarget): Promise<boolean> {
    if (!(await mayLeave())) return false;
    groupEditor.value = target;
    return true;
  }

  async function closeGroupEditor(): Promise<boolean> {
    if (!(await mayLeave())) return false;
    groupEditor.value = null;
    return true;
  }

  async function showPermissionsOf(userId: number): Promise<boolean> {
    if (!(await mayLeave())) return false;
    permissionsUserId.value = userId;
    groupEditor.value = null;
    destination.value = 'permissions';
    return true;
  }

  function setLeaveGuard(guard: LeaveGuard | null) {
    leaveGuard = guard;
  }

  function reset() {
    destination.value = 'users-groups';
    groupEditor.value = null;
    permissionsUserId.value = null;
    leaveGuard = null;
  }

  return { destination, groupEditor, permissionsUserId, navigate, openGroupEditor, closeGroupEditor, showPermissionsOf, setLeaveGuard, reset };
});
