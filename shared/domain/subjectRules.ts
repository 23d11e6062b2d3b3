/**
 * Who may act on whom (DOMAIN.md "Authorization", subject rules). Pure: the main process enforces these, the
 * renderer uses the same functions to disable an action and say why.
 */
import { ADMIN_PERMISSION_LABELS, adminPermissionRank, type AdminPermission } from './permissionModel';
import { firstFewAndMore } from './text';
import { PLATFORM_ROLE_LABELS, platformRoleRank, type PlatformRole, type UserStatus } from './users';

export const USER_ACTIONS = ['edit', 'activate', 'deactivate', 'delete', 'changeRole', 'viewAs', 'restore', 'anonymise'] as const;
export type UserAction = (typeof USER_ACTIONS)[number];

/** The signed-in operator. */
export interface Actor {
  id: number;
  platformRole: PlatformRole;
  /** Workspace administrator permission from the operator's groups; a Super Administrator counts as Full. */
  adminPermission: AdminPermission;
  /**
   * A Local administrator's units (their subtrees included): they act only on users whose department is one
   * of them. null: not limited to units.
   */
  units: ReadonlySet<number> | null;
}

/** A user the operator wants to act on. */
export interface Subject {
  id: number;
  platformRole: PlatformRole;
  status: UserStatus;
  /** How the user is named in a refusal, e.g. "Ada Admin (ada)". */
  label: string;
  departmentId: number | null;
  /** A deleted user is no longer an active Super Administrator, whatever status they return to on restore. */
  deleted?: boolean;
  /** Needed only to view as the user. */
  adminPermission?: AdminPermission;
}

export interface Refusal {
  userId: number;
  label: string;
  reason: string;
}

const ACTION_VERBS: Record<UserAction, string> = {
  edit: 'edit',
  activate: 'activate',
  deactivate: 'deactivate',
  delete: 'delete',
  changeRole: 'change the platform role of',
  viewAs: 'view as',
  restore: 'restore',
  anonymise: 'anonymise',
};

/** Actions nobody may take on their own account. Editing your own name or email is allowed. */
const NEVER_ON_YOURSELF: ReadonlySet<UserAction> = new Set(['deactivate', 'delete', 'changeRole', 'viewAs', 'restore', 'anonymise']);

/** Actions that would take away the platform's last way in if applied to its last active Super Administrator. */
const LOCKS_OUT_LAST_SUPER_ADMIN: ReadonlySet<UserAction> = new Set(['deactivate', 'delete', 'changeRole', 'anonymise']);

function isActiveSuperAdmin(subject: Pick<Subject, 'platformRole' | 'status' | 'deleted'>): boolean {
  return subject.platformRole === 'super_admin' && subject.status === 'active' && subject.deleted !== true;
}

/**
 * Why the actor may not take the action on the subject, or null when they may.
 * `activeSuperAdminCount` is the number of active Super Administrators on the platform now.
 */
export function refuseUserAction(
  actor: Actor,
  subject: Subject,
  action: UserAction,
  activeSuperAdminCount: number,
): string | null {
  const verb = ACTION_VERBS[action];
  if (subject.id === actor.id) {
    return NEVER_ON_YOURSELF.has(action) ? `You cannot ${verb} your own account` : null;
  }
  if (LOCKS_OUT_LAST_SUPER_ADMIN.has(action) && isActiveSuperAdmin(subject) && activeSuperAdminCount <= 1) {
    return `${subject.label} is the last active Super Administrator; the platform would be locked out`;
  }
  if (actor.units !== null && (subject.departmentId === null || !actor.units.has(subject.departmentId))) {
    return `You can ${verb} only users in your units; ${subject.label} is not in one of them`;
  }
  if (action === 'viewAs') return refuseViewAs(actor, subject);
  if (actor.platformRole !== 'super_admin' && platformRoleRank(subject.platformRole) >= platformRoleRank(actor.platformRole)) {
    return `Only a Super Administrator can ${verb} ${subject.label}, who is a ${PLATFORM_ROLE_LABELS[subject.platformRole]}`;
  }
  return null;
}

/** View as needs strictly more privilege on both platform role and workspace administrator permission. */
function refuseViewAs(actor: Actor, subject: Subject): string | null {
  if (platformRoleRank(subject.platformRole) >= platformRoleRank(actor.platformRole)) {
    return `You can view as only users with a lower platform role; ${subject.label} is a ${PLATFORM_ROLE_LABELS[subject.platformRole]}`;
  }
  const subjectAdmin = subject.adminPermission ?? 'none';
  if (adminPermissionRank(subjectAdmin) >= adminPermissionRank(actor.adminPermission)) {
    return `You can view as only users with less workspace administrator permission; ${subject.label} has ${ADMIN_PERMISSION_LABELS[subjectAdmin]}`;
  }
  return null;
}

/**
 * Every subject the bulk action is refused for; the action applies only when this is empty, so one refused
 * subject refuses the whole action. Also refuses a bulk action that would leave no active Super Administrator
 * even though each subject alone would be allowed.
 */
export function refuseBulkUserAction(
  actor: Actor,
  subjects: readonly Subject[],
  action: UserAction,
  activeSuperAdminCount: number,
): Refusal[] {
  const refusals: Refusal[] = [];
  for (const subject of subjects) {
    const reason = refuseUserAction(actor, subject, action, activeSuperAdminCount);
    if (reason !== null) refusals.push({ userId: subject.id, label: subject.label, reason });
  }
  if (refusals.length === 0 && LOCKS_OUT_LAST_SUPER_ADMIN.has(action)) {
    const superAdminsAffected = subjects.filter(isActiveSuperAdmin);
    if (superAdminsAffected.length > 0 && superAdminsAffected.length >= activeSuperAdminCount) {
      for (const subject of superAdminsAffected) {
        refusals.push({
          userId: subject.id,
          label: subject.label,
          reason: `${subject.label} would leave the platform with no active Super Administrator`,
        });
      }
    }
  }
  return refusals;
}

/** One message naming who was refused and why: the first few, then how many more. */
export function describeRefusals(refusals: readonly Refusal[], shown = 3): string {
  const head = refusals.length === 1 ? 'Nothing was changed: ' : `Nothing was changed; refused for ${refusals.length} users: `;
  return head + firstFewAndMore(refusals.map((refusal) => refusal.reason), { shown, separator: '; ' });
}
