import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { METHODS, type Method } from '../../shared/contract';
import { POLICY } from '../../shared/domain/policy';
import { templateSettings, type GroupTemplateKey } from '../../shared/domain/groupTemplates';
import { createTestCore, type TestCore } from '../support/core';
import { call, callFailing, newUser, setUpAdmin } from '../support/operators';

let core: TestCore;
beforeEach(async () => {
  core = await createTestCore();
  await setUpAdmin(core);
});
afterEach(async () => core.dispose());

/** Org / Sales / Sales North, and Org / Finance. */
async function smallTree() {
  const org = await call(core, 'orgUnits.create', { parentId: null, name: 'Org' });
  const sales = await call(core, 'orgUnits.create', { parentId: org.id, name: 'Sales' });
  const north = await call(core, 'orgUnits.create', { parentId: sales.id, name: 'Sales North' });
  const finance = await call(core, 'orgUnits.create', { parentId: org.id, name: 'Finance' });
  return { org, sales, north, finance };
}

async function groupFromTemplate(key: GroupTemplateKey, name: string) {
  return call(core, 'groups.create', { name, settings: templateSettings(key) });
}

async function userIn(groupIds: number[], overrides: Parameters<typeof newUser>[0] = {}) {
  const user = await call(core, 'users.create', newUser(overrides));
  for (const groupId of groupIds) await call(core, 'memberships.add', { groupId, userIds: [user.id] });
  return user;
}

function auditActions(): string[] {
  return core.store.sqlite.prepare('select action from audit_log order by id').pluck().all() as string[];
}

describe('effective permissions of a user', () => {
  test('a member of "Create and modify my unit" creates and deletes in their unit only, and the view says why', async () => {
    const { sales, north, finance } = await smallTree();
    const group = await groupFromTemplate('create_and_modify_my_unit', 'Unit managers');
    const user = await userIn([group.id], { lastName: 'Manager', departmentId: sales.id });

    const view = await call(core, 'permissions.effective', { userId: user.id, areas: ['text'] });
    const cellAt = (unitId: number) => view.cells.find((cell) => cell.unitId === unitId && cell.area === 'text' && cell.columnId === null);
    expect(cellAt(sales.id)?.level).toBe('Create and delete');
    expect(cellAt(finance.id)?.levels).not.toContain('create_and_delete');
    expect(cellAt(north.id)?.levels).not.toContain('create');
    const why = (cellAt(sales.id)?.reasons ?? []).map((ref) => view.reasonTexts[ref]).join(' | ');
    expect(why).toContain('Unit managers');
    expect(view.subject.groups).toEqual([{ id: group.id, name: 'Unit managers', isMain: true }]);
    expect(view.cells.every((cell) => cell.area === 'text')).toBe(true);
    // The template's report grants reach the unit and below.
    const reportsAtNorth = view.reports.filter((report) => report.unitId === north.id).map((report) => report.permission);
    expect(reportsAtNorth).toEqual(expect.arrayContaining(['edit_customised', 'write', 'approve_sections']));
  });

  test('the unit filter shows that unit and its subtree only', async () => {
    const { sales, north } = await smallTree();
    const group = await groupFromTemplate('read_all_units', 'Readers');
    const user = await userIn([group.id]);
    const view = await call(core, 'permissions.effective', { userId: user.id, unitId: sales.id });
    expect(view.units.map((unit) => unit.id).sort()).toEqual([sales.id, north.id].sort());
    expect(view.units.find((unit) => unit.id === north.id)).toMatchObject({ path: 'Org / Sales / Sales North', depth: 2 });
  });
});

describe('who has access here', () => {
  test('lists holders with level and reason, filters by level and pages', async () => {
    const { sales } = await smallTree();
    const admins = await groupFromTemplate('global_administrator', 'Global admins');
    const readers = await groupFromTemplate('read_all_units', 'Readers');
    await userIn([admins.id], { lastName: 'Alpha' });
    await userIn([readers.id], { lastName: 'Bravo' });
    await userIn([readers.id], { lastName: 'Charlie' });
    await userIn([], { lastName: 'Delta' });

    const target = { kind: 'area', area: 'measure', columnId: null } as const;
    const all = await call(core, 'permissions.whoHas', { unitId: sales.id, target, page: 1, pageSize: 2 });
    expect(all.total).toBe(3);
    expect(all.rows.map((row) => row.label)).toEqual([expect.stringContaining('Alpha'), expect.stringContaining('Bravo')]);
    expect(all.rows[0]?.level).toBe('Create and delete');
    expect(all.rows[0]?.reasons.join(' ')).toContain('Global admins');
    expect(all.levelCounts).toEqual(expect.arrayContaining([{ level: 'Read documents', count: 2 }, { level: 'Create and delete', count: 1 }]));

    const second = await call(core, 'permissions.whoHas', { unitId: sales.id, target, page: 2, pageSize: 2 });
    expect(second.rows.map((row) => row.label)).toEqual([expect.stringContaining('Charlie')]);

    const changers = await call(core, 'permissions.whoHas', { unitId: sales.id, target, level: 'change' });
    expect(changers.rows.map((row) => row.label)).toEqual([expect.stringContaining('Alpha')]);

    const reports = await call(core, 'permissions.whoHas', { unitId: sales.id, target: { kind: 'report', permission: 'write' } });
    expect(reports.rows.map((row) => row.level)).toEqual(['Granted']);
  });
});

