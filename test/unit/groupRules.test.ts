import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { GroupSettings as GroupSettingsSchema } from '../../shared/contract/groupSettings';
import { GROUP_TEMPLATES } from '../../shared/domain/groupTemplates';
import { groupSettingsErrors, isFlagShown, localWithoutUnitsWarning, withoutHiddenSettings } from '../../shared/domain/groupRules';
import {
  ADMIN_PERMISSIONS,
  FLAG_NAMES,
  GRANT_AREAS,
  LANGUAGES,
  MENUS,
  REPORT_PERMISSIONS,
  SCOPES,
  WORK_LEVELS,
  defaultGroupSettings,
  type GroupSettings,
} from '../../shared/domain/permissionModel';

const UNITS = [1, 2, 3, 4];
const COLUMNS = [10, 11, 12];
const context = { unitIds: new Set(UNITS), columnIds: new Set(COLUMNS) };

function settings(change: (s: GroupSettings) => void): GroupSettings {
  const value = defaultGroupSettings();
  change(value);
  return value;
}

describe('groupSettingsErrors', () => {
  test('the defaults and the three templates of seed 001 break no rule', () => {
    expect(groupSettingsErrors(defaultGroupSettings(), context)).toEqual({});
    for (const template of GROUP_TEMPLATES) expect(groupSettingsErrors(template.settings, context)).toEqual({});
  });

  test('the landing menu must be among the allowed menus', () => {
    const errors = groupSettingsErrors(settings((s) => ((s.landingMenu = 'reports'), (s.allowedMenus = ['home']))), context);
    expect(errors['settings.allowedMenus']).toMatch(/landing menu, Reports/);
  });

  test('annual-cycle events only with administrator permission None', () => {
    const local = settings((s) => ((s.adminPermission = 'full'), (s.flags.annualCycleEvents = true)));
    expect(groupSettingsErrors(local, context)['settings.flags.annualCycleEvents']).toMatch(/None/);
    const none = settings((s) => (s.flags.annualCycleEvents = true));
    expect(groupSettingsErrors(none, context)).toEqual({});
  });

  test.each(['administerExternalLinks', 'administerSourceSystems', 'importKpiData'] as const)('%s only with Local', (flag) => {
    for (const adminPermission of ['none', 'full'] as const) {
      const errors = groupSettingsErrors(settings((s) => ((s.adminPermission = adminPermission), (s.flags[flag] = true))), context);
      expect(errors[`settings.flags.${flag}`]).toMatch(/Local administrator/);
    }
    expect(groupSettingsErrors(settings((s) => ((s.adminPermission = 'local'), (s.flags[flag] = true))), context)).toEqual({});
  });

  test('only a Local administrator has units, and every unit must exist', () => {
    expect(groupSettingsErrors(settings((s) => (s.adminUnits = [1])), context)['settings.adminUnits']).toMatch(/Only a Local/);
    const unknown = settings((s) => ((s.adminPermission = 'local'), (s.adminUnits = [1, 99])));
    expect(groupSettingsErrors(unknown, context)['settings.adminUnits']).toBe('Unit #99 does not exist in this workspace');
    const visible = settings((s) => (s.visibleUnits = { all: false, unitIds: [2, 42] }));
    expect(groupSettingsErrors(visible, context)['settings.visibleUnits']).toBe('Unit #42 does not exist in this workspace');
  });

  test('Local with no units is allowed, with a warning for the editor', () => {
    const local = settings((s) => (s.adminPermission = 'local'));
    expect(groupSettingsErrors(local, context)).toEqual({});
    expect(localWithoutUnitsWarning(local)).toMatch(/administers nothing/);
    expect(localWithoutUnitsWarning(settings((s) => ((s.adminPermission = 'local'), (s.adminUnits = [1]))))).toBeNull();
  });

  test('column grants name an existing column', () => {
    const errors = groupSettingsErrors(
      settings((s) => (s.columnGrants = [{ scope: 'all', level: 'change', area: 'all', columnId: 10 }, { scope: 'all', level: 'change', area: 'all', columnId: 77 }])),
      context,
    );
    expect(errors).toEqual({ 'settings.columnGrants.1': 'Scorecard column #77 does not exist in this workspace' });
  });

  test('a repeated grant row is marked on the repeat, naming the row it repeats', () => {
    const errors = groupSettingsErrors(
      settings((s) => {
        s.workGrants = [
          { scope: 'mine', level: 'change', area: 'text' },
          { scope: 'all', level: 'change', area: 'text' },
          { scope: 'mine', level: 'change', area: 'text' },
        ];
        s.columnGrants = [
          { scope: 'all', level: 'change', area: 'all', columnId: 10 },
          { scope: 'all', level: 'change', area: 'all', columnId: 11 },
          { scope: 'all', level: 'change', area: 'all', columnId: 10 },
        ];
        s.reportGrants = [
          { permission: 'write', scope: 'mine' },
          { permission: 'write', scope: 'all' },
          { permission: 'write', scope: 'mine' },
        ];
      }),
      context,
    );
    expect(errors).toEqual({
      'settings.workGrants.2': 'Row 1 already grants Change on Text, Mine',
      'settings.columnGrants.2': 'Row 1 already grants Change on All areas, All units',
      'settings.reportGrants.2': 'Row 1 already grants Write in reports, Mine',
    });
  });

  test('withoutHiddenSettings switches off the flags seed 001 hides and drops units outside Local', () => {
    const all = settings((s) => {
      for (const flag of FLAG_NAMES) s.flags[flag] = true;
      s.adminUnits = [1];
    });
    for (const adminPermission of ADMIN_PERMISSIONS) {
      const cleaned = withoutHiddenSettings({ ...all, adminPermission });
      expect(groupSettingsErrors(cleaned, context)).toEqual({});
      for (const flag of FLAG_NAMES) expect(cleaned.flags[flag]).toBe(isFlagShown(flag, adminPermission));
      expect(cleaned.adminUnits).toEqual(adminPermission === 'local' ? [1] : []);
    }
  });
});

