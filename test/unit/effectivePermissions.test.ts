import { describe, expect, test } from 'vitest';
import {
  cellAt,
  compactRows,
  describeReason,
  levelSummary,
  matrix,
  preparePermissions,
  reportAt,
  strongestLevel,
  summary,
  type PermissionGroupInput,
  type PermissionInput,
  type PermissionReason,
} from '../../shared/domain/effectivePermissions';
import { GROUP_TEMPLATES, templateSettings, type GroupTemplateKey } from '../../shared/domain/groupTemplates';
import { OrgTree } from '../../shared/domain/orgTree';
import { REPORT_PERMISSIONS, defaultGroupSettings, type GroupSettings, type WorkLevel } from '../../shared/domain/permissionModel';
import type { UserType } from '../../shared/domain/users';

const COMPANY = 1;
const SALES = 2;
const SALES_NORTH = 3;
const OPERATIONS = 4;
const SECRET = 5;

const tree = new OrgTree([
  { id: COMPANY, parentId: null, name: 'Company', hidden: false },
  { id: SALES, parentId: COMPANY, name: 'Sales', hidden: false },
  { id: SALES_NORTH, parentId: SALES, name: 'Sales North', hidden: false },
  { id: OPERATIONS, parentId: COMPANY, name: 'Operations', hidden: false },
  { id: SECRET, parentId: COMPANY, name: 'Secret', hidden: true },
]);
const BUDGET = 100;
const columns = [{ id: BUDGET, name: 'Budget' }];

function group(id: number, name: string, settings: GroupSettings, membership: 'main' | 'extra' = 'main'): PermissionGroupInput {
  return { id, name, membership, settings };
}

function fromTemplate(key: GroupTemplateKey, id = 1): PermissionGroupInput {
  const template = GROUP_TEMPLATES.find((t) => t.key === key);
  return group(id, template?.name ?? key, templateSettings(key));
}

function withSettings(change: (settings: GroupSettings) => void): GroupSettings {
  const settings = defaultGroupSettings();
  change(settings);
  return settings;
}

function input(groups: PermissionGroupInput[], departmentId: number | null = SALES, userType: UserType = 'standard'): PermissionInput {
  return { tree, user: { departmentId, userType }, groups, columns };
}

function levelsAt(permissionInput: PermissionInput, unitId: number, area: 'text' | 'measure' | 'activity' = 'measure', columnId: number | null = null): readonly WorkLevel[] {
  return cellAt(permissionInput, unitId, { area, columnId }).levels;
}

const CREATE_AND_DELETE: WorkLevel[] = ['create_and_delete', 'create', 'change', 'comment', 'change_kpi_data', 'read_documents'];
const READ: WorkLevel[] = ['read_documents'];

