import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { GROUP_TEMPLATES } from '../../shared/domain/groupTemplates';
import { defaultGroupSettings, type GroupSettings } from '../../shared/domain/permissionModel';
import { createTestCore, type TestCore } from '../support/core';
import { call, callFailing, newUser, setUpAdmin } from '../support/operators';
import { storeHash } from '../support/storeHash';

let core: TestCore;
let adminId: number;
beforeEach(async () => {
  core = await createTestCore();
  adminId = (await setUpAdmin(core)).id;
});
afterEach(async () => core.dispose());

function settings(change: (s: GroupSettings) => void = () => {}): GroupSettings {
  const value = defaultGroupSettings();
  change(value);
  return value;
}

function addUnit(name: string, parentId: number | null): number {
  const result = core.store.sqlite
    .prepare('insert into org_units (workspace_id, parent_id, name) values (?, ?, ?)')
    .run(core.ctx.workspaceId, parentId, name);
  return Number(result.lastInsertRowid);
}

async function latestAudit() {
  return (await call(core, 'audit.list', {})).rows[0];
}

/** Fails with `code` on `field`, and the store is exactly as before. */
async function expectRefused(method: 'groups.create' | 'groups.update', input: unknown, code: string, field?: string) {
  const before = storeHash(core.store.sqlite);
  const error = await callFailing(core, method, input);
  expect(error.code).toBe(code);
  if (field) expect(error.fields?.[field], JSON.stringify(error)).toBeTruthy();
  expect(storeHash(core.store.sqlite)).toBe(before);
  return error;
}

describe('templates', () => {
  test.each(GROUP_TEMPLATES.map((t) => [t.name, t] as const))('%s is created with exactly the settings of seed 001', async (_name, template) => {
    const created = await call(core, 'groups.create', { name: template.name, description: template.description, settings: template.settings });
    const detail = await call(core, 'groups.get', { id: created.id });
    expect(detail.settings).toEqual(template.settings);
    expect(detail).toMatchObject({ name: template.name, description: template.description, licenceLevel: 'full' });
    expect(created.adminPermission).toBe(template.settings.adminPermission);
  });

  test('Create and modify my unit: Create and delete on all areas of Mine, three report grants on Mine and underlying', async () => {
    const template = GROUP_TEMPLATES.find((t) => t.key === 'create_and_modify_my_unit')!;
    const created = await call(core, 'groups.create', { name: template.name, settings: template.settings });
    const { settings: stored } = await call(core, 'groups.get', { id: created.id });
    expect(stored.workGrants).toEqual([{ scope: 'mine', level: 'create_and_delete', area: 'all' }]);
    expect(stored.reportGrants.map((g) => g.permission).sort()).toEqual(['approve_sections', 'edit_customised', 'write']);
    expect(stored.reportGrants.every((g) => g.scope === 'mine_and_underlying')).toBe(true);
    expect(stored.adminPermission).toBe('none');
  });
});

describe('reading', () => {
  test('groups.get answers not_found for a missing group; groups.columns lists the workspace columns', async () => {
    expect((await callFailing(core, 'groups.get', { id: 9999 })).code).toBe('not_found');
    const columns = await call(core, 'groups.columns', {});
    expect(columns.length).toBeGreaterThanOrEqual(3);
  });

  test('a new group without settings gets the defaults; an update without settings keeps them', async () => {
    const created = await call(core, 'groups.create', { name: 'Plain' });
    expect((await call(core, 'groups.get', { id: created.id })).settings).toEqual(defaultGroupSettings());
    const chosen = settings((s) => (s.flags.writeMessages = true));
    await call(core, 'groups.update', { id: created.id, name: 'Plain', description: '', settings: chosen });
    await call(core, 'groups.update', { id: created.id, name: 'Plain renamed', description: '' });
    expect((await call(core, 'groups.get', { id: created.id })).settings).toEqual(chosen);
  });
});

