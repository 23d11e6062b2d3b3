import type Database from 'better-sqlite3';
import { GroupSettings as GroupSettingsSchema } from '../../shared/contract/groupSettings';
import { GROUP_TEMPLATES } from '../../shared/domain/groupTemplates';
import { identityKey } from '../../shared/domain/identity';
import {
  GRANT_AREAS,
  REPORT_PERMISSIONS,
  SCOPES,
  WORK_LEVELS,
  defaultGroupSettings,
  type ColumnGrant,
  type GroupSettings,
  type ReportGrant,
  type WorkGrant,
} from '../../shared/domain/permissionModel';

const FIRST = ['Anna', 'Ben', 'Carla', 'David', 'Elena', 'Farid', 'Grace', 'Hannah', 'Ivan', 'Joanna', 'Karim', 'Lena', 'Marco', 'Nadia', 'Oskar', 'Priya', 'Rosa', 'Samuel', 'Tanja', 'Vera', 'William', 'Yusuf', 'Zoe', 'Leif', 'Mei', 'Nils', 'Olga', 'Pedro', 'Ruth', 'Stefan'];
const LAST = ['Andersen', 'Berg', 'Costa', 'Dahl', 'Eriksen', 'Fischer', 'Garcia', 'Hansen', 'Iversen', 'Johansen', 'Khan', 'Larsen', 'Moreau', 'Nilsen', 'Olsen', 'Petersen', 'Rossi', 'Svensson', 'Tanaka', 'Weber', 'Yilmaz', 'Zhang', 'Brennan', 'Hoffmann', 'Lindqvist', 'Novak', 'Okafor', 'Quist', 'Urban', 'Vik'];

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export interface Generated {
  userIds: number[];
  groupIds: number[];
  memberships: number;
}

/**
 * Bulk-loads a large store straight through SQLite (the triggers still keep search and counts in step), so
 * the benchmark measures the app's reads and writes, not the loading.
 */
