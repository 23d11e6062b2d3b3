/**
 * Every contract method × every operator (signed out and each platform role) × every kind of subject, on a
 * real store. The expectations are written here from DOMAIN.md "Authorization", independently of
 * shared/domain/policy.ts, so the table and the rules check each other.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { METHODS, type Method } from '../../shared/contract';
import { POLICY } from '../../shared/domain/policy';
import type { PlatformRole } from '../../shared/domain/users';
import { defaultGroupSettings, type AdminPermission } from '../../shared/domain/permissionModel';
import { insertOrgUnit } from '../../electron/db/repos/orgUnits';
import { backupTestStore, createTestCore, type TestCore } from '../support/core';
import { call, FIRST_ADMIN } from '../support/operators';
import { storeHash } from '../support/storeHash';

/**
 * Who is signed in: no one, an operator of each platform role without workspace administrator permission,
 * a User Provisioner made a Full workspace administrator by a group, and a User Administrator who is a
 * Local administrator of one unit (the "inside" unit every subject's department is in, except `outside`).
 */
type OperatorKind = 'signedOut' | 'provisioner' | 'user_admin' | 'super_admin' | 'full_admin' | 'local_admin';
const OPERATORS: OperatorKind[] = ['signedOut', 'provisioner', 'user_admin', 'super_admin', 'full_admin', 'local_admin'];
type SubjectKind = 'lower' | 'equal' | 'higher' | 'self' | 'lastSuperAdmin' | 'outside';
const SUBJECTS: SubjectKind[] = ['lower', 'equal', 'higher', 'self', 'lastSuperAdmin', 'outside'];

const RANK: Record<PlatformRole, number> = { none: 0, provisioner: 1, user_admin: 2, super_admin: 3 };
const ADMIN_RANK: Record<AdminPermission, number> = { none: 0, local: 1, full: 2 };

interface OperatorProfile {
  role: Exclude<PlatformRole, 'none'>;
  /** Workspace administrator permission; a Super Administrator counts as Full. */
  admin: AdminPermission;
}
const PROFILE: Record<Exclude<OperatorKind, 'signedOut'>, OperatorProfile> = {
  provisioner: { role: 'provisioner', admin: 'none' },
  user_admin: { role: 'user_admin', admin: 'none' },
  super_admin: { role: 'super_admin', admin: 'full' },
  full_admin: { role: 'provisioner', admin: 'full' },
  local_admin: { role: 'user_admin', admin: 'local' },
};

/** Who may call each method at all (DOMAIN.md "Who may call what"). */
type Requirement =
  | 'anyone'
  | 'operator'
  | { role: PlatformRole }
  /** A Super Administrator, or workspace administrator Full or Local. */
  | 'workspaceAdministrator'
  /** User Administrator and up, or workspace administrator Full. */
  | 'auditor';
