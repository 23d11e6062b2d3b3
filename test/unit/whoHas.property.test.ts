/**
 * "Who has access here" takes a shortcut over 100,000 users (per group and scope, not per user); it must give
 * exactly the levels the engine gives each user, for every unit and question, on random trees and groups.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { preparePermissions, type PermissionGroupInput } from '../../shared/domain/effectivePermissions';
import { OrgTree, type OrgUnitNode } from '../../shared/domain/orgTree';
import {
  AREAS,
  GRANT_AREAS,
  REPORT_PERMISSIONS,
  SCOPES,
  WORK_LEVELS,
  defaultGroupSettings,
  type GroupSettings,
} from '../../shared/domain/permissionModel';
import { USER_TYPES } from '../../shared/domain/users';
import { prepareWhoHas, type AccessQuestion } from '../../shared/domain/whoHas';

const MAX_UNITS = 12;
const COLUMNS = [
  { id: 50, name: 'Budget' },
  { id: 51, name: 'Outcome' },
];

const unitsArb = fc.integer({ min: 1, max: MAX_UNITS }).chain((count) =>
  fc.tuple(
    ...Array.from({ length: count }, (_, i) =>
      fc
        .record({
          parentId: fc.oneof(fc.constant(null), fc.integer({ min: 1, max: count + 1 })),
          hidden: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
        })
        .map((unit): OrgUnitNode => ({ id: i + 1, name: `Unit ${i + 1}`, ...unit })),
    ),
  ),
);

const unitIdArb = fc.integer({ min: 1, max: MAX_UNITS + 1 });
const scopeArb = fc.constantFrom(...SCOPES);
const settingsArb: fc.Arbitrary<GroupSettings> = fc
  .record({
    visibleUnits: fc.oneof(
      fc.constant({ all: true as const }),
      fc.array(unitIdArb, { maxLength: 3 }).map((unitIds) => ({ all: false as const, unitIds })),
    ),
    showHiddenUnits: fc.boolean(),
    workGrants: fc.array(fc.record({ scope: scopeArb, level: fc.constantFrom(...WORK_LEVELS), area: fc.constantFrom(...GRANT_AREAS) }), {
      maxLength: 4,
    }),
    columnGrants: fc.array(
      fc.record({
        scope: scopeArb,
        level: fc.constantFrom(...WORK_LEVELS),
        area: fc.constantFrom(...GRANT_AREAS),
        columnId: fc.constantFrom(...COLUMNS.map((column) => column.id)),
      }),
      { maxLength: 2 },
    ),
    reportGrants: fc.array(fc.record({ permission: fc.constantFrom(...REPORT_PERMISSIONS), scope: scopeArb }), { maxLength: 3 }),
  })
  .map(({ showHiddenUnits, ...rest }) => {
    const defaults = defaultGroupSettings();
    return { ...defaults, ...rest, flags: { ...defaults.flags, showHiddenUnits } };
  });

const questionArb: fc.Arbitrary<AccessQuestion> = fc.oneof(
  fc.record({
    kind: fc.constant('area' as const),
    area: fc.constantFrom(...AREAS),
    columnId: fc.constantFrom(null, ...COLUMNS.map((column) => column.id)),
  }),
  fc.record({ kind: fc.constant('report' as const), permission: fc.constantFrom(...REPORT_PERMISSIONS) }),
);

const holderArb = (groupCount: number) =>
  fc.record({
    departmentId: fc.oneof(fc.constant(null), unitIdArb),
    userType: fc.constantFrom(...USER_TYPES),
    groupIds: fc.subarray(Array.from({ length: groupCount }, (_, i) => i + 1)),
  });

describe('who has access here', () => {
  test('gives every user exactly the level the engine gives them', () => {
    const scenario = fc.array(settingsArb, { minLength: 1, maxLength: 4 }).chain((groups) =>
      fc.record({
        units: unitsArb,
        groups: fc.constant(groups),
        question: questionArb,
        holders: fc.array(holderArb(groups.length), { minLength: 1, maxLength: 6 }),
      }),
    );
    fc.assert(
      fc.property(scenario, ({ units, groups, question, holders }) => {
        const tree = new OrgTree(units);
        const settingsById = new Map(groups.map((settings, i) => [i + 1, settings]));
        // Every unit, and one id that names none.
        for (let unitId = 1; unitId <= units.length + 1; unitId += 1) {
          const answer = prepareWhoHas(tree, settingsById, unitId, question);
          for (const holder of holders) {
            const engine = preparePermissions({
              tree,
              columns: COLUMNS,
              user: { departmentId: holder.departmentId, userType: holder.userType },
              groups: holder.groupIds.map(
                (id): PermissionGroupInput => ({ id, name: `G${id}`, membership: 'extra', settings: settingsById.get(id) ?? defaultGroupSettings() }),
              ),
            });
            const held = answer(holder);
            if (question.kind === 'report') {
              expect(held === 'granted').toBe(engine.reportAt(unitId, question.permission).granted);
            } else {
              const levels = engine.cellAt(unitId, { area: question.area, columnId: question.columnId }).levels;
              expect(held === null ? [] : held).toEqual(levels);
            }
          }
        }
      }),
      { numRuns: 400 },
    );
  });
});