const unitIdArb = fc.integer({ min: 1, max: 6 });
const anySettingsArb: fc.Arbitrary<GroupSettings> = fc.record({
  language: fc.constantFrom(...LANGUAGES),
  visibleUnits: fc.oneof(
    fc.constant({ all: true as const }),
    fc.record({ all: fc.constant(false as const), unitIds: fc.array(unitIdArb, { maxLength: 5 }) }),
  ),
  landingMenu: fc.constantFrom(...MENUS),
  allowedMenus: fc.array(fc.constantFrom(...MENUS), { maxLength: 9 }),
  adminPermission: fc.constantFrom(...ADMIN_PERMISSIONS),
  adminUnits: fc.array(unitIdArb, { maxLength: 4 }),
  flags: fc.record({
    allowPlanning: fc.boolean(),
    annualCycleEvents: fc.boolean(),
    writeMessages: fc.boolean(),
    showHiddenUnits: fc.boolean(),
    administerExternalLinks: fc.boolean(),
    administerSourceSystems: fc.boolean(),
    importKpiData: fc.boolean(),
  }),
  workGrants: fc.array(
    fc.record({ scope: fc.constantFrom(...SCOPES), level: fc.constantFrom(...WORK_LEVELS), area: fc.constantFrom(...GRANT_AREAS) }),
    { maxLength: 6 },
  ),
  columnGrants: fc.array(
    fc.record({
      scope: fc.constantFrom(...SCOPES),
      level: fc.constantFrom(...WORK_LEVELS),
      area: fc.constantFrom(...GRANT_AREAS),
      columnId: fc.integer({ min: 9, max: 13 }),
    }),
    { maxLength: 6 },
  ),
  reportGrants: fc.array(fc.record({ permission: fc.constantFrom(...REPORT_PERMISSIONS), scope: fc.constantFrom(...SCOPES) }), {
    maxLength: 6,
  }),
  advanced: fc.record({ restrictViewsToVisibleUnits: fc.boolean(), specialReportingPermission: fc.boolean(), onlyAsExtra: fc.boolean() }),
});

const unique = <T>(rows: readonly T[], key: (row: T) => string) => rows.filter((row, i) => rows.findIndex((r) => key(r) === key(row)) === i);

/** Any settings, repaired until they obey every rule the way an administrator would fix them in the editor. */
function obeyingRules(value: GroupSettings): GroupSettings {
  const known = (ids: number[]) => [...new Set(ids.filter((id) => context.unitIds.has(id)))];
  const cleaned = withoutHiddenSettings(value);
  return {
    ...cleaned,
    allowedMenus: [...new Set([cleaned.landingMenu, ...cleaned.allowedMenus])],
    visibleUnits: cleaned.visibleUnits.all ? cleaned.visibleUnits : { all: false, unitIds: known(cleaned.visibleUnits.unitIds) },
    adminUnits: known(cleaned.adminUnits),
    workGrants: unique(cleaned.workGrants, (g) => `${g.scope}${g.level}${g.area}`),
    columnGrants: unique(
      cleaned.columnGrants.filter((g) => context.columnIds.has(g.columnId)),
      (g) => `${g.scope}${g.level}${g.area}${g.columnId}`,
    ),
    reportGrants: unique(cleaned.reportGrants, (g) => `${g.permission}${g.scope}`),
  };
}

describe('groupSettingsErrors, property', () => {
  test('no error for any settings that obey the rules', () => {
    fc.assert(
      fc.property(anySettingsArb, (value) => {
        expect(groupSettingsErrors(obeyingRules(value), context)).toEqual({});
      }),
      { numRuns: 500 },
    );
  });

  test('never throws on any shape the contract accepts, and every key is a settings path', () => {
    fc.assert(
      fc.property(anySettingsArb, (value) => {
        const parsed = GroupSettingsSchema.parse(value);
        const errors = groupSettingsErrors(parsed, context);
        for (const [key, message] of Object.entries(errors)) {
          expect(key.startsWith('settings.')).toBe(true);
          expect(message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 500 },
    );
  });
});