describe('rules enforced in main, with the field', () => {
  test('the landing menu must be allowed', async () => {
    const bad = settings((s) => ((s.landingMenu = 'reports'), (s.allowedMenus = ['home'])));
    await expectRefused('groups.create', { name: 'G', settings: bad }, 'validation', 'settings.allowedMenus');
  });

  test('flags follow the administrator permission', async () => {
    const group = await call(core, 'groups.create', { name: 'G' });
    const input = (s: GroupSettings) => ({ id: group.id, name: 'G', description: '', settings: s });
    await expectRefused('groups.update', input(settings((s) => (s.flags.importKpiData = true))), 'validation', 'settings.flags.importKpiData');
    await expectRefused(
      'groups.update',
      input(settings((s) => ((s.adminPermission = 'full'), (s.flags.administerExternalLinks = true)))),
      'validation',
      'settings.flags.administerExternalLinks',
    );
    await expectRefused(
      'groups.update',
      input(settings((s) => ((s.adminPermission = 'local'), (s.flags.annualCycleEvents = true)))),
      'validation',
      'settings.flags.annualCycleEvents',
    );
    await call(core, 'groups.update', input(settings((s) => ((s.adminPermission = 'local'), (s.flags.importKpiData = true)))));
  });

  test('units must exist, and only Local has admin units', async () => {
    const unit = addUnit('Finance', null);
    await expectRefused('groups.create', { name: 'G', settings: settings((s) => (s.visibleUnits = { all: false, unitIds: [unit + 50] })) }, 'validation', 'settings.visibleUnits');
    await expectRefused('groups.create', { name: 'G', settings: settings((s) => (s.adminUnits = [unit])) }, 'validation', 'settings.adminUnits');
    const local = await call(core, 'groups.create', {
      name: 'G',
      settings: settings((s) => ((s.adminPermission = 'local'), (s.adminUnits = [unit]), (s.visibleUnits = { all: false, unitIds: [unit] }))),
    });
    expect(local.adminPermission).toBe('local');
  });

  test('column grants name an existing column; no grant row twice', async () => {
    const [column] = await call(core, 'groups.columns', {});
    const grant = { scope: 'mine', level: 'change', area: 'measure' } as const;
    await expectRefused('groups.create', { name: 'G', settings: settings((s) => (s.columnGrants = [{ ...grant, columnId: 987 }])) }, 'validation', 'settings.columnGrants.0');
    await expectRefused('groups.create', { name: 'G', settings: settings((s) => (s.workGrants = [grant, grant])) }, 'validation', 'settings.workGrants.1');
    const twice = { permission: 'write', scope: 'all' } as const;
    await expectRefused('groups.create', { name: 'G', settings: settings((s) => (s.reportGrants = [twice, twice])) }, 'validation', 'settings.reportGrants.1');
    await call(core, 'groups.create', { name: 'G', settings: settings((s) => (s.columnGrants = [{ ...grant, columnId: column!.id }])) });
  });
});

describe('licence lock', () => {
  test('a Member group can be created but not edited, and the refusal says why', async () => {
    const group = await call(core, 'groups.create', { name: 'Members', licenceLevel: 'member' });
    expect(group.licenceLevel).toBe('member');
    const error = await expectRefused('groups.update', { id: group.id, name: 'Renamed', description: '' }, 'forbidden');
    expect(error.message).toMatch(/Member licence level, so its settings are locked/);
    const reporter = await call(core, 'groups.create', { name: 'Reporters', licenceLevel: 'reporter' });
    await expectRefused('groups.update', { id: reporter.id, name: 'Reporters', description: '', settings: settings() }, 'forbidden');
  });
});

describe('only as extra permission', () => {
  test('refused while the group is someone\u2019s main group, naming them', async () => {
    const user = await call(core, 'users.create', newUser({ firstName: 'Maja', lastName: 'Main' }));
    const group = await call(core, 'groups.create', { name: 'Main one' });
    await call(core, 'memberships.add', { groupId: group.id, userIds: [user.id] });
    core.store.sqlite.prepare('update memberships set is_main = 1 where group_id = ? and user_id = ?').run(group.id, user.id);
    const error = await expectRefused(
      'groups.update',
      { id: group.id, name: 'Main one', description: '', settings: settings((s) => (s.advanced.onlyAsExtra = true)) },
      'conflict',
      'settings.advanced.onlyAsExtra',
    );
    expect(error.message).toContain('Maja Main');
    core.store.sqlite.prepare('update memberships set is_main = 0 where group_id = ?').run(group.id);
    await call(core, 'groups.update', { id: group.id, name: 'Main one', description: '', settings: settings((s) => (s.advanced.onlyAsExtra = true)) });
    expect((await call(core, 'groups.get', { id: group.id })).onlyAsExtra).toBe(true);
  });
});

