import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { defaultGroupSettings, type GroupSettings } from '../../shared/domain/permissionModel';
import { readGroupSettings } from '../../electron/db/repos/groupSettings';
import { createTestCore, type TestCore } from '../support/core';
import { call, callFailing, FIRST_ADMIN, newUser, setUpAdmin } from '../support/operators';
import { storeHash } from '../support/storeHash';

let core: TestCore;
beforeEach(async () => {
  core = await createTestCore();
  await setUpAdmin(core);
});
afterEach(async () => core.dispose());

async function unit(name: string, parentId: number | null = null): Promise<number> {
  return (await call(core, 'orgUnits.create', { parentId, name })).id;
}

/** Company › Sales › North, Company › Operations */
async function smallTree() {
  const company = await unit('Company');
  const sales = await unit('Sales', company);
  const north = await unit('North', sales);
  const operations = await unit('Operations', company);
  return { company, sales, north, operations };
}

async function lastAudit() {
  const log = await call(core, 'audit.list', {});
  return log.rows[0];
}

function auditCount(): number {
  return core.store.sqlite.prepare('select count(*) from audit_log').pluck().get() as number;
}

function groupSettings(groupId: number): GroupSettings {
  const stored = core.store.sqlite.prepare('select settings from groups where id = ?').pluck().get(groupId) as string;
  return readGroupSettings(stored);
}

function writeSettings(groupId: number, settings: GroupSettings): void {
  core.store.sqlite.prepare('update groups set settings = ? where id = ?').run(JSON.stringify(settings), groupId);
}

/** Asserts the call is refused with the code and that the store did not change at all. */
async function expectRefused(method: Parameters<typeof callFailing>[1], input: unknown, code: string) {
  const before = storeHash(core.store.sqlite);
  const error = await callFailing(core, method, input);
  expect(error.code).toBe(code);
  expect(storeHash(core.store.sqlite)).toBe(before);
  return error;
}

describe('org units: changes and their audit entries', () => {
  test('create, rename, hide and unhide each write one entry naming the path', async () => {
    const { company, sales } = await smallTree();
    expect(await lastAudit()).toMatchObject({ action: 'orgUnit.create', target: 'Company / Operations' });

    const renamed = await call(core, 'orgUnits.rename', { id: sales, name: 'Sales & Marketing' });
    expect(renamed).toMatchObject({ id: sales, parentId: company, name: 'Sales & Marketing', childCount: 1 });
    expect(await lastAudit()).toMatchObject({ action: 'orgUnit.rename', target: 'Company / Sales & Marketing' });

    await call(core, 'orgUnits.setHidden', { id: sales, hidden: true });
    expect(await lastAudit()).toMatchObject({ action: 'orgUnit.hide' });
    const children = await call(core, 'orgUnits.children', { parentId: company });
    expect(children.find((row) => row.id === sales)?.hidden).toBe(true);
    await call(core, 'orgUnits.setHidden', { id: sales, hidden: false });
    expect(await lastAudit()).toMatchObject({ action: 'orgUnit.unhide' });

    const entries = auditCount();
    await call(core, 'orgUnits.setHidden', { id: sales, hidden: false });
    await call(core, 'orgUnits.rename', { id: sales, name: 'Sales & Marketing' });
    expect(auditCount()).toBe(entries);
  });

  test('children come sorted by name with child and live user counts; the tree lists parents first', async () => {
    const { company, sales, north, operations } = await smallTree();
    await unit('archive', company);
    const ann = await call(core, 'users.create', newUser({ departmentId: sales }));
    await call(core, 'users.create', newUser({ departmentId: sales }));
    await call(core, 'users.delete', { userIds: [ann.id] });

    const children = await call(core, 'orgUnits.children', { parentId: company });
    expect(children.map((row) => row.name)).toEqual(['archive', 'Operations', 'Sales']);
    expect(children.find((row) => row.id === sales)).toMatchObject({ childCount: 1, userCount: 1 });
    expect((await call(core, 'orgUnits.children', { parentId: null })).map((row) => row.id)).toEqual([company]);

    const tree = await call(core, 'orgUnits.tree', {});
    const position = (id: number) => tree.findIndex((node) => node.id === id);
    expect(position(company)).toBeLessThan(position(sales));
    expect(position(sales)).toBeLessThan(position(north));
    expect(tree).toHaveLength(5);
    expect(position(operations)).toBeGreaterThan(position(company));
  });

  test('moving takes the subtree along and records both paths; a move to the same parent records nothing', async () => {
    const { company, sales, north, operations } = await smallTree();
    const moved = await call(core, 'orgUnits.move', { id: sales, parentId: operations });
    expect(moved.parentId).toBe(operations);
    const entry = await lastAudit();
    expect(entry).toMatchObject({ action: 'orgUnit.move', target: 'Company / Operations / Sales' });
    expect(entry?.sentence).toBe('Ada Admin moved unit Company / Sales from under Company to under Company / Operations');
    expect((await call(core, 'orgUnits.children', { parentId: sales })).map((row) => row.id)).toEqual([north]);

    const entries = auditCount();
    await call(core, 'orgUnits.move', { id: sales, parentId: operations });
    expect(auditCount()).toBe(entries);

    await call(core, 'orgUnits.move', { id: sales, parentId: null });
    expect((await call(core, 'orgUnits.children', { parentId: null })).map((row) => row.id).sort()).toEqual([company, sales].sort());
  });

  test('deleting an unused unit removes its subtree and clears soft-deleted users there', async () => {
    const { company, sales, north } = await smallTree();
    const gone = await call(core, 'users.create', newUser({ departmentId: north }));
    await call(core, 'users.delete', { userIds: [gone.id] });
    expect((await call(core, 'orgUnits.usage', { id: sales })).departmentUserCount).toBe(0);

    await call(core, 'orgUnits.delete', { id: sales, reassignTo: company });
    const entry = await lastAudit();
    expect(entry).toMatchObject({ action: 'orgUnit.delete', target: 'Company / Sales' });
    expect(entry?.sentence).toMatch(/^Ada Admin deleted unit Company \/ Sales with 1 unit below it and cleared the department of 1 user \(Test User \d+ \(deleted\)\)$/);
    expect((await call(core, 'orgUnits.tree', {})).map((node) => node.name).sort()).toEqual(['Company', 'Operations']);
    expect(core.store.sqlite.prepare('select department_id from users where id = ?').pluck().get(gone.id)).toBeNull();
    expect(core.store.sqlite.prepare('pragma foreign_key_check').all()).toEqual([]);
  });
});

