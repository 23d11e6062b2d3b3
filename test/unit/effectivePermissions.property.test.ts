/**
 * Properties of the effective-permission engine over random org trees (cycles and missing parents
 * included), random groups and random users.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  preparePermissions,
  type PermissionGroupInput,
  type PermissionInput,
  type PermissionMatrix,
  type PermissionReason,
} from '../../shared/domain/effectivePermissions';
import { OrgTree, type OrgUnitNode } from '../../shared/domain/orgTree';
import {
  GRANT_AREAS,
  LEVEL_IMPLIES,
  REPORT_PERMISSIONS,
  SCOPES,
  WORK_LEVELS,
  defaultGroupSettings,
  type Area,
  type ColumnGrant,
  type GroupSettings,
  type Scope,
  type WorkLevel,
  type ReportGrant,
  type UnitSelection,
  type WorkGrant,
} from '../../shared/domain/permissionModel';
import { USER_TYPES } from '../../shared/domain/users';

const RUNS = { numRuns: 100 };
const COLUMNS = [
  { id: 100, name: 'Budget' },
  { id: 101, name: 'Outcome' },
];
const MAX_UNITS = 30;

const unitsArb = fc.integer({ min: 1, max: MAX_UNITS }).chain((n) =>
  fc.tuple(
    ...Array.from({ length: n }, (_, i) =>
      fc.record({
        parentId: fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 6, arbitrary: fc.integer({ min: 1, max: n + 2 }) }),
        name: fc.constantFrom('Alpha', 'Beta', 'Gamma', 'Delta'),
        hidden: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
      }).map((u): OrgUnitNode => ({ id: i + 1, ...u })),
    ),
  ),
);

const unitIdArb = fc.integer({ min: 1, max: MAX_UNITS + 2 });
const workGrantArb: fc.Arbitrary<WorkGrant> = fc.record({
  scope: fc.constantFrom(...SCOPES),
  level: fc.constantFrom(...WORK_LEVELS),
  area: fc.constantFrom(...GRANT_AREAS),
});
const columnGrantArb: fc.Arbitrary<ColumnGrant> = fc.record({
  scope: fc.constantFrom(...SCOPES),
  level: fc.constantFrom(...WORK_LEVELS),
  area: fc.constantFrom(...GRANT_AREAS),
  columnId: fc.constantFrom(...COLUMNS.map((c) => c.id)),
});
const reportGrantArb: fc.Arbitrary<ReportGrant> = fc.record({
  permission: fc.constantFrom(...REPORT_PERMISSIONS),
  scope: fc.constantFrom(...SCOPES),
});
const selectionArb: fc.Arbitrary<UnitSelection> = fc.oneof(
  fc.constant({ all: true as const }),
  fc.array(unitIdArb, { maxLength: 4 }).map((unitIds) => ({ all: false as const, unitIds })),
);

const groupArb = (id: number): fc.Arbitrary<PermissionGroupInput> =>
  fc
    .record({
      membership: fc.constantFrom('main' as const, 'extra' as const),
      visibleUnits: selectionArb,
      showHiddenUnits: fc.boolean(),
      workGrants: fc.array(workGrantArb, { maxLength: 4 }),
      columnGrants: fc.array(columnGrantArb, { maxLength: 3 }),
      reportGrants: fc.array(reportGrantArb, { maxLength: 4 }),
    })
    .map((g) => {
      const settings = defaultGroupSettings();
      settings.visibleUnits = g.visibleUnits;
      settings.flags.showHiddenUnits = g.showHiddenUnits;
      settings.workGrants = g.workGrants;
      settings.columnGrants = g.columnGrants;
      settings.reportGrants = g.reportGrants;
      return { id, name: `Group ${id}`, membership: g.membership, settings };
    });

const inputArb: fc.Arbitrary<PermissionInput> = fc
  .record({
    units: unitsArb,
    groups: fc.integer({ min: 0, max: 4 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => groupArb(i + 1)))),
    departmentId: fc.option(unitIdArb, { nil: null }),
    userType: fc.constantFrom(...USER_TYPES),
  })
  .map(({ units, groups, departmentId, userType }) => ({ tree: new OrgTree(units), user: { departmentId, userType }, groups, columns: COLUMNS }));

const standardInputArb = inputArb.map((input) => ({ ...input, user: { ...input.user, userType: 'standard' as const } }));

function withGroupSettings(input: PermissionInput, index: number, change: (settings: GroupSettings) => void): PermissionInput {
  if (input.groups.length === 0) {
    const settings = defaultGroupSettings();
    change(settings);
    return { ...input, groups: [{ id: 1, name: 'Added', membership: 'main', settings }] };
  }
  const at = index % input.groups.length;
  const groups = input.groups.map((g, i) => {
    if (i !== at) return g;
    const settings = structuredClone(g.settings);
    change(settings);
    return { ...g, settings };
  });
  return { ...input, groups };
}

/** Every permission of `smaller` is also in `larger`. */
function expectIncluded(smaller: PermissionMatrix, larger: PermissionMatrix): void {
  smaller.cells.forEach((cell, i) => {
    const other = larger.cells[i]?.levels ?? [];
    for (const level of cell.levels) expect(other).toContain(level);
  });
  smaller.reports.forEach((report, i) => {
    if (report.granted) expect(larger.reports[i]?.granted).toBe(true);
  });
}

