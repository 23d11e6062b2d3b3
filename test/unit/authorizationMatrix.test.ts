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
import { createTestCore, type TestCore } from '../support/core';
import { call, FIRST_ADMIN } from '../support/operators';
import { storeHash } from '../support/storeHash';

type OperatorKind = 'signedOut' | Exclude<PlatformRole, 'none'>;
const OPERATORS: OperatorKind[] = ['signedOut', 'provisioner', 'user_admin', 'super_admin'];
type SubjectKind = 'lower' | 'equal' | 'higher' | 'self' | 'lastSuperAdmin';
const SUBJECTS: SubjectKind[] = ['lower', 'equal', 'higher', 'self', 'lastSuperAdmin'];

const RANK: Record<PlatformRole, number> = { none: 0, provisioner: 1, user_admin: 2, super_admin: 3 };

/** Who may call each method at all (DOMAIN.md "Who may call what"); null = anyone. */
const MINIMUM_ROLE: Record<Method, PlatformRole | null> = {
  'session.status': null,
  'session.setup': null,
  'session.signIn': null,
  'session.signOut': null,
  'session.openDemo': null,
  'users.list': 'provisioner',
  'users.get': 'provisioner',
  'users.create': 'provisioner',
  'users.update': 'user_admin',
  'users.setStatus': 'user_admin',
  'users.delete': 'user_admin',
  'groups.list': 'provisioner',
  'groups.members': 'provisioner',
  'groups.create': 'user_admin',
  'groups.update': 'user_admin',
  'groups.delete': 'user_admin',
  'memberships.add': 'user_admin',
  'memberships.remove': 'user_admin',
  'audit.list': 'user_admin',
  'audit.verify': 'user_admin',
  'exports.start': 'user_admin',
  'exports.cancel': 'user_admin',
};

/** The action a call takes on its subject, for the methods that act on users. */
const SUBJECT_ACTION: Partial<Record<Method, 'edit' | 'deactivate' | 'delete'>> = {
  'users.update': 'edit',
  'users.setStatus': 'deactivate',
  'users.delete': 'delete',
};

/** Methods whose service refuses the call for its own reason once the policy lets it through. */
const ALLOWED_BUT_REFUSED: Partial<Record<Method, string>> = {
  'session.setup': 'conflict',
  'session.openDemo': 'conflict',
  'session.signIn': 'unauthenticated',
  'exports.cancel': 'not_found',
};