describe('org units: refusals change nothing', () => {
  test('sibling names are unique ignoring case, on the name field; the same name elsewhere is fine', async () => {
    const { company, sales, operations } = await smallTree();
    const error = await expectRefused('orgUnits.create', { parentId: company, name: 'SALES' }, 'conflict');
    expect(error.fields?.name).toBeTruthy();
    await unit('Sales', operations);
    expect((await expectRefused('orgUnits.rename', { id: operations, name: 'sales' }, 'conflict')).fields?.name).toBeTruthy();
    await expectRefused('orgUnits.move', { id: sales, parentId: operations }, 'conflict');
    expect((await expectRefused('orgUnits.create', { parentId: company, name: '  ' }, 'validation')).fields?.name).toBeTruthy();
  });

  test('unknown units and units of another workspace are not_found', async () => {
    const { sales } = await smallTree();
    await expectRefused('orgUnits.create', { parentId: 99999, name: 'X' }, 'not_found');
    await expectRefused('orgUnits.rename', { id: 99999, name: 'X' }, 'not_found');
    await expectRefused('orgUnits.setHidden', { id: 99999, hidden: true }, 'not_found');
    await expectRefused('orgUnits.move', { id: sales, parentId: 99999 }, 'not_found');
    await expectRefused('orgUnits.delete', { id: 99999 }, 'not_found');
    await expectRefused('orgUnits.children', { parentId: 99999 }, 'not_found');
    const otherWorkspace = core.store.sqlite.prepare("insert into workspaces (name, created_at) values ('Other', '2026-01-01') returning id").pluck().get() as number;
    const foreign = core.store.sqlite
      .prepare("insert into org_units (workspace_id, parent_id, name) values (?, null, 'Foreign') returning id")
      .pluck()
      .get(otherWorkspace) as number;
    await expectRefused('orgUnits.move', { id: sales, parentId: foreign }, 'not_found');
    await expectRefused('orgUnits.delete', { id: foreign }, 'not_found');
  });

  test('a unit cannot move under itself or its own subtree', async () => {
    const { company, sales, north } = await smallTree();
    expect((await expectRefused('orgUnits.move', { id: sales, parentId: sales }, 'validation')).fields?.parentId).toBeTruthy();
    expect((await expectRefused('orgUnits.move', { id: company, parentId: north }, 'validation')).fields?.parentId).toBeTruthy();
  });
});