describe('the three seed templates', () => {
  test('Global Administrator: create and delete everywhere visible, every report permission but the two prepare ones', () => {
    const admin = input([fromTemplate('global_administrator')]);
    for (const unitId of [COMPANY, SALES, SALES_NORTH, OPERATIONS]) expect(levelsAt(admin, unitId, 'text')).toEqual(CREATE_AND_DELETE);
    expect(levelsAt(admin, SECRET)).toEqual([]);
    expect(reportAt(admin, OPERATIONS, 'approve_entire').granted).toBe(true);
    expect(reportAt(admin, OPERATIONS, 'prepare_assigned').granted).toBe(false);
    expect(reportAt(admin, OPERATIONS, 'prepare_delivered').granted).toBe(false);
    const s = summary(admin);
    expect(s.adminPermission).toBe('full');
    expect(s.adminUnitIds).toHaveLength(5);
    expect(s.allowedMenus).toEqual(['home', 'planning', 'administration']);
    expect(s.flags.allowPlanning && s.flags.writeMessages).toBe(true);
  });

  test('Create and modify my unit: create and delete on the department only, reports on it and below', () => {
    const manager = input([fromTemplate('create_and_modify_my_unit')]);
    expect(levelsAt(manager, SALES)).toEqual(CREATE_AND_DELETE);
    expect(levelsAt(manager, SALES_NORTH)).toEqual(READ);
    expect(levelsAt(manager, COMPANY)).toEqual(READ);
    expect(reportAt(manager, SALES_NORTH, 'write').granted).toBe(true);
    expect(reportAt(manager, SALES, 'approve_sections').granted).toBe(true);
    expect(reportAt(manager, COMPANY, 'write').granted).toBe(false);
    expect(reportAt(manager, SALES, 'create_and_manage').granted).toBe(false);
    expect(summary(manager).adminPermission).toBe('none');
  });

  test('Read all units: read documents on every visible unit and no report permission', () => {
    const reader = input([fromTemplate('read_all_units')]);
    const all = matrix(reader);
    const visibleCells = all.cells.filter((c) => c.unitId !== SECRET);
    expect(visibleCells.every((c) => c.levels.join() === 'read_documents')).toBe(true);
    expect(all.reports.some((r) => r.granted)).toBe(false);
  });

  test('the templates are exactly the settings of seed 001', () => {
    const [admin, manager, reader] = GROUP_TEMPLATES.map((t) => t.settings);
    const base = defaultGroupSettings();
    expect(GROUP_TEMPLATES.map((t) => [t.key, t.name])).toEqual([
      ['global_administrator', 'Global Administrator'],
      ['create_and_modify_my_unit', 'Create and modify my unit'],
      ['read_all_units', 'Read all units'],
    ]);
    expect(admin).toEqual({
      ...base,
      adminPermission: 'full',
      allowedMenus: ['home', 'planning', 'administration'],
      flags: { ...base.flags, allowPlanning: true, writeMessages: true },
      workGrants: [{ scope: 'all', level: 'create_and_delete', area: 'all' }],
      reportGrants: REPORT_PERMISSIONS.filter((p) => p !== 'prepare_assigned' && p !== 'prepare_delivered').map((permission) => ({ permission, scope: 'all' })),
    });
    expect(manager).toEqual({
      ...base,
      workGrants: [{ scope: 'mine', level: 'create_and_delete', area: 'all' }],
      reportGrants: [
        { permission: 'edit_customised', scope: 'mine_and_underlying' },
        { permission: 'write', scope: 'mine_and_underlying' },
        { permission: 'approve_sections', scope: 'mine_and_underlying' },
      ],
    });
    expect(reader).toEqual({ ...base, workGrants: [{ scope: 'all', level: 'read_documents', area: 'all' }] });
    for (const t of GROUP_TEMPLATES) expect(t.description.length).toBeGreaterThan(20);
  });

  test('template settings are fresh copies', () => {
    const copy = templateSettings('read_all_units');
    copy.workGrants.push({ scope: 'mine', level: 'change', area: 'text' });
    expect(templateSettings('read_all_units').workGrants).toHaveLength(1);
  });
});

describe('level implications', () => {
  function only(level: WorkLevel): readonly WorkLevel[] {
    return levelsAt(input([group(1, 'G', withSettings((s) => (s.workGrants = [{ scope: 'mine', level, area: 'measure' }])))]), SALES);
  }

  test('Create and delete ⊃ Create ⊃ Change ⊃ Comment, and Change ⊃ Change KPI data', () => {
    expect(only('create_and_delete')).toEqual(CREATE_AND_DELETE);
    expect(only('create')).toEqual(['create', 'change', 'comment', 'change_kpi_data', 'read_documents']);
    expect(only('change')).toEqual(['change', 'comment', 'change_kpi_data', 'read_documents']);
  });

  test('Comment does not imply Change KPI data, nor the other way round', () => {
    expect(only('comment')).toEqual(['comment', 'read_documents']);
    expect(only('change_kpi_data')).toEqual(['change_kpi_data', 'read_documents']);
  });

  test('a grant for one area gives nothing in another', () => {
    const g = input([group(1, 'G', withSettings((s) => (s.workGrants = [{ scope: 'mine', level: 'change', area: 'measure' }])))]);
    expect(levelsAt(g, SALES, 'text')).toEqual(READ);
  });

  test('strongestLevel and levelSummary', () => {
    expect(strongestLevel(CREATE_AND_DELETE)).toBe('create_and_delete');
    expect(strongestLevel([])).toBeNull();
    expect(levelSummary(CREATE_AND_DELETE)).toBe('Create and delete');
    expect(levelSummary(['comment', 'change_kpi_data', 'read_documents'])).toBe('Comment + Change KPI data');
    expect(levelSummary(READ)).toBe('Read documents');
    expect(levelSummary([])).toBe('No access');
  });
});