const userAdmin = { role: 'user_admin' } as const;
const REQUIREMENT: Record<Method, Requirement> = {
  'session.status': 'anyone',
  'session.setup': 'anyone',
  'session.signIn': 'anyone',
  'session.signOut': 'anyone',
  'session.openDemo': 'anyone',
  'users.list': 'operator',
  'users.get': 'operator',
  'users.create': { role: 'provisioner' },
  'users.update': userAdmin,
  'users.setStatus': userAdmin,
  'users.delete': userAdmin,
  'users.listDeleted': userAdmin,
  'users.restore': userAdmin,
  'users.anonymise': userAdmin,
  'users.anonymiseAllDeleted': { role: 'super_admin' },
  'users.importOpen': { role: 'provisioner' },
  'users.importPreview': { role: 'provisioner' },
  'users.importApply': { role: 'provisioner' },
  'users.importResults': { role: 'provisioner' },
  'users.importCancel': { role: 'provisioner' },
  'users.bulkPreview': userAdmin,
  'users.bulkApply': userAdmin,
  'users.bulkSaveResults': userAdmin,
  'groups.list': 'operator',
  'groups.get': 'operator',
  'groups.columns': 'operator',
  'groups.members': 'operator',
  'groups.create': 'workspaceAdministrator',
  'groups.update': 'workspaceAdministrator',
  'groups.delete': 'workspaceAdministrator',
  'memberships.add': 'workspaceAdministrator',
  'memberships.remove': 'workspaceAdministrator',
  'memberships.ofUser': 'operator',
  'memberships.setMain': 'workspaceAdministrator',
  'memberships.reassignMain': 'workspaceAdministrator',
  'memberships.setEnd': 'workspaceAdministrator',
  'orgUnits.tree': 'operator',
  'orgUnits.children': 'operator',
  'orgUnits.usage': 'operator',
  'orgUnits.create': 'workspaceAdministrator',
  'orgUnits.rename': 'workspaceAdministrator',
  'orgUnits.setHidden': 'workspaceAdministrator',
  'orgUnits.move': 'workspaceAdministrator',
  'orgUnits.delete': 'workspaceAdministrator',
  'permissions.effective': 'auditor',
  'permissions.whoHas': 'auditor',
  'permissions.compareUsers': 'auditor',
  'permissions.compareGroups': 'auditor',
  'permissions.exportEffective': 'auditor',
  'permissions.exportWhoHas': 'auditor',
  'viewAs.start': userAdmin,
  'viewAs.end': 'operator',
  'audit.list': 'auditor',
  'audit.get': 'auditor',
  'audit.exportLog': 'auditor',
  'audit.verify': 'auditor',
  'audit.verifyWorkbook': 'auditor',
  'exports.start': 'auditor',
  'exports.cancel': 'auditor',
  'settings.get': 'operator',
  'settings.update': { role: 'super_admin' },
  'passwords.reset': userAdmin,
  'passwords.setTemporary': userAdmin,
  'passwords.resendActivation': userAdmin,
  'users.deletePending': userAdmin,
  'session.activate': 'anyone',
  'session.lock': 'operator',
  'session.unlock': 'operator',
  'session.changePassword': 'operator',
};

function meets(requirement: Requirement, profile: OperatorProfile): boolean {
  if (requirement === 'anyone' || requirement === 'operator') return true;
  if (requirement === 'workspaceAdministrator') return profile.role === 'super_admin' || profile.admin !== 'none';
  if (requirement === 'auditor') return RANK[profile.role] >= RANK.user_admin || profile.admin === 'full';
  return RANK[profile.role] >= RANK[requirement.role];
}

/** The action a call takes on its subject, for the methods that act on users. */
const SUBJECT_ACTION: Partial<Record<Method, 'edit' | 'deactivate' | 'delete' | 'viewAs' | 'restore' | 'anonymise'>> = {
  'users.update': 'edit',
  'users.setStatus': 'deactivate',
  'users.delete': 'delete',
  'users.restore': 'restore',
  'users.anonymise': 'anonymise',
  'users.bulkApply': 'deactivate',
  'viewAs.start': 'viewAs',
  'passwords.reset': 'edit',
  'passwords.setTemporary': 'edit',
  'passwords.resendActivation': 'edit',
  'users.deletePending': 'delete',
};

/** Methods whose service refuses the call for its own reason once the policy lets it through. */
const ALLOWED_BUT_REFUSED: Partial<Record<Method, string>> = {
  'session.setup': 'conflict',
  'session.openDemo': 'conflict',
  'session.signIn': 'unauthenticated',
  'exports.cancel': 'not_found',
  // The matrix's subjects sign in with SSO (and an operator is not their own password's administrator).
  'passwords.reset': 'conflict',
  'passwords.setTemporary': 'conflict',
  'passwords.resendActivation': 'conflict',
  'users.deletePending': 'conflict',
  'session.activate': 'unauthenticated',
  'session.unlock': 'conflict',
  'session.changePassword': 'validation',
  // The matrix's subjects are live users: only deleted ones can be anonymised.
  'users.anonymise': 'conflict',
  // No file was opened in this window: the import calls that name one find none.
  'users.importPreview': 'not_found',
  'users.importApply': 'not_found',
  'users.importResults': 'not_found',
  'users.importCancel': 'not_found',
  // A fresh session has applied no bulk action, so there are no results to save.
  'users.bulkSaveResults': 'not_found',
};