function matrixOf(input: PermissionInput): PermissionMatrix {
  return preparePermissions(input).matrix();
}

/** Visibility from the definition, walking ancestors instead of using the tree's precomputed intervals. */
function visibleByDefinition(input: PermissionInput, unitId: number): boolean {
  const { tree } = input;
  const lineage = [unitId, ...tree.ancestorsOf(unitId)];
  const covered = input.groups.some((g) => g.settings.visibleUnits.all || g.settings.visibleUnits.unitIds.some((id) => lineage.includes(id)));
  const hidden = lineage.some((id) => tree.get(id)?.hidden === true);
  return covered && (!hidden || input.groups.some((g) => g.settings.flags.showHiddenUnits));
}

/** Scope coverage written from DOMAIN.md's words, without resolveScope. */
function coveredByDefinition(input: PermissionInput, scope: Scope, unitId: number): boolean {
  const { tree } = input;
  const department = input.user.departmentId;
  if (scope === 'all') return tree.has(unitId);
  if (department === null || !tree.has(department) || !tree.has(unitId)) return false;
  const lineage = [unitId, ...tree.ancestorsOf(unitId)];
  const top = tree.ancestorsOf(department).at(-1) ?? department;
  switch (scope) {
    case 'mine':
      return unitId === department;
    case 'mine_and_underlying':
      return lineage.includes(department);
    case 'mine_underlying_and_one_up':
      return lineage.includes(department) || unitId === tree.parentOf(department);
    case 'top_and_mine':
      return unitId === department || unitId === top;
  }
}

/** The cell's levels from the rules alone: union over groups, column grants replacing general ones, then the cap. */
function levelsByDefinition(input: PermissionInput, unitId: number, area: Area, columnId: number | null): WorkLevel[] {
  if (!visibleByDefinition(input, unitId)) return [];
  const levels = new Set<WorkLevel>(['read_documents']);
  for (const { settings } of input.groups) {
    const forColumn = settings.columnGrants.filter((g) => g.columnId === columnId);
    const grants: WorkGrant[] = forColumn.length > 0 ? forColumn : settings.workGrants;
    for (const grant of grants) {
      if ((grant.area === 'all' || grant.area === area) && coveredByDefinition(input, grant.scope, unitId)) {
        for (const level of LEVEL_IMPLIES[grant.level]) levels.add(level);
      }
    }
  }
  if (input.user.userType === 'read_only') return ['read_documents'];
  return WORK_LEVELS.filter((level) => levels.has(level));
}

/** One group holding only the reason's grant, seeing exactly the reason's unit. */
function replayGroup(reason: PermissionReason, unitId: number): PermissionGroupInput | null {
  const settings = defaultGroupSettings();
  settings.visibleUnits = { all: false, unitIds: [unitId] };
  settings.flags.showHiddenUnits = true;
  if (reason.kind === 'work_grant') settings.workGrants = [reason.grant];
  else if (reason.kind === 'column_grant') settings.columnGrants = [reason.grant];
  else if (reason.kind === 'report_grant') settings.reportGrants = [reason.grant];
  else if (reason.kind !== 'visible') return null;
  return { id: 1, name: 'Replay', membership: 'main', settings };
}

