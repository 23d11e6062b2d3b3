import type { DemoOpened } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { DEMO_ADMIN_PASSWORD, DEMO_ADMIN_USERNAME } from '../../shared/domain/demo';
import type { PlatformRole, UserStatus, UserType } from '../../shared/domain/users';
import { insertGroup } from '../db/repos/groups';
import { insertMemberships } from '../db/repos/memberships';
import { insertOrgUnit } from '../db/repos/orgUnits';
import { insertUser } from '../db/repos/users';
import { nowIso } from '../db/time';
import { runMutation } from './mutation';
import type { ServiceContext } from './context';
import { required } from './required';
import { hashPassword } from './passwords';
import { needsSetup, toOperator } from './session';

const FIRST_NAMES = [
  'Anna', 'Ben', 'Carla', 'David', 'Elena', 'Farid', 'Grace', 'Hannah', 'Ivan', 'Joanna', 'Karim', 'Lena',
  'Marco', 'Nadia', 'Oskar', 'Priya', 'Quentin', 'Rosa', 'Samuel', 'Tanja', 'Umar', 'Vera', 'William', 'Xenia',
  'Yusuf', 'Zoe', 'Annika', 'Joanne', 'Leif', 'Mei', 'Nils', 'Olga', 'Pedro', 'Ruth', 'Stefan', 'Tomas',
];
const LAST_NAMES = [
  'Andersen', 'Berg', 'Costa', 'Dahl', 'Eriksen', 'Fischer', 'Garcia', 'Hansen', 'Iversen', 'Johansen',
  'Khan', 'Larsen', 'Moreau', 'Nilsen', 'Olsen', 'Petersen', 'Quist', 'Rossi', 'Svensson', 'Tanaka',
  'Urban', 'Vik', 'Weber', 'Yilmaz', 'Zhang', 'Brennan', 'Hoffmann', 'Lindqvist', 'Novak', 'Okafor',
];

/** Department tree: each entry is [name, children]. */
const ORG_TREE: [string, [string, string[]][]] = [
  'Nordfjord Energy',
  [
    ['Operations', ['Drilling', 'Maintenance', 'Logistics']],
    ['Engineering', ['Subsea', 'Process', 'Automation']],
    ['Finance', ['Accounting', 'Controlling']],
    ['People', ['Recruiting', 'Training']],
    ['HSE', ['Safety', 'Environment']],
    ['IT', ['Infrastructure', 'Applications']],
  ],
];

const GROUPS = [
  { name: 'Global Administrator', description: 'Full administration of every unit and menu.' },
  { name: 'Create and modify my unit', description: 'Create and change planning items in my own unit and below.' },
  { name: 'Read all units', description: 'Read access to every unit; no changes.' },
  { name: 'Planners', description: 'Team that owns the annual plan.' },
  { name: 'Site Leads', description: 'Leads of the offshore and onshore sites.' },
  { name: 'Finance Reviewers', description: 'Review budgets and KPI data.' },
  { name: 'HSE Committee', description: 'Health, safety and environment follow-up.' },
  { name: 'Project Aurora Team', description: 'Team on the Aurora tie-back project.' },
  { name: 'Project Borealis Team', description: 'Team on the Borealis platform upgrade.' },
];

export const DEMO_USER_COUNT = 250;

/** A small deterministic generator so every demo store looks the same. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Fills an empty store with a realistic company and signs in as its Super Administrator. */
export function openDemo(ctx: ServiceContext): DemoOpened {
  const db = ctx.store.db;
  const random = seededRandom(20261124);
  const pick = <T>(items: readonly T[]): T => required(items[Math.floor(random() * items.length)], 'demo item');
  const opened = (value: DemoOpened) => ({ actor: { id: value.operator.id, label: `${value.operator.displayName} (${value.operator.username})` } });
  const result = runMutation(ctx, opened, () => {
    if (!needsSetup(ctx)) throw new AppError('conflict', 'This store already has data; the demo opens only on an empty store');
    const now = nowIso();
    const [rootName, branches] = ORG_TREE;
    const rootId = insertOrgUnit(db, { workspaceId: ctx.workspaceId, name: rootName, parentId: null });
    const departmentIds: number[] = [];
    for (const [branchName, leaves] of branches) {
      const branchId = insertOrgUnit(db, { workspaceId: ctx.workspaceId, name: branchName, parentId: rootId });
      departmentIds.push(branchId);
      for (const leaf of leaves) departmentIds.push(insertOrgUnit(db, { workspaceId: ctx.workspaceId, name: leaf, parentId: branchId }));
    }

    const admin = insertUser(db, {
      username: DEMO_ADMIN_USERNAME, firstName: 'Demo', lastName: 'Administrator', email: 'admin@nordfjord.example',
      userType: 'admin', platformRole: 'super_admin', sso: false, passwordHash: hashPassword(DEMO_ADMIN_PASSWORD),
      status: 'active', departmentId: rootId, createdAt: now, updatedAt: now,
    });

    const userIds: number[] = [];
    for (let n = 1; n < DEMO_USER_COUNT; n += 1) {
      const firstName = pick(FIRST_NAMES);
      const lastName = pick(LAST_NAMES);
      const base = `${firstName}.${lastName}`.toLowerCase();
      const roll = random();
      const status: UserStatus = roll < 0.06 ? 'deactivated' : roll < 0.09 ? 'pending' : 'active';
      const userType: UserType = roll > 0.95 ? 'admin' : roll > 0.8 ? 'read_only' : 'standard';
      const platformRole: PlatformRole = n <= 3 ? 'user_admin' : n <= 6 ? 'provisioner' : 'none';
      const user = insertUser(db, {
        username: `${base}${n}`, firstName, lastName, email: `${base}${n}@nordfjord.example`,
        userType, platformRole, sso: status !== 'pending', passwordHash: null, status,
        departmentId: pick(departmentIds), createdAt: now, updatedAt: now,
      });
      userIds.push(user.id);
    }

    const groupIds = GROUPS.map(
      (group) => insertGroup(db, { workspaceId: ctx.workspaceId, ...group, createdAt: now, updatedAt: now }).id,
    );
    const [globalAdmins, unitEditors, readers, ...teams] = groupIds as [number, number, number, ...number[]];
    insertMemberships(db, globalAdmins, [admin.id, ...userIds.slice(0, 3)], now);
    insertMemberships(db, unitEditors, userIds.filter((_, i) => i % 3 === 0), now);
    insertMemberships(db, readers, userIds.filter((_, i) => i % 3 !== 0), now);
    for (const teamId of teams) insertMemberships(db, teamId, userIds.filter(() => random() < 0.12), now);

    return {
      value: { operator: toOperator(ctx, admin), users: userIds.length + 1, groups: groupIds.length },
      audit: {
        action: 'platform.demo',
        targetType: 'platform',
        targetId: null,
        targetLabel: 'Demo data',
        after: { users: userIds.length + 1, groups: groupIds.length, orgUnits: departmentIds.length + 1 },
      },
      changed: ['users', 'groups', 'memberships'],
    };
  });
  ctx.session.operatorId = result.operator.id;
  return result;
}