/**
 * A Local administrator manages and sees only what lies within their units. The matrix group sees every unit,
 * so it is not theirs to read or change; the org-unit calls all stay inside their unit.
 */
const LOCAL_ADMIN_REFUSED: ReadonlySet<Method> = new Set<Method>([
  'groups.get',
  'groups.members',
  'groups.create',
  'groups.update',
  'groups.delete',
  'memberships.add',
  'memberships.remove',
  'memberships.setMain',
  'memberships.reassignMain',
  'memberships.setEnd',
]);

/** Reads of one user, which a Local administrator may make only of users in their units. */
const LOCAL_ADMIN_READS_OF_A_USER: ReadonlySet<Method> = new Set<Method>(['users.get', 'memberships.ofUser']);

interface SubjectUser {
  id: number;
  role: PlatformRole;
  email: string;
}

interface Population {
  operatorId: number | null;
  subjects: Partial<Record<SubjectKind, SubjectUser>>;
  /** Everyone's main group; sees every unit, grants nothing. */
  groupId: number;
  /** Another group with no members. */
  otherGroupId: number;
  insideUnitId: number;
  /** Children of the inside unit: a leaf to change, and a sibling to move it under. */
  leafUnitId: number;
  siblingUnitId: number;
}

interface Template {
  file: string;
  population: Population;
}

const ROLE_BELOW: Record<Exclude<PlatformRole, 'none'>, PlatformRole> = {
  provisioner: 'none',
  user_admin: 'provisioner',
  super_admin: 'user_admin',
};
const ROLE_ABOVE: Record<Exclude<PlatformRole, 'none'>, PlatformRole | null> = {
  provisioner: 'user_admin',
  user_admin: 'super_admin',
  super_admin: null,
};

let counter = 0;
async function addUser(core: TestCore, role: PlatformRole, departmentId: number): Promise<SubjectUser> {
  counter += 1;
  const email = `matrix${counter}@example.com`;
  const user = await call(core, 'users.create', {
    username: `matrix${counter}`,
    firstName: 'Matrix',
    lastName: `User ${counter}`,
    email,
    platformRole: role,
    departmentId,
  });
  return { id: user.id, role, email };
}

/** Gives the user a group with this workspace administrator permission (Local: over the unit). */
async function grantAdministration(core: TestCore, userId: number, admin: AdminPermission, unitId: number) {
  const group = await call(core, 'groups.create', { name: `Administrators (${admin})` });
  const settings = { ...defaultGroupSettings(), adminPermission: admin, adminUnits: admin === 'local' ? [unitId] : [] };
  core.store.sqlite.prepare('update groups set settings = ? where id = ?').run(JSON.stringify(settings), group.id);
  await call(core, 'memberships.add', { groupId: group.id, userIds: [userId] });
}

/**
 * A store with the first Super Administrator (the platform's only active one, with no department), the
 * operator, and one user of each kind relative to the operator, all members of one group.
 */