interface Population {
  operatorId: number | null;
  subjects: Partial<Record<SubjectKind, { id: number; role: PlatformRole; email: string }>>;
  groupId: number;
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
async function addUser(core: TestCore, role: PlatformRole) {
  counter += 1;
  const email = `matrix${counter}@example.com`;
  const user = await call(core, 'users.create', {
    username: `matrix${counter}`,
    firstName: 'Matrix',
    lastName: `User ${counter}`,
    email,
    platformRole: role,
  });
  return { id: user.id, role, email };
}

/**
 * A store with the first Super Administrator (the platform's only active one), the operator, and one user
 * of each kind relative to the operator, all members of one group.
 */
async function buildTemplate(dir: string, operator: OperatorKind): Promise<Template> {
  const core = await createTestCore();
  const admin = await call(core, 'session.setup', FIRST_ADMIN);
  const adminSubject = { id: admin.id, role: 'super_admin' as const, email: FIRST_ADMIN.email };
  const population: Population = { operatorId: null, subjects: {}, groupId: 0 };
  const role = operator === 'signedOut' ? 'user_admin' : operator;
  if (role === 'super_admin') {
    population.operatorId = admin.id;
    population.subjects.self = adminSubject;
    population.subjects.lastSuperAdmin = adminSubject;
    population.subjects.lower = await addUser(core, ROLE_BELOW[role]);
    // A second Super Administrator, deactivated, so the operator stays the only active one.
    population.subjects.equal = await addUser(core, 'super_admin');
    await call(core, 'users.setStatus', { userIds: [population.subjects.equal.id], status: 'deactivated' });
  } else {
    const self = await addUser(core, role);
    population.operatorId = operator === 'signedOut' ? null : self.id;
    population.subjects.self = self;
    population.subjects.lastSuperAdmin = adminSubject;
    population.subjects.lower = await addUser(core, ROLE_BELOW[role]);
    population.subjects.equal = await addUser(core, role);
    const above = ROLE_ABOVE[role];
    if (above) population.subjects.higher = above === 'super_admin' ? adminSubject : await addUser(core, above);
  }
  const group = await call(core, 'groups.create', { name: 'Matrix group' });
  population.groupId = group.id;
  const memberIds = [...new Set(Object.values(population.subjects).map((subject) => subject.id))];
  await call(core, 'memberships.add', { groupId: group.id, userIds: memberIds });
  const file = join(dir, `${operator}.sqlite`);
  await core.store.sqlite.backup(file);
  await core.dispose();
  return { file, population };
}

function inputFor(method: Method, population: Population, subject: { id: number; role: PlatformRole; email: string }): unknown {
  const groupId = population.groupId;
  counter += 1;
  const inputs: Record<Method, unknown> = {
    'session.status': {},
    'session.setup': { ...FIRST_ADMIN, username: `second${counter}`, email: `second${counter}@example.com` },
    'session.signIn': { username: 'nobody-by-this-name', password: 'wrong password' },
    'session.signOut': {},
    'session.openDemo': {},
    'users.list': {},
    'users.get': { id: subject.id },
    'users.create': { username: `new${counter}`, firstName: 'New', lastName: 'User', email: `new${counter}@example.com` },
    'users.update': { id: subject.id, firstName: 'Renamed', lastName: 'Subject', email: subject.email, platformRole: subject.role, reason: 'matrix' },
    'users.setStatus': { userIds: [subject.id], status: 'deactivated', reason: 'matrix' },
    'users.delete': { userIds: [subject.id], reason: 'matrix' },
    'groups.list': {},
    'groups.members': { groupId },
    'groups.create': { name: `Group ${counter}` },
    'groups.update': { id: groupId, name: `Renamed ${counter}` },
    'groups.delete': { id: groupId },
    'memberships.add': { groupId, userIds: [subject.id] },
    'memberships.remove': { groupId, userIds: [subject.id] },
    'audit.list': {},
    'audit.verify': {},
    'exports.start': {},
    'exports.cancel': { jobId: 'no-such-job' },
  };
  return inputs[method];
}

type Expected = 'ok' | 'unauthenticated' | 'forbidden' | string;

/** DOMAIN.md's subject rules, restated: strictly higher rank (Super Administrators excepted), never yourself, never the last one. */
function expectedOutcome(method: Method, operator: OperatorKind, kind: SubjectKind, subjectRole: PlatformRole): Expected {
  const minimum = MINIMUM_ROLE[method];
  if (minimum !== null) {
    if (operator === 'signedOut') return 'unauthenticated';
    if (RANK[operator] < RANK[minimum]) return 'forbidden';
  }
  const action = SUBJECT_ACTION[method];
  if (action && operator !== 'signedOut') {
    const self = kind === 'self' || (kind === 'lastSuperAdmin' && operator === 'super_admin');
    if (self) return action === 'edit' ? 'ok' : 'forbidden';
    if (kind === 'lastSuperAdmin' && action !== 'edit') return 'forbidden';
    if (operator !== 'super_admin' && RANK[subjectRole] >= RANK[operator]) return 'forbidden';
  }
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
    expect(Object.keys(MINIMUM_ROLE).sort()).toEqual([...METHODS].sort());
  });
});

/** Nobody ranks above a Super Administrator, so that one combination does not exist. */
const cases = METHODS.flatMap((method) =>
  OPERATORS.flatMap((operator) => SUBJECTS.map((kind) => ({ method, operator, kind }))),
).filter(({ operator, kind }) => !(operator === 'super_admin' && kind === 'higher'));

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
      if (!envelope.ok) expect(storeHash(core.store.sqlite)).toBe(before);
    } finally {
      await core.dispose();
    }
  });
});
