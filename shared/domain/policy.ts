/**
 * Who may call each contract method (DOMAIN.md "Who may call what"; deny by default). `dispatch` enforces
 * this table before any handler runs; the renderer uses the same functions to disable what the operator may
 * not do. The mapped type makes a method without a policy a compile error, and a test checks it at run time.
 */
import type { Method, ParsedInput } from '../contract';
import type { UserAction, Actor } from './subjectRules';
import { BULK_SUBJECT_ACTION } from './bulkActions';
import { PLATFORM_ROLE_LABELS, hasPlatformRole, type PlatformRole } from './users';

export type Access =
  /** Callable signed out; the service itself decides (e.g. setup only while no operator exists). */
  | { who: 'anyone' }
  /** A signed-in operator holding at least this platform role. */
  | { who: 'operator'; minRole: PlatformRole }
  /**
   * Groups, grants, memberships and org units: a Super Administrator, or workspace administrator permission
   * Full, or Local (the services then keep the operator within their units).
   */
  | { who: 'workspaceAdministrator' }
  /** The audit trail and permission reports: User Administrator and up, or workspace administrator Full. */
  | { who: 'auditor' };

/** The users a method acts on, so the subject rules can be checked before the handler runs. */
export interface SubjectSelector<M extends Method> {
  action(input: ParsedInput<M>): UserAction;
  userIds(input: ParsedInput<M>): readonly number[];
}

export interface MethodPolicy<M extends Method> {
  access: Access;
  subjects?: SubjectSelector<M>;
  /** Changes the store: runs through the mutation runner and takes an optional `reason`. */
  mutates: boolean;
}

export type PolicyTable = { [M in Method]: MethodPolicy<M> };

const anyone: Access = { who: 'anyone' };
/** Anyone signed in: sign-in admits only a platform role or workspace administrator permission. */
const anyOperator: Access = { who: 'operator', minRole: 'none' };
const userAdministrator: Access = { who: 'operator', minRole: 'user_admin' };
const superAdministrator: Access = { who: 'operator', minRole: 'super_admin' };
const workspaceAdministrator: Access = { who: 'workspaceAdministrator' };
const auditor: Access = { who: 'auditor' };