describe('org units: deleting a unit in use', () => {
  test('needs a unit outside the subtree, then moves departments and group unit lists there in one entry', async () => {
    const { company, sales, north, operations } = await smallTree();
    const live = await call(core, 'users.create', newUser({ firstName: 'Nora', lastName: 'North', departmentId: north }));
    const gone = await call(core, 'users.create', newUser({ departmentId: sales }));
    await call(core, 'users.delete', { userIds: [gone.id] });
    const group = await call(core, 'groups.create', { name: 'Sales readers' });
    writeSettings(group.id, {
      ...defaultGroupSettings(),
      visibleUnits: { all: false, unitIds: [north, operations] },
      adminPermission: 'local',
      adminUnits: [sales],
    });

    const usage = await call(core, 'orgUnits.usage', { id: sales });
    expect(usage).toMatchObject({ unitId: sales, unitCount: 2, departmentUserCount: 1 });
    expect(usage.departmentUsers[0]?.label).toContain('Nora North');
    expect(usage.groups).toEqual([{ id: group.id, name: 'Sales readers', uses: ['visible units', 'administered units'] }]);

    const refused = await expectRefused('orgUnits.delete', { id: sales }, 'conflict');
    expect(refused.message).toContain('Sales readers');
    expect(refused.fields?.reassignTo).toBeTruthy();
    await expectRefused('orgUnits.delete', { id: sales, reassignTo: north }, 'validation');
    await expectRefused('orgUnits.delete', { id: sales, reassignTo: 99999 }, 'not_found');

    const entriesBefore = auditCount();
    await call(core, 'orgUnits.delete', { id: sales, reassignTo: operations });
    expect((await call(core, 'users.get', { id: live.id })).departmentId).toBe(operations);
    expect(core.store.sqlite.prepare('select department_id from users where id = ?').pluck().get(gone.id)).toBe(operations);
    const settings = groupSettings(group.id);
    expect(settings.visibleUnits).toEqual({ all: false, unitIds: [operations] });
    expect(settings.adminUnits).toEqual([operations]);
    const entry = await lastAudit();
    expect(entry).toMatchObject({ action: 'orgUnit.delete', target: 'Company / Sales' });
    expect(entry?.sentence).toMatch(/^Ada Admin deleted unit Company \/ Sales with 1 unit below it and reassigned 2 users \(Nora North and Test User \d+ \(deleted\)\) and group Sales readers to Company \/ Operations$/);
    expect(auditCount()).toBe(entriesBefore + 1);
    expect((await call(core, 'orgUnits.children', { parentId: company })).map((row) => row.id)).toEqual([operations]);
  });
});

describe('org units: Local administrators', () => {
  async function signInAsLocalAdministratorOf(unitId: number) {
    await call(core, 'users.create', newUser({ username: 'local', sso: false, password: 'unit-keeper-secret', passwordConfirm: 'unit-keeper-secret' }));
    const local = (await call(core, 'users.list', { search: 'local' })).rows[0]!;
    const group = await call(core, 'groups.create', { name: 'Local admins' });
    writeSettings(group.id, { ...defaultGroupSettings(), adminPermission: 'local', adminUnits: [unitId] });
    await call(core, 'memberships.add', { groupId: group.id, userIds: [local.id] });
    await call(core, 'session.signOut', {});
    await call(core, 'session.signIn', { username: 'local', password: 'unit-keeper-secret' });
  }

  test('see and change only their units; the top of the tree and other units are forbidden', async () => {
    const { company, sales, north, operations } = await smallTree();
    await signInAsLocalAdministratorOf(sales);

    const tops = await call(core, 'orgUnits.children', { parentId: null });
    expect(tops.map((row) => [row.id, row.parentId])).toEqual([[sales, company]]);
    expect((await call(core, 'orgUnits.tree', {})).map((node) => node.id).sort()).toEqual([sales, north].sort());
    expect(await call(core, 'orgUnits.children', { parentId: company })).toEqual([tops[0]]);

    const south = (await call(core, 'orgUnits.create', { parentId: sales, name: 'South' })).id;
    await call(core, 'orgUnits.rename', { id: north, name: 'Nord' });
    await call(core, 'orgUnits.move', { id: south, parentId: north });
    await call(core, 'orgUnits.setHidden', { id: south, hidden: true });
    await call(core, 'orgUnits.delete', { id: south });

    await expectRefused('orgUnits.create', { parentId: null, name: 'Mine' }, 'forbidden');
    await expectRefused('orgUnits.create', { parentId: operations, name: 'Mine' }, 'forbidden');
    await expectRefused('orgUnits.rename', { id: operations, name: 'Ops' }, 'forbidden');
    await expectRefused('orgUnits.setHidden', { id: company, hidden: true }, 'forbidden');
    await expectRefused('orgUnits.move', { id: north, parentId: operations }, 'forbidden');
    await expectRefused('orgUnits.move', { id: north, parentId: null }, 'forbidden');
    await expectRefused('orgUnits.move', { id: operations, parentId: sales }, 'forbidden');
    await expectRefused('orgUnits.delete', { id: operations }, 'forbidden');
  });

  test('the first administrator is still a Super Administrator with the whole tree', async () => {
    const { company } = await smallTree();
    await signInAsLocalAdministratorOf(company);
    await call(core, 'session.signOut', {});
    await call(core, 'session.signIn', { username: FIRST_ADMIN.username, password: FIRST_ADMIN.password });
    await call(core, 'orgUnits.create', { parentId: null, name: 'Second company' });
  });
});