describe('compare', () => {
  test('two users: settings that differ are marked, and the cells that differ are listed', async () => {
    const { sales } = await smallTree();
    const admins = await groupFromTemplate('global_administrator', 'Global admins');
    const readers = await groupFromTemplate('read_all_units', 'Readers');
    const left = await userIn([admins.id]);
    const right = await userIn([readers.id]);
    const comparison = await call(core, 'permissions.compareUsers', { leftUserId: left.id, rightUserId: right.id });
    expect(comparison.rows.find((row) => row.label === 'Main group')).toMatchObject({ left: 'Global admins', right: 'Readers', differs: true });
    expect(comparison.rows.find((row) => row.label === 'Visible units')?.differs).toBe(false);
    expect(comparison.cellDifferences.some((cell) => cell.unitPath === 'Org / Sales' && cell.left === 'Create and delete')).toBe(true);
    expect(sales.id).toBeGreaterThan(0);
  });

  test('a group compared with itself has no differences; two templates do', async () => {
    const admins = await groupFromTemplate('global_administrator', 'Global admins');
    const readers = await groupFromTemplate('read_all_units', 'Readers');
    const same = await call(core, 'permissions.compareGroups', { leftGroupId: admins.id, rightGroupId: admins.id });
    expect(same.rows.some((row) => row.differs)).toBe(false);
    const different = await call(core, 'permissions.compareGroups', { leftGroupId: admins.id, rightGroupId: readers.id });
    expect(different.rows.filter((row) => row.differs).length).toBeGreaterThan(0);
  });
});

describe('view as', () => {
  test('start and end are recorded in the audit log and shown in the session status', async () => {
    const lower = await userIn([], { lastName: 'Lower' });
    const state = await call(core, 'viewAs.start', { userId: lower.id, reason: 'ticket 42' });
    expect(state.label).toContain('Lower');
    expect((await call(core, 'session.status', {})).viewAs).toMatchObject({ userId: lower.id });
    await call(core, 'viewAs.end', {});
    expect((await call(core, 'session.status', {})).viewAs).toBeNull();
    expect(auditActions().slice(-2)).toEqual(['viewAs.start', 'viewAs.end']);
  });

  test('is refused for a user with an equal platform role, and for yourself', async () => {
    const peer = await call(core, 'users.create', newUser({ lastName: 'Peer', platformRole: 'super_admin' }));
    const refused = await callFailing(core, 'viewAs.start', { userId: peer.id });
    expect(refused.code).toBe('forbidden');
    expect(refused.message).toMatch(/lower platform role/);
    const self = core.store.sqlite.prepare("select id from users where username = 'ada'").pluck().get() as number;
    expect((await callFailing(core, 'viewAs.start', { userId: self })).code).toBe('forbidden');
    expect((await call(core, 'session.status', {})).viewAs).toBeNull();
  });

  test('every method that changes something is refused while viewing as, reads still work', async () => {
    const lower = await userIn([], { lastName: 'Lower' });
    await call(core, 'viewAs.start', { userId: lower.id });
    const mutating = METHODS.filter((method: Method) => POLICY[method].mutates && method !== 'viewAs.end');
    expect(mutating.length).toBeGreaterThan(10);
    for (const method of mutating) {
      const refused = await callFailing(core, method, {});
      expect(refused.code, method).toBe('forbidden');
    }
    const usersCreate = await callFailing(core, 'users.create', newUser());
    expect(usersCreate.message).toMatch(/viewing as .*read-only/);
    await call(core, 'users.list', {});
    await call(core, 'permissions.effective', { userId: lower.id });
    await call(core, 'viewAs.end', {});
    await call(core, 'users.create', newUser());
  });
});