async function buildTemplate(dir: string, operator: OperatorKind): Promise<Template> {
  const core = await createTestCore();
  const admin = await call(core, 'session.setup', FIRST_ADMIN);
  const adminSubject = { id: admin.id, role: 'super_admin' as const, email: FIRST_ADMIN.email };
  const db = core.store.db;
  const workspaceId = core.ctx.workspaceId;
  const insideUnitId = insertOrgUnit(db, { workspaceId, name: 'Inside', parentId: null });
  const outsideUnitId = insertOrgUnit(db, { workspaceId, name: 'Outside', parentId: null });
  const leafUnitId = insertOrgUnit(db, { workspaceId, name: 'Leaf', parentId: insideUnitId });
  const siblingUnitId = insertOrgUnit(db, { workspaceId, name: 'Sibling', parentId: insideUnitId });
  const population: Population = { operatorId: null, subjects: {}, groupId: 0, otherGroupId: 0, insideUnitId, leafUnitId, siblingUnitId };
  const group = await call(core, 'groups.create', { name: 'Matrix group' });
  population.groupId = group.id;
  population.otherGroupId = (await call(core, 'groups.create', { name: 'Other group' })).id;

  const profile = operator === 'signedOut' ? PROFILE.user_admin : PROFILE[operator];
  const role = profile.role;
  if (role === 'super_admin') {
    population.operatorId = admin.id;
    population.subjects.self = adminSubject;
    population.subjects.lastSuperAdmin = adminSubject;
    population.subjects.lower = await addUser(core, ROLE_BELOW[role], insideUnitId);
    // A second Super Administrator, deactivated, so the operator stays the only active one.
    population.subjects.equal = await addUser(core, 'super_admin', insideUnitId);
    await call(core, 'users.setStatus', { userIds: [population.subjects.equal.id], status: 'deactivated' });
  } else {
    const self = await addUser(core, role, insideUnitId);
    population.operatorId = operator === 'signedOut' ? null : self.id;
    population.subjects.self = self;
    population.subjects.lastSuperAdmin = adminSubject;
    population.subjects.lower = await addUser(core, ROLE_BELOW[role], insideUnitId);
    population.subjects.equal = await addUser(core, role, insideUnitId);
    const above = ROLE_ABOVE[role];
    if (above) population.subjects.higher = above === 'super_admin' ? adminSubject : await addUser(core, above, insideUnitId);
    if (operator !== 'signedOut' && profile.admin !== 'none') await grantAdministration(core, self.id, profile.admin, insideUnitId);
  }
  population.subjects.outside = await addUser(core, ROLE_BELOW[role], outsideUnitId);
  const memberIds = [...new Set(Object.values(population.subjects).map((subject) => subject.id))];
  await call(core, 'memberships.add', { groupId: group.id, userIds: memberIds });
  const file = join(dir, `${operator}.sqlite`);
  await backupTestStore(core, file);
  await core.dispose();
  return { file, population };
}