describe('effective permissions, properties', () => {
  test('adding a general work grant never removes a permission anywhere', () => {
    fc.assert(
      fc.property(inputArb, fc.nat(), workGrantArb, (input, index, grant) => {
        const after = withGroupSettings(input, index, (s) => s.workGrants.push(grant));
        expectIncluded(matrixOf(input), matrixOf(after));
      }),
      RUNS,
    );
  });

  test('adding a report grant never removes a permission anywhere', () => {
    fc.assert(
      fc.property(inputArb, fc.nat(), reportGrantArb, (input, index, grant) => {
        const after = withGroupSettings(input, index, (s) => s.reportGrants.push(grant));
        expectIncluded(matrixOf(input), matrixOf(after));
      }),
      RUNS,
    );
  });

  test('removing a group never adds a permission', () => {
    fc.assert(
      fc.property(inputArb, fc.nat(), (input, index) => {
        fc.pre(input.groups.length > 0);
        const removed = index % input.groups.length;
        const after = { ...input, groups: input.groups.filter((_, i) => i !== removed) };
        expectIncluded(matrixOf(after), matrixOf(input));
      }),
      RUNS,
    );
  });

  test('a Read-Only user holds at most Read documents and no report permission', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const m = matrixOf({ ...input, user: { ...input.user, userType: 'read_only' } });
        for (const cell of m.cells) expect(cell.levels.every((level) => level === 'read_documents')).toBe(true);
        expect(m.reports.some((r) => r.granted)).toBe(false);
      }),
      RUNS,
    );
  });

  test('cells of invisible units are always empty, and visibility follows its definition', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const m = matrixOf(input);
        const visible = new Map(input.tree.allIds().map((id) => [id, visibleByDefinition(input, id)]));
        for (const cell of [...m.cells, ...m.reports]) {
          if (visible.get(cell.unitId) === true) continue;
          expect(cell.reasons).toHaveLength(1);
          expect(['hidden', 'not_visible']).toContain(cell.reasons[0]?.kind);
          if ('levels' in cell) expect(cell.levels).toEqual([]);
          else expect(cell.granted).toBe(false);
        }
        for (const cell of m.cells) if (visible.get(cell.unitId) === true) expect(cell.levels).toContain('read_documents');
      }),
      RUNS,
    );
  });

  test('every cell and report equals the rules applied by definition', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const m = matrixOf(input);
        for (const cell of m.cells) expect(cell.levels).toEqual(levelsByDefinition(input, cell.unitId, cell.area, cell.columnId));
        for (const report of m.reports) {
          const expected =
            input.user.userType !== 'read_only' &&
            visibleByDefinition(input, report.unitId) &&
            input.groups.some((g) => g.settings.reportGrants.some((r) => r.permission === report.permission && coveredByDefinition(input, r.scope, report.unitId)));
          expect(report.granted).toBe(expected);
        }
      }),
      RUNS,
    );
  });

  test('a matrix, which works out units with equal cells once, gives every unit exactly the cell asked for alone', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const prepared = preparePermissions(input);
        const m = prepared.matrix();
        for (const cell of m.cells) expect(cell).toEqual(preparePermissions(input).cellAt(cell.unitId, cell));
        for (const report of m.reports) expect(report).toEqual(preparePermissions(input).reportAt(report.unitId, report.permission));
        const rows = prepared.unitRows();
        expect(rows.map((row) => row.unitId)).toEqual(input.tree.allIds());
        expect(rows.flatMap(({ unitId, content }) => content.cells.map((cell) => ({ unitId, ...cell })))).toEqual(m.cells);
      }),
      RUNS,
    );
  });

  test('each granting reason replayed alone gives a subset of its cell, and together exactly the cell', () => {
    fc.assert(
      fc.property(standardInputArb, (input) => {
        const m = matrixOf(input);
        for (const cell of m.cells) {
          const replayed = new Set<string>();
          for (const reason of cell.reasons) {
            const group = replayGroup(reason, cell.unitId);
            if (group === null) continue;
            const alone = preparePermissions({ ...input, groups: [group] }).cellAt(cell.unitId, cell);
            for (const level of alone.levels) {
              expect(cell.levels).toContain(level);
              replayed.add(level);
            }
          }
          expect(WORK_LEVELS.filter((level) => replayed.has(level))).toEqual(cell.levels);
        }
        for (const report of m.reports) {
          const grants = report.reasons.filter((r) => r.kind === 'report_grant');
          expect(report.granted).toBe(grants.length > 0);
          for (const reason of grants) {
            const group = replayGroup(reason, report.unitId);
            if (group === null) continue;
            expect(preparePermissions({ ...input, groups: [group] }).reportAt(report.unitId, report.permission).granted).toBe(true);
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});