export function generateLargeStore(sqlite: Database.Database, workspaceId: number, counts: { users: number; groups: number; memberships: number }): Generated {
  const random = seeded(42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const now = new Date().toISOString();
  const insertUser = sqlite.prepare(
    `insert into users (username, username_key, first_name, last_name, email, email_key, user_type, platform_role, sso, status, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, 'standard', 'none', 1, ?, ?, ?)`,
  );
  const insertGroup = sqlite.prepare('insert into groups (workspace_id, name, description, created_at, updated_at) values (?, ?, ?, ?, ?)');
  const insertMembership = sqlite.prepare('insert or ignore into memberships (group_id, user_id, added_at) values (?, ?, ?)');
  return sqlite.transaction(() => {
    const userIds: number[] = [];
    for (let n = 0; n < counts.users; n += 1) {
      const first = pick(FIRST);
      const last = pick(LAST);
      const username = `${first}.${last}.${n}`.toLowerCase();
      const status = random() < 0.05 ? 'deactivated' : 'active';
      const email = `${username}@bench.example`;
      userIds.push(Number(insertUser.run(username, identityKey(username), first, last, email, identityKey(email), status, now, now).lastInsertRowid));
    }
    const groupIds: number[] = [];
    for (let n = 0; n < counts.groups; n += 1) {
      groupIds.push(Number(insertGroup.run(workspaceId, `Group ${String(n).padStart(4, '0')}`, `Benchmark group ${n}`, now, now).lastInsertRowid));
    }
    let memberships = 0;
    while (memberships < counts.memberships) {
      memberships += insertMembership.run(pick(groupIds), pick(userIds), now).changes;
    }
    return { userIds, groupIds, memberships };
  })();
}

export interface PermissionCounts {
  units: number;
  /** Depth of the deepest unit; the root is depth 1. */
  maxDepth: number;
  /** Groups the measured user is in, and the grants (work + column) spread over them. */
  measuredGroups: number;
  measuredGrants: number;
}

export interface GeneratedPermissions {
  unitIds: number[];
  rootId: number;
  /** A unit two levels below the root, with a subtree: the "who has" question's unit. */
  sampleUnitId: number;
  /** The user in `measuredGroups` groups with `measuredGrants` grants, main group first. */
  measuredUserId: number;
  measuredGroupIds: number[];
  templateGroups: number;
  localAdminGroups: number;
  columnGrantGroups: number;
  workGrants: number;
  columnGrants: number;
  mainMemberships: number;
  endedMemberships: number;
}

export const DEFAULT_PERMISSION_COUNTS: PermissionCounts = { units: 2_000, maxDepth: 6, measuredGroups: 5, measuredGrants: 40 };

/**
 * Adds what the permission engine reads to a store from generateLargeStore: an org tree (one root, random
 * depth up to `maxDepth`, a few hidden units), a department for every user, settings with grants for every
 * group (every 20th a seed-001 template, every 25th a Local administrator, about a quarter with column
 * grants, the rest random grants) and one main group per user. One user is put in exactly `measuredGroups`
 * groups holding `measuredGrants` grants between them. Straight SQL, one transaction; every settings value
 * is checked against the contract's schema first, so the app reads them as written (not as locked down).
 */
export function generatePermissionData(
  sqlite: Database.Database,
  workspaceId: number,
  generated: Generated,
  counts: PermissionCounts = DEFAULT_PERMISSION_COUNTS,
): GeneratedPermissions {
  const random = seeded(7);
  const below = (n: number) => Math.floor(random() * n);
  const pick = <T>(items: readonly T[]): T => items[below(items.length)] as T;
  const now = new Date().toISOString();
  const columnIds = sqlite.prepare('select id from scorecard_columns where workspace_id = ? order by id').pluck().all(workspaceId) as number[];

  return sqlite.transaction((): GeneratedPermissions => {
    // The tree: each new unit goes under a random unit that still has room below it.
    const insertUnit = sqlite.prepare('insert into org_units (workspace_id, parent_id, name, hidden) values (?, ?, ?, ?)');
    const rootId = Number(insertUnit.run(workspaceId, null, 'Organisation', 0).lastInsertRowid);
    const unitIds = [rootId];
    const depthOf = new Map<number, number>([[rootId, 1]]);
    const parents: number[] = [rootId];
    const children = new Map<number, number>();
    for (let n = 1; n < counts.units; n += 1) {
      // Favour recent units a little so the tree gets deep as well as wide.
      const parent = random() < 0.5 ? pick(parents) : (parents[parents.length - 1 - below(Math.min(parents.length, 50))] ?? rootId);
      const depth = (depthOf.get(parent) ?? 1) + 1;
      const id = Number(insertUnit.run(workspaceId, parent, `Unit ${String(n).padStart(4, '0')}`, random() < 0.01 ? 1 : 0).lastInsertRowid);
      unitIds.push(id);
      depthOf.set(id, depth);
      children.set(parent, (children.get(parent) ?? 0) + 1);
      if (depth < counts.maxDepth) parents.push(id);
    }
    const atDepth = (depth: number) => unitIds.filter((id) => depthOf.get(id) === depth && (children.get(id) ?? 0) > 0);
    const sampleUnitId = atDepth(3)[0] ?? atDepth(2)[0] ?? rootId;

    // Departments for every user.
    const setDepartment = sqlite.prepare('update users set department_id = ? where id = ?');
    for (const userId of generated.userIds) setDepartment.run(pick(unitIds), userId);

    // Group settings.
    const someUnits = (max: number) => [...new Set(Array.from({ length: 1 + below(max) }, () => pick(unitIds)))];
    const workGrant = (): WorkGrant => ({ scope: pick(SCOPES), level: pick(WORK_LEVELS), area: pick(GRANT_AREAS) });
    const columnGrant = (): ColumnGrant => ({ ...workGrant(), columnId: pick(columnIds) });
    const reportGrant = (): ReportGrant => ({ permission: pick(REPORT_PERMISSIONS), scope: pick(SCOPES) });
    const setSettings = sqlite.prepare('update groups set settings = ?, updated_at = ? where id = ?');
    const store = (groupId: number, settings: GroupSettings) => {
      const checked = GroupSettingsSchema.safeParse(settings);
      if (!checked.success) throw new Error(`generated settings for group ${groupId} are invalid: ${checked.error.message}`);
      setSettings.run(JSON.stringify(checked.data), now, groupId);
    };
    let templateGroups = 0;
    let localAdminGroups = 0;
    let columnGrantGroups = 0;
    let workGrants = 0;
    let columnGrants = 0;
    const measuredGroupIds = generated.groupIds.slice(1, 1 + counts.measuredGroups);
    generated.groupIds.forEach((groupId, index) => {
      const measured = measuredGroupIds.indexOf(groupId);
      let settings: GroupSettings;
      if (measured >= 0) {
        // The measured user's groups: `measuredGrants` grants between them, a third of them column grants.
        settings = defaultGroupSettings();
        const share = Math.floor(counts.measuredGrants / counts.measuredGroups) + (measured < counts.measuredGrants % counts.measuredGroups ? 1 : 0);
        const columnShare = columnIds.length === 0 ? 0 : Math.floor(share / 3);
        settings.workGrants = Array.from({ length: share - columnShare }, workGrant);
        settings.columnGrants = Array.from({ length: columnShare }, columnGrant);
        settings.reportGrants = Array.from({ length: 2 }, reportGrant);
        if (measured === 1) settings.visibleUnits = { all: false, unitIds: someUnits(20) };
        if (measured === 2) {
          settings.adminPermission = 'local';
          settings.adminUnits = someUnits(3);
        }
      } else if (index % 20 === 0) {
        const template = GROUP_TEMPLATES[(index / 20) % GROUP_TEMPLATES.length] ?? GROUP_TEMPLATES[0];
        settings = structuredClone(template?.settings ?? defaultGroupSettings());
        templateGroups += 1;
      } else {
        settings = defaultGroupSettings();
        if (random() < 0.2) settings.visibleUnits = { all: false, unitIds: someUnits(5) };
        if (index % 25 === 1) {
          settings.adminPermission = 'local';
          settings.adminUnits = someUnits(3);
          settings.flags.importKpiData = random() < 0.5;
        }
        settings.workGrants = Array.from({ length: 1 + below(4) }, workGrant);
        if (columnIds.length > 0 && random() < 0.25) settings.columnGrants = Array.from({ length: 1 + below(2) }, columnGrant);
        settings.reportGrants = Array.from({ length: below(3) }, reportGrant);
      }
      if (settings.adminPermission === 'local') localAdminGroups += 1;
      if (settings.columnGrants.length > 0) columnGrantGroups += 1;
      workGrants += settings.workGrants.length;
      columnGrants += settings.columnGrants.length;
      store(groupId, settings);
    });

    // The measured user: exactly the measured groups, the first one main, in a department with a subtree.
    const measuredUserId = generated.userIds[0] ?? 0;
    sqlite.prepare('delete from memberships where user_id = ?').run(measuredUserId);
    const addMembership = sqlite.prepare('insert or ignore into memberships (group_id, user_id, added_at, is_main) values (?, ?, ?, ?)');
    measuredGroupIds.forEach((groupId, i) => addMembership.run(groupId, measuredUserId, now, i === 0 ? 1 : 0));
    setDepartment.run(atDepth(4)[0] ?? sampleUnitId, measuredUserId);

    // One main group each: the lowest-id membership, or a new one for a user with none.
    sqlite.prepare('update memberships set is_main = 0 where user_id <> ?').run(measuredUserId);
    sqlite
      .prepare(
        `update memberships set is_main = 1
         where user_id <> ? and rowid in (select min(rowid) from memberships group by user_id)`,
      )
      .run(measuredUserId);
    const withoutGroup = sqlite.prepare('select id from users where id not in (select user_id from memberships)').pluck().all() as number[];
    for (const userId of withoutGroup) addMembership.run(pick(generated.groupIds), userId, now, 1);
    const mainMemberships = sqlite.prepare('select count(*) from memberships where is_main = 1').pluck().get() as number;
    // About 1% of the extra memberships ended in the past: they must not count.
    const endedMemberships = sqlite
      .prepare(`update memberships set ends_on = '2020-01-01' where is_main = 0 and user_id <> ? and abs(random()) % 100 = 0`)
      .run(measuredUserId).changes;

    return {
      unitIds,
      rootId,
      sampleUnitId,
      measuredUserId,
      measuredGroupIds,
      templateGroups,
      localAdminGroups,
      columnGrantGroups,
      workGrants,
      columnGrants,
      mainMemberships,
      endedMemberships,
    };
  })();
}