function inputFor(method: Method, population: Population, subject: SubjectUser): unknown {
  const { groupId, otherGroupId, insideUnitId, leafUnitId, siblingUnitId } = population;
  counter += 1;
  const inputs: Record<Method, unknown> = {
    'session.status': {},
    'session.setup': { ...FIRST_ADMIN, username: `second${counter}`, email: `second${counter}@example.com` },
    'session.signIn': { username: 'nobody-by-this-name', password: 'wrong password' },
    'session.signOut': {},
    'session.openDemo': {},
    'users.list': {},
    'users.get': { id: subject.id },
    'users.create': { username: `new${counter}`, firstName: 'New', lastName: 'User', email: `new${counter}@example.com`, departmentId: insideUnitId },
    'users.update': { id: subject.id, firstName: 'Renamed', lastName: 'Subject', email: subject.email, platformRole: subject.role, reason: 'matrix' },
    'users.setStatus': { userIds: [subject.id], status: 'deactivated', reason: 'matrix' },
    'users.delete': { userIds: [subject.id], reason: 'matrix' },
    'users.listDeleted': { search: 'matrix' },
    // A live subject: restore leaves them as they are, anonymise refuses them.
    'users.restore': { userIds: [subject.id], reason: 'matrix' },
    'users.anonymise': { userIds: [subject.id], reason: 'matrix' },
    'users.anonymiseAllDeleted': { reason: 'matrix' },
    'users.bulkPreview': { action: { kind: 'deactivate' }, userIds: [subject.id] },
    'users.bulkApply': { action: { kind: 'deactivate' }, userIds: [subject.id], reason: 'matrix' },
    'users.bulkSaveResults': {},
    'groups.list': {},
    'groups.get': { id: groupId },
    'groups.columns': {},
    'groups.members': { groupId },
    'groups.create': { name: `Group ${counter}` },
    'groups.update': { id: groupId, name: `Renamed ${counter}` },
    'groups.delete': { id: otherGroupId },
    'memberships.add': { groupId, userIds: [subject.id] },
    'memberships.remove': { groupId, userIds: [subject.id] },
    'memberships.ofUser': { userId: subject.id },
    'memberships.setMain': { groupId: otherGroupId, userIds: [subject.id] },
    'memberships.reassignMain': { fromGroupId: groupId, toGroupId: otherGroupId },
    'memberships.setEnd': { groupId, userId: subject.id, endsOn: '2999-12-31' },
    'orgUnits.tree': {},
    'orgUnits.children': { parentId: insideUnitId },
    'orgUnits.usage': { id: insideUnitId },
    'orgUnits.create': { parentId: insideUnitId, name: `Unit ${counter}` },
    'orgUnits.rename': { id: leafUnitId, name: `Renamed ${counter}` },
    'orgUnits.setHidden': { id: leafUnitId, hidden: true },
    'orgUnits.move': { id: leafUnitId, parentId: siblingUnitId },
    'orgUnits.delete': { id: leafUnitId },
    'permissions.effective': { userId: subject.id },
    'permissions.whoHas': { unitId: insideUnitId, target: { kind: 'area', area: 'text' } },
    'permissions.compareUsers': { leftUserId: subject.id, rightUserId: population.subjects.lastSuperAdmin?.id ?? subject.id },
    'permissions.compareGroups': { leftGroupId: groupId, rightGroupId: otherGroupId },
    // The save dialog is cancelled in tests unless a spec answers it, so nothing is written.
    'permissions.exportEffective': { userId: subject.id },
    'permissions.exportWhoHas': { unitId: insideUnitId, target: { kind: 'report', permission: 'write' } },
    'viewAs.start': { userId: subject.id, reason: 'matrix' },
    'viewAs.end': {},
    'audit.list': {},
    'audit.get': { id: 1 },
    // Cancelled save dialog, as for the other exports.
    'audit.exportLog': { action: 'membership.add' },
    'audit.verify': {},
    'audit.verifyWorkbook': {},
    'users.importOpen': {},
    'users.importPreview': { importId: 'no-such-import', mapping: { username: 0, firstName: 1, lastName: 2, email: 3, userType: null, department: null } },
    'users.importApply': { importId: 'no-such-import' },
    'users.importResults': { importId: 'no-such-import' },
    'users.importCancel': { importId: 'no-such-import' },
    'exports.start': {},
    'exports.cancel': { jobId: 'no-such-job' },
    'settings.get': {},
    'settings.update': { idleLockMinutes: 20 },
    'passwords.reset': { id: subject.id, password: 'Quartz-Zebra-9071!', passwordConfirm: 'Quartz-Zebra-9071!' },
    'passwords.setTemporary': { id: subject.id, password: 'Quartz-Zebra-9071!', passwordConfirm: 'Quartz-Zebra-9071!' },
    'passwords.resendActivation': { id: subject.id },
    'users.deletePending': { id: subject.id },
    'session.activate': { username: 'nobody-by-this-name', code: 'ACDE-FGHJ-KMNP-QRTU', password: 'Quartz-Zebra-9071!', passwordConfirm: 'Quartz-Zebra-9071!' },
    'session.lock': {},
    'session.unlock': { password: 'wrong password' },
    'session.changePassword': { currentPassword: 'wrong password', password: 'Quartz-Zebra-9071!', passwordConfirm: 'Quartz-Zebra-9071!' },
  };
  return inputs[method];
}

type Expected = 'ok' | 'unauthenticated' | 'forbidden' | string;

/**
 * Whether the subject's department is the inside unit. The first Super Administrator has no department, and
 * is the `higher` subject of a User Administrator.
 */
function isInsideUnit(operator: OperatorKind, kind: SubjectKind): boolean {
  if (kind === 'outside' || kind === 'lastSuperAdmin') return false;
  return !(kind === 'higher' && operator !== 'signedOut' && ROLE_ABOVE[PROFILE[operator].role] === 'super_admin');
}

/**
 * DOMAIN.md's subject rules, restated: strictly higher rank (Super Administrators excepted), never yourself,
 * never the last one, a Local administrator only on users in their units, and view as only of users with
 * less privilege on both platform role and administrator permission.
 */