describe('union across groups', () => {
  test('main and extra groups add up', () => {
    const both = input([
      group(1, 'Commenters', withSettings((s) => (s.workGrants = [{ scope: 'mine', level: 'comment', area: 'all' }]))),
      group(2, 'Reporters', withSettings((s) => (s.workGrants = [{ scope: 'mine_and_underlying', level: 'change_kpi_data', area: 'measure' }])), 'extra'),
    ]);
    expect(levelsAt(both, SALES)).toEqual(['comment', 'change_kpi_data', 'read_documents']);
    expect(levelsAt(both, SALES_NORTH)).toEqual(['change_kpi_data', 'read_documents']);
    expect(levelsAt(both, SALES, 'text')).toEqual(['comment', 'read_documents']);
  });
});

describe('column-specific grants', () => {
  test('widening: the column gets more than the general grants', () => {
    const planners = input([
      group(7, 'Planners', withSettings((s) => {
        s.workGrants = [{ scope: 'mine', level: 'comment', area: 'measure' }];
        s.columnGrants = [{ scope: 'mine_and_underlying', level: 'change', area: 'measure', columnId: BUDGET }];
      })),
    ]);
    expect(levelsAt(planners, SALES)).toEqual(['comment', 'read_documents']);
    expect(levelsAt(planners, SALES, 'measure', BUDGET)).toEqual(['change', 'comment', 'change_kpi_data', 'read_documents']);
    expect(levelsAt(planners, SALES_NORTH, 'measure', BUDGET)).toEqual(['change', 'comment', 'change_kpi_data', 'read_documents']);
    const reasons = cellAt(planners, SALES, { area: 'measure', columnId: BUDGET }).reasons;
    expect(reasons.map((r) => r.kind)).toEqual(['visible', 'column_grant', 'column_override']);
  });

  test('narrowing: the column gets less, even for an area the column grants do not name', () => {
    const planners = input([
      group(7, 'Planners', withSettings((s) => {
        s.workGrants = [{ scope: 'all', level: 'create_and_delete', area: 'all' }];
        s.columnGrants = [{ scope: 'mine', level: 'comment', area: 'measure', columnId: BUDGET }];
      })),
    ]);
    expect(levelsAt(planners, SALES, 'measure', BUDGET)).toEqual(['comment', 'read_documents']);
    expect(levelsAt(planners, OPERATIONS, 'measure', BUDGET)).toEqual(READ);
    expect(levelsAt(planners, SALES, 'text', BUDGET)).toEqual(READ);
    expect(levelsAt(planners, SALES, 'measure', 999)).toEqual(CREATE_AND_DELETE);
    const override = cellAt(planners, OPERATIONS, { area: 'measure', columnId: BUDGET }).reasons.find((r) => r.kind === 'column_override');
    expect(override && describeReason(override, tree, columns)).toBe('Planners: general permissions replaced by column-specific permissions for column Budget');
  });

  test('the override is per group: another group without column grants keeps its general grants on the column', () => {
    const mixed = input([
      group(7, 'Planners', withSettings((s) => {
        s.workGrants = [{ scope: 'all', level: 'create', area: 'all' }];
        s.columnGrants = [{ scope: 'mine', level: 'comment', area: 'measure', columnId: BUDGET }];
      })),
      group(8, 'Editors', withSettings((s) => (s.workGrants = [{ scope: 'mine', level: 'change', area: 'measure' }])), 'extra'),
    ]);
    expect(levelsAt(mixed, SALES, 'measure', BUDGET)).toEqual(['change', 'comment', 'change_kpi_data', 'read_documents']);
  });
});