export const POLICY: PolicyTable = {
  'session.status': { access: anyone, mutates: false },
  'session.setup': { access: anyone, mutates: true },
  'session.signIn': { access: anyone, mutates: false },
  'session.signOut': { access: anyone, mutates: false },
  'session.openDemo': { access: anyone, mutates: true },

  'users.list': { access: anyOperator, mutates: false },
  'users.get': { access: anyOperator, mutates: false },
  'users.create': { access: { who: 'operator', minRole: 'provisioner' }, mutates: true },
  'users.importOpen': { access: { who: 'operator', minRole: 'provisioner' }, mutates: false },
  'users.importPreview': { access: { who: 'operator', minRole: 'provisioner' }, mutates: false },
  'users.importApply': { access: { who: 'operator', minRole: 'provisioner' }, mutates: true },
  'users.importResults': { access: { who: 'operator', minRole: 'provisioner' }, mutates: false },
  'users.importCancel': { access: { who: 'operator', minRole: 'provisioner' }, mutates: false },
  'users.update': {
    access: userAdministrator,
    mutates: true,
    subjects: { action: () => 'edit', userIds: (input) => [input.id] },
  },
  'users.setStatus': {
    access: userAdministrator,
    mutates: true,
    subjects: {
      action: (input) => (input.status === 'active' ? 'activate' : 'deactivate'),
      userIds: (input) => input.userIds,
    },
  },
  'users.delete': {
    access: userAdministrator,
    mutates: true,
    subjects: { action: () => 'delete', userIds: (input) => input.userIds },
  },
  'users.listDeleted': { access: userAdministrator, mutates: false },
  'users.restore': {
    access: userAdministrator,
    mutates: true,
    subjects: { action: () => 'restore', userIds: (input) => input.userIds },
  },
  'users.anonymise': {
    access: userAdministrator,
    mutates: true,
    subjects: { action: () => 'anonymise', userIds: (input) => input.userIds },
  },
  // Everyone deleted at once, like the automatic setting it stands beside: a platform-wide decision.
  'users.anonymiseAllDeleted': { access: superAdministrator, mutates: true },
  // The preview reports refusals per user instead of throwing; apply refuses the whole call (bulkActions.ts).
  'users.bulkPreview': { access: userAdministrator, mutates: false },
  'users.bulkSaveResults': { access: userAdministrator, mutates: false },
  'users.bulkApply': {
    access: userAdministrator,
    mutates: true,
    subjects: { action: (input) => BULK_SUBJECT_ACTION[input.action.kind], userIds: (input) => input.userIds },
  },

  'groups.list': { access: anyOperator, mutates: false },
  'groups.get': { access: anyOperator, mutates: false },
  'groups.columns': { access: anyOperator, mutates: false },
  'groups.members': { access: anyOperator, mutates: false },
  'groups.create': { access: workspaceAdministrator, mutates: true },
  'groups.update': { access: workspaceAdministrator, mutates: true },
  'groups.delete': { access: workspaceAdministrator, mutates: true },
  'memberships.add': { access: workspaceAdministrator, mutates: true },
  'memberships.remove': { access: workspaceAdministrator, mutates: true },
  'memberships.ofUser': { access: anyOperator, mutates: false },
  'memberships.setMain': { access: workspaceAdministrator, mutates: true },
  'memberships.reassignMain': { access: workspaceAdministrator, mutates: true },
  'memberships.setEnd': { access: workspaceAdministrator, mutates: true },

  'orgUnits.tree': { access: anyOperator, mutates: false },
  'orgUnits.children': { access: anyOperator, mutates: false },
  'orgUnits.usage': { access: anyOperator, mutates: false },
  'orgUnits.create': { access: workspaceAdministrator, mutates: true },
  'orgUnits.rename': { access: workspaceAdministrator, mutates: true },
  'orgUnits.setHidden': { access: workspaceAdministrator, mutates: true },
  'orgUnits.move': { access: workspaceAdministrator, mutates: true },
  'orgUnits.delete': { access: workspaceAdministrator, mutates: true },

  'permissions.effective': { access: auditor, mutates: false },
  'permissions.whoHas': { access: auditor, mutates: false },
  'permissions.compareUsers': { access: auditor, mutates: false },
  'permissions.compareGroups': { access: auditor, mutates: false },
  'permissions.exportEffective': { access: auditor, mutates: false },
  'permissions.exportWhoHas': { access: auditor, mutates: false },
  'viewAs.start': {
    access: userAdministrator,
    mutates: true,
    subjects: { action: () => 'viewAs', userIds: (input) => [input.userId] },
  },
  'viewAs.end': { access: anyOperator, mutates: true },

  'audit.list': { access: auditor, mutates: false },
  'audit.get': { access: auditor, mutates: false },
  'audit.exportLog': { access: auditor, mutates: false },
  'audit.verify': { access: auditor, mutates: false },
  'audit.verifyWorkbook': { access: auditor, mutates: false },
  'exports.start': { access: auditor, mutates: false },
  'exports.cancel': { access: auditor, mutates: false },

  'settings.get': { access: anyOperator, mutates: false },
  'settings.update': { access: superAdministrator, mutates: true },

  'passwords.reset': { access: userAdministrator, mutates: true, subjects: { action: () => 'edit', userIds: (input) => [input.id] } },
  'passwords.setTemporary': { access: userAdministrator, mutates: true, subjects: { action: () => 'edit', userIds: (input) => [input.id] } },
  'passwords.resendActivation': { access: userAdministrator, mutates: true, subjects: { action: () => 'edit', userIds: (input) => [input.id] } },
  'users.deletePending': { access: userAdministrator, mutates: true, subjects: { action: () => 'delete', userIds: (input) => [input.id] } },
  'session.activate': { access: anyone, mutates: true },
  'session.lock': { access: anyOperator, mutates: false },
  'session.unlock': { access: anyOperator, mutates: false },
  'session.changePassword': { access: anyOperator, mutates: true },
};

export interface MethodRefusal {
  code: 'unauthenticated' | 'forbidden';
  message: string;
}

type PolicyActor = Pick<Actor, 'platformRole' | 'adminPermission'>;

/** Why the actor may not use what this access guards, or null when they may. */
function accessRefusal(access: Exclude<Access, { who: 'anyone' }>, actor: PolicyActor): string | null {
  switch (access.who) {
    case 'operator':
      return hasPlatformRole(actor.platformRole, access.minRole)
        ? null
        : `This needs the ${PLATFORM_ROLE_LABELS[access.minRole]} role or higher`;
    case 'workspaceAdministrator':
      return actor.platformRole === 'super_admin' || actor.adminPermission !== 'none'
        ? null
        : 'This needs workspace administrator permission (Full, or Local for your units) from one of your groups';
    case 'auditor':
      return hasPlatformRole(actor.platformRole, 'user_admin') || actor.adminPermission === 'full'
        ? null
        : 'This needs the User Administrator role or Full workspace administrator permission';
  }
}

/** Why the actor (null when signed out) may not call the method at all, or null when they may. */
export function methodRefusal(method: Method, actor: PolicyActor | null): MethodRefusal | null {
  const { access } = POLICY[method];
  if (access.who === 'anyone') return null;
  if (actor === null) return { code: 'unauthenticated', message: 'Sign in to continue' };
  const message = accessRefusal(access, actor);
  return message === null ? null : { code: 'forbidden', message };
}

/** The renderer's form: the reason to show in a tooltip, or null when the operator may call the method. */
export function refuseMethod(method: Method, actor: PolicyActor | null): string | null {
  return methodRefusal(method, actor)?.message ?? null;
}