describe('org units: moves never break the tree', () => {
  test('any sequence of moves leaves no cycle and every unit reaching a top unit', async () => {
    let run = 0;
    const size = 6;
    const moves = fc.array(fc.tuple(fc.nat(size - 1), fc.option(fc.nat(size - 1), { nil: null })), { maxLength: 25 });
    await fc.assert(
      fc.asyncProperty(moves, async (sequence) => {
        run += 1;
        const ids: number[] = [];
        for (let i = 0; i < size; i += 1) ids.push(await unit(`run ${run} unit ${i}`));
        for (const [from, to] of sequence) {
          await core.invoke('orgUnits.move', { id: ids[from], parentId: to === null ? null : ids[to] });
        }
        const parents = new Map(
          (await call(core, 'orgUnits.tree', {})).filter((node) => ids.includes(node.id)).map((node) => [node.id, node.parentId]),
        );
        expect(parents.size).toBe(size);
        for (const id of ids) {
          let current: number | null = id;
          for (let steps = 0; current !== null; steps += 1) {
            expect(steps).toBeLessThanOrEqual(size);
            current = parents.get(current) ?? null;
          }
        }
      }),
      { numRuns: 40 },
    );
  });
});

// How fast these answer is measured by `npm run bench`, not asserted here: machines differ by up to 3x.
describe('org units at scale', () => {
  test('2,000 units and 100,000 users: levels count children and users, the tree lists them all, a subtree moves', async () => {
    const sqlite = core.store.sqlite;
    const workspaceId = sqlite.prepare('select id from workspaces order by id limit 1').pluck().get() as number;
    const insertUnit = sqlite.prepare('insert into org_units (workspace_id, parent_id, name) values (?, ?, ?) returning id').pluck();
    const leaves: number[] = [];
    sqlite.transaction(() => {
      for (let top = 0; top < 20; top += 1) {
        const topId = insertUnit.get(workspaceId, null, `Division ${top}`) as number;
        for (let mid = 0; mid < 10; mid += 1) {
          const midId = insertUnit.get(workspaceId, topId, `Department ${top}.${mid}`) as number;
          for (let leaf = 0; leaf < 9; leaf += 1) leaves.push(insertUnit.get(workspaceId, midId, `Team ${top}.${mid}.${leaf}`) as number);
        }
      }
      sqlite
        .prepare(
          `with recursive n(i) as (select 1 union all select i + 1 from n where i < 100000)
           insert into users (username, username_key, first_name, last_name, email, email_key, user_type, platform_role, sso, status,
                              department_id, created_at, updated_at)
           select 'bulk' || i, 'bulk' || i, 'Bulk', 'User ' || i, 'bulk' || i || '@example.com', 'bulk' || i || '@example.com',
                  'standard', 'none', 1, 'active', json_extract(?, '$[' || cast(i % ? as integer) || ']'), '2026-01-01', '2026-01-01' from n`,
        )
        .run(JSON.stringify(leaves), leaves.length);
    })();
    const top = { value: await call(core, 'orgUnits.children', { parentId: null }) };
    expect(top.value).toHaveLength(20);
    const firstDivision = top.value[0]!.id;
    const level = { value: await call(core, 'orgUnits.children', { parentId: firstDivision }) };
    expect(level.value[0]?.childCount).toBe(9);
    const teams = await call(core, 'orgUnits.children', { parentId: level.value[0]!.id });
    expect(teams.reduce((sum, row) => sum + row.userCount, 0)).toBeGreaterThan(400);
    const tree = { value: await call(core, 'orgUnits.tree', {}) };
    expect(tree.value).toHaveLength(2020);
    const move = { value: await call(core, 'orgUnits.move', { id: level.value[0]!.id, parentId: top.value[1]!.id }) };
    expect(move.value.parentId).toBe(top.value[1]!.id);
    const usage = { value: await call(core, 'orgUnits.usage', { id: firstDivision }) };
    expect(usage.value.departmentUserCount).toBeGreaterThan(4000);
  }, 60_000);
});