function subjectOutcome(action: NonNullable<(typeof SUBJECT_ACTION)[Method]>, operator: OperatorKind, kind: SubjectKind, subjectRole: PlatformRole): Expected | null {
  if (operator === 'signedOut') return null;
  const profile = PROFILE[operator];
  const self = kind === 'self' || (kind === 'lastSuperAdmin' && operator === 'super_admin');
  if (self) return action === 'edit' ? null : 'forbidden';
  if (kind === 'lastSuperAdmin' && action !== 'edit') return 'forbidden';
  if (profile.admin === 'local' && !isInsideUnit(operator, kind)) return 'forbidden';
  if (action === 'viewAs') {
    // Subjects hold no administrator permission except the operator themselves.
    if (RANK[subjectRole] >= RANK[profile.role] || ADMIN_RANK.none >= ADMIN_RANK[profile.admin]) return 'forbidden';
    return null;
  }
  if (profile.role !== 'super_admin' && RANK[subjectRole] >= RANK[profile.role]) return 'forbidden';
  return null;
}

function expectedOutcome(method: Method, operator: OperatorKind, kind: SubjectKind, subjectRole: PlatformRole): Expected {
  const requirement = REQUIREMENT[method];
  if (requirement !== 'anyone') {
    if (operator === 'signedOut') return 'unauthenticated';
    if (!meets(requirement, PROFILE[operator])) return 'forbidden';
  }
  const action = SUBJECT_ACTION[method];
  if (action) {
    const refused = subjectOutcome(action, operator, kind, subjectRole);
    if (refused) return refused;
  }
  if (operator === 'local_admin' && LOCAL_ADMIN_REFUSED.has(method)) return 'forbidden';
  if (operator === 'local_admin' && LOCAL_ADMIN_READS_OF_A_USER.has(method) && !isInsideUnit(operator, kind)) return 'forbidden';
  return ALLOWED_BUT_REFUSED[method] ?? 'ok';
}

const dir = mkdtempSync(join(tmpdir(), 'accessdesk-matrix-'));
const templates = new Map<OperatorKind, Template>();
beforeAll(async () => {
  for (const operator of OPERATORS) templates.set(operator, await buildTemplate(dir, operator));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the policy table', () => {
  test('every contract method declares a policy, and this test has an expectation for each', () => {
    const withoutPolicy = METHODS.filter((method) => !(method in POLICY));
    expect(withoutPolicy).toEqual([]);
    expect(Object.keys(REQUIREMENT).sort()).toEqual([...METHODS].sort());
  });
});

/** Nobody ranks above a Super Administrator, so that one combination does not exist. */
const cases = METHODS.flatMap((method) =>
  OPERATORS.flatMap((operator) => SUBJECTS.map((kind) => ({ method, operator, kind }))),
).filter(({ operator, kind }) => !(PROFILE[operator === 'signedOut' ? 'user_admin' : operator].role === 'super_admin' && kind === 'higher'));

describe(`authorization matrix: ${METHODS.length} methods × ${OPERATORS.length} operators × ${SUBJECTS.length} subjects`, () => {
  test.each(cases)('$method as $operator on a $kind subject', async ({ method, operator, kind }) => {
    const template = templates.get(operator)!;
    const subject = template.population.subjects[kind]!;
    const core = await createTestCore({ copyOf: template.file });
    try {
      core.ctx.session.operatorId = template.population.operatorId;
      const expected = expectedOutcome(method, operator, kind, subject.role);
      const before = storeHash(core.store.sqlite);
      const envelope = await core.invoke(method, inputFor(method, template.population, subject));
      const outcome = envelope.ok ? 'ok' : envelope.error.code;
      expect(outcome, envelope.ok ? '' : envelope.error.message).toBe(expected);
      // A refused call changes nothing, except that a failed sign-in (or activation) is itself recorded in the audit log.
      if (!envelope.ok && method !== 'session.signIn' && method !== 'session.activate') expect(storeHash(core.store.sqlite)).toBe(before);
    } finally {
      await core.dispose();
    }
  });
});