describe('Read-Only cap', () => {
  test('work levels are capped at Read documents and the removal is explained', () => {
    const capped = input([fromTemplate('global_administrator')], SALES, 'read_only');
    const cell = cellAt(capped, SALES, { area: 'text', columnId: null });
    expect(cell.levels).toEqual(READ);
    const cap = cell.reasons.find((r) => r.kind === 'read_only_cap');
    expect(cap && describeReason(cap, tree, columns)).toBe('Read-Only user: capped at read (removed Create and delete, Create, Change, Comment, Change KPI data)');
  });

  test('the cap names exactly what was removed', () => {
    const capped = input([group(1, 'Planners', withSettings((s) => (s.workGrants = [{ scope: 'mine', level: 'change', area: 'measure' }])))], SALES, 'read_only');
    const cap = cellAt(capped, SALES, { area: 'measure', columnId: null }).reasons.find((r) => r.kind === 'read_only_cap');
    expect(cap && describeReason(cap, tree, columns)).toBe('Read-Only user: capped at read (removed Change, Comment, Change KPI data)');
    expect(cellAt(capped, OPERATIONS, { area: 'measure', columnId: null }).reasons.some((r) => r.kind === 'read_only_cap')).toBe(false);
  });

  test('report permissions are all removed', () => {
    const capped = input([fromTemplate('global_administrator')], SALES, 'read_only');
    const report = reportAt(capped, SALES, 'write');
    expect(report.granted).toBe(false);
    expect(report.reasons.at(-1)).toEqual({ kind: 'read_only_cap', removed: [], removedReport: 'write' });
    expect(matrix(capped).reports.some((r) => r.granted)).toBe(false);
    expect(compactRows(capped)[0]?.level).toBeNull();
  });
});

describe('hidden and invisible units', () => {
  test('a hidden unit is seen only with Show hidden units, by any group', () => {
    const plain = input([fromTemplate('global_administrator')]);
    expect(cellAt(plain, SECRET, { area: 'text', columnId: null }).reasons).toEqual([{ kind: 'hidden' }]);
    expect(reportAt(plain, SECRET, 'write').reasons).toEqual([{ kind: 'hidden' }]);
    const shower = group(2, 'Shows hidden', withSettings((s) => {
      s.visibleUnits = { all: false, unitIds: [OPERATIONS] };
      s.flags.showHiddenUnits = true;
    }), 'extra');
    const showing = input([fromTemplate('global_administrator'), shower]);
    expect(levelsAt(showing, SECRET, 'text')).toEqual(CREATE_AND_DELETE);
    expect(summary(showing).visibleUnitIds).toContain(SECRET);
  });

  test('a unit outside every group\'s visible units gets nothing, whatever the grants', () => {
    const narrow = input([group(1, 'Sales only', withSettings((s) => {
      s.visibleUnits = { all: false, unitIds: [SALES] };
      s.workGrants = [{ scope: 'all', level: 'create', area: 'all' }];
      s.reportGrants = [{ permission: 'write', scope: 'all' }];
    }))]);
    expect(levelsAt(narrow, SALES_NORTH)).toEqual(['create', 'change', 'comment', 'change_kpi_data', 'read_documents']);
    const outside = cellAt(narrow, OPERATIONS, { area: 'measure', columnId: null });
    expect(outside).toEqual({ unitId: OPERATIONS, area: 'measure', columnId: null, levels: [], reasons: [{ kind: 'not_visible' }] });
    expect(reportAt(narrow, OPERATIONS, 'write').granted).toBe(false);
    expect(describeReason({ kind: 'not_visible' }, tree, columns)).toBe('Not among the visible units of any group');
    expect(describeReason({ kind: 'hidden' }, tree, columns)).toBe('Hidden unit');
    expect(summary(narrow).visibleUnitIds).toEqual([SALES, SALES_NORTH]);
  });

  test('no groups: nothing visible, landing on Home', () => {
    const none = input([]);
    expect(matrix(none).cells.every((c) => c.levels.length === 0)).toBe(true);
    expect(summary(none)).toMatchObject({ adminPermission: 'none', adminUnitIds: [], visibleUnitIds: [], landingMenu: 'home', allowedMenus: ['home'] });
  });
});

describe('a user without a department', () => {
  test('only All scopes apply', () => {
    for (const departmentId of [null, 999]) {
      const homeless = input([fromTemplate('create_and_modify_my_unit'), fromTemplate('read_all_units', 2)], departmentId);
      expect(levelsAt(homeless, SALES)).toEqual(READ);
      expect(reportAt(homeless, SALES, 'write').granted).toBe(false);
      expect(compactRows(homeless).map((r) => r.groupName)).toEqual(['Read all units']);
    }
  });
});