describe('audit', () => {
  test('an update records before → after of what changed only; saving the same settings writes nothing', async () => {
    const group = await call(core, 'groups.create', { name: 'Audited', settings: settings() });
    const changed = settings((s) => {
      s.adminPermission = 'local';
      s.flags.importKpiData = true;
      s.workGrants = [{ scope: 'all', level: 'change', area: 'all' }];
    });
    await call(core, 'groups.update', { id: group.id, name: 'Audited', description: '', settings: changed });
    const entry = await latestAudit();
    expect(entry).toMatchObject({ action: 'group.update', target: 'Audited' });
    expect(entry!.sentence).toContain('administrator permission: None → Local administrator');
    expect(entry!.sentence).toContain('import KPI data: No → Yes');
    expect(entry!.sentence).toContain('work permissions: none → Change in All areas, All units');
    expect(entry!.sentence).not.toContain('language');
    const before = storeHash(core.store.sqlite);
    await call(core, 'groups.update', { id: group.id, name: 'Audited', description: '', settings: changed });
    expect(storeHash(core.store.sqlite)).toBe(before);
  });
});

describe('Local administrators', () => {
  let units: { top: number; sales: number; salesNorth: number; finance: number };

  async function signInAsLocalAdministrator() {
    const top = addUnit('Company', null);
    const sales = addUnit('Sales', top);
    units = { top, sales, salesNorth: addUnit('Sales North', sales), finance: addUnit('Finance', top) };
    const operator = await call(core, 'users.create', newUser({ platformRole: 'provisioner' }));
    const localGroup = await call(core, 'groups.create', {
      name: 'Sales administrators',
      settings: settings((s) => ((s.adminPermission = 'local'), (s.adminUnits = [sales]))),
    });
    await call(core, 'memberships.add', { groupId: localGroup.id, userIds: [operator.id] });
    core.ctx.session.operatorId = operator.id;
  }

  const within = (s: GroupSettings) => (s.visibleUnits = { all: false, unitIds: [units.salesNorth] });

  test('may create and edit groups inside their units', async () => {
    await signInAsLocalAdministrator();
    const group = await call(core, 'groups.create', { name: 'North sellers', settings: settings(within) });
    const local = settings((s) => (within(s), (s.adminPermission = 'local'), (s.adminUnits = [units.salesNorth])));
    await call(core, 'groups.update', { id: group.id, name: 'North sellers', description: '', settings: local });
    expect((await call(core, 'groups.get', { id: group.id })).settings.adminUnits).toEqual([units.salesNorth]);
  });

  test('may not grant Full, nor reach units outside theirs', async () => {
    await signInAsLocalAdministrator();
    await expectRefused('groups.create', { name: 'G', settings: settings((s) => (within(s), (s.adminPermission = 'full'))) }, 'forbidden', 'settings.adminPermission');
    await expectRefused('groups.create', { name: 'G', settings: settings() }, 'forbidden', 'settings.visibleUnits');
    await expectRefused('groups.create', { name: 'G', settings: settings((s) => (s.visibleUnits = { all: false, unitIds: [units.finance] })) }, 'forbidden', 'settings.visibleUnits');
    await expectRefused(
      'groups.create',
      { name: 'G', settings: settings((s) => (within(s), (s.adminPermission = 'local'), (s.adminUnits = [units.top]))) },
      'forbidden',
      'settings.adminUnits',
    );
  });

  test('may not edit a group that reaches beyond their units', async () => {
    core.ctx.session.operatorId = adminId;
    const everywhere = await call(core, 'groups.create', { name: 'Everyone', settings: settings() });
    await signInAsLocalAdministrator();
    const error = await expectRefused('groups.update', { id: everywhere.id, name: 'Everyone', description: '', settings: settings(within) }, 'forbidden');
    expect(error.message).toMatch(/Everyone reaches beyond them/);
  });
});
