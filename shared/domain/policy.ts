/**
 * Who may call each contract method (DOMAIN.md "Who may call what"; deny by default). `dispatch` enforces
 * this table before any handler runs; the renderer uses the same functions to disable what the operator may
 * not do. The mapped type makes a method without a policy a compile error, and a test checks it at run time.
 */
import type { Method, ParsedInput } from '../contract';
import type { UserAction, Actor } from './subjectRules';
import { PLATFORM_ROLE_LABELS, hasPlatformRole, type PlatformRole } from './users';

export type Access =
  /** Callable signed out; the service itself decides (e.g. setup only while no operator exists). */
  | { who: 'anyone' }
  /** A signed-in operator holding at least this platform role. */
  | { who: 'operator'; minRole: PlatformRole };

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
const anyOperator: Access = { who: 'operator', minRole: 'provisioner' };
const userAdministrator: Access = { who: 'operator', minRole: 'user_admin' };
/** Groups, memberships and the audit trail: until workspace administrator permission exists (issue 6). */
const workspaceAdministrator: Access = userAdministrator;

export const POLICY: PolicyTable = {
  'session.status': { access: anyone, mutates: false },
  'session.setup': { access: anyone, mutates: true },
  'session.signIn': { access: anyone, mutates: false },
  'session.signOut': { access: anyone, mutates: false },
  'session.openDemo': { access: anyone, mutates: true },

  'users.list': { access: anyOperator, mutates: false },
  'users.get': { access: anyOperator, mutates: false },
  'users.create': { access: { who: 'operator', minRole: 'provisioner' }, mutates: true },
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

  'groups.list': { access: anyOperator, mutates: false },
  'groups.members': { access: anyOperator, mutates: false },
  'groups.create': { access: workspaceAdministrator, mutates: true },
  'groups.update': { access: workspaceAdministrator, mutates: true },
  'groups.delete': { access: workspaceAdministrator, mutates: true },
  'memberships.add': { access: workspaceAdministrator, mutates: true },
  'memberships.remove': { access: workspaceAdministrator, mutates: true },

  'audit.list': { access: userAdministrator, mutates: false },
  'audit.verify': { access: userAdministrator, mutates: false },
  'exports.start': { access: userAdministrator, mutates: false },
  'exports.cancel': { access: userAdministrator, mutates: false },
};

export interface MethodRefusal {
  code: 'unauthenticated' | 'forbidden';
  message: string;
}

/** Why the actor (null when signed out) may not call the method at all, or null when they may. */
export function methodRefusal(method: Method, actor: Pick<Actor, 'platformRole'> | null): MethodRefusal | null {
  const { access } = POLICY[method];
  if (access.who === 'anyone') return null;
  if (actor === null) return { code: 'unauthenticated', message: 'Sign in to continue' };
  if (!hasPlatformRole(actor.platformRole, access.minRole)) {
    return { code: 'forbidden', message: `This needs the ${PLATFORM_ROLE_LABELS[access.minRole]} role or higher` };
  }
  return null;
}

/** The renderer's form: the reason to show in a tooltip, or null when the operator may call the method. */
export function refuseMethod(method: Method, actor: Pick<Actor, 'platformRole'> | null): string | null {
  return methodRefusal(method, actor)?.message ?? null;
}