describe('explaining', () => {
  const planners = input([
    group(7, 'Planners', withSettings((s) => {
      s.workGrants = [
        { scope: 'mine', level: 'comment', area: 'text' },
        { scope: 'mine_and_underlying', level: 'change', area: 'measure' },
      ];
      s.reportGrants = [{ permission: 'write', scope: 'top_and_mine' }];
    })),
  ]);

  test('a work grant names group, grant index, grant and the covering piece', () => {
    const reasons = cellAt(planners, SALES_NORTH, { area: 'measure', columnId: null }).reasons;
    const grant = reasons.find((r): r is Extract<PermissionReason, { kind: 'work_grant' }> => r.kind === 'work_grant');
    expect(grant).toMatchObject({ groupId: 7, groupName: 'Planners', grantIndex: 1, piece: { unitId: SALES, includesSubtree: true } });
    expect(grant && describeReason(grant, tree, columns)).toBe('Planners: Change on Measure, scope Mine and underlying (Sales and below)');
    expect(describeReason({ kind: 'visible', groupId: 7, groupName: 'Planners' }, tree, columns)).toBe('Planners: visible unit (Read documents)');
  });

  test('a report grant names its piece', () => {
    const reasons = reportAt(planners, COMPANY, 'write').reasons;
    expect(reasons.map((r) => describeReason(r, tree, columns))).toEqual(['Planners: Write in reports, scope Top and mine (Company)']);
  });

  test('compact rows: one per scope piece and grant, never per unit', () => {
    expect(compactRows(planners)).toEqual([
      { unitId: SALES, includesSubtree: false, area: 'text', columnId: null, level: 'comment', groupId: 7, groupName: 'Planners', reason: 'Planners: Comment on Text, scope Mine (Sales)' },
      {
        unitId: SALES,
        includesSubtree: true,
        area: 'measure',
        columnId: null,
        level: 'change',
        groupId: 7,
        groupName: 'Planners',
        reason: 'Planners: Change on Measure, scope Mine and underlying (Sales and below)',
      },
    ]);
  });

  test('summary: landing menu of the main group, union of menus, flags ORed, Local administrator units', () => {
    const local = group(3, 'Local admins', withSettings((s) => {
      s.adminPermission = 'local';
      s.adminUnits = [SALES, SECRET];
      s.landingMenu = 'reports';
      s.allowedMenus = ['reports', 'dashboards'];
      s.advanced.onlyAsExtra = true;
      s.flags.importKpiData = true;
    }), 'extra');
    const main = group(4, 'Main', withSettings((s) => {
      s.landingMenu = 'scorecards';
      s.allowedMenus = ['scorecards', 'home'];
    }));
    expect(summary(input([local, main]))).toEqual({
      adminPermission: 'local',
      adminUnitIds: [SALES, SALES_NORTH],
      visibleUnitIds: [COMPANY, OPERATIONS, SALES, SALES_NORTH],
      landingMenu: 'scorecards',
      allowedMenus: ['home', 'scorecards', 'reports', 'dashboards'],
      flags: { ...defaultGroupSettings().flags, importKpiData: true },
      onlyAsExtraGroupIds: [3],
    });
    expect(summary(input([local])).landingMenu).toBe('reports');
  });
});

describe('matrix', () => {
  test('filters by units and areas; general cells and one per column', () => {
    const m = matrix(input([fromTemplate('global_administrator')]), { unitIds: [SALES], areas: ['text'] });
    expect(m.cells.map((c) => [c.unitId, c.area, c.columnId])).toEqual([
      [SALES, 'text', null],
      [SALES, 'text', BUDGET],
    ]);
    expect(m.reports).toHaveLength(REPORT_PERMISSIONS.length);
  });

  test('prepared cells agree with one-off cells', () => {
    const permissionInput = input([fromTemplate('create_and_modify_my_unit'), fromTemplate('read_all_units', 2)]);
    const prepared = preparePermissions(permissionInput);
    for (const unitId of tree.allIds()) {
      expect(prepared.cellAt(unitId, { area: 'activity', columnId: null })).toEqual(cellAt(permissionInput, unitId, { area: 'activity', columnId: null }));
    }
  });
});
