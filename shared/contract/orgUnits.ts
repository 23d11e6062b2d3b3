import { z } from 'zod';
import { Id, NoInput, Reason, plainText } from './common';

export const ORG_UNIT_NAME_MAX_LENGTH = 100;

export const OrgUnitRow = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  name: z.string(),
  hidden: z.boolean(),
  childCount: z.number().int(),
  /** Live users whose department this unit is. */
  userCount: z.number().int(),
});
export type OrgUnitRow = z.infer<typeof OrgUnitRow>;

/** The whole tree in one flat list, parents before children, for pickers and the engine. */
export const OrgUnitTreeNode = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  name: z.string(),
  hidden: z.boolean(),
});
export type OrgUnitTreeNode = z.infer<typeof OrgUnitTreeNode>;

const UnitName = plainText({ label: 'A unit name', max: ORG_UNIT_NAME_MAX_LENGTH, required: 'Enter a unit name' });

export const OrgUnitCreateInput = z.strictObject({ parentId: Id.nullable(), name: UnitName, reason: Reason });
export type OrgUnitCreateInput = z.input<typeof OrgUnitCreateInput>;
export const OrgUnitRenameInput = z.strictObject({ id: Id, name: UnitName, reason: Reason });
export const OrgUnitSetHiddenInput = z.strictObject({ id: Id, hidden: z.boolean(), reason: Reason });
/** Moves the unit and its subtree under a new parent (null = a top unit). */
export const OrgUnitMoveInput = z.strictObject({ id: Id, parentId: Id.nullable(), reason: Reason });

/** Where a unit is used, so its deletion can say what must be reassigned. */
export const OrgUnitUsage = z.object({
  unitId: z.number().int(),
  /** The unit and its descendants, all deleted together. */
  unitCount: z.number().int(),
  departmentUserCount: z.number().int(),
  /** The first few, for the confirmation. */
  departmentUsers: z.array(z.object({ id: z.number().int(), label: z.string() })),
  groups: z.array(z.object({ id: z.number().int(), name: z.string(), uses: z.array(z.string()) })),
});
export type OrgUnitUsage = z.infer<typeof OrgUnitUsage>;

/**
 * Deletes the unit with its subtree. When any of them is in use, `reassignTo` must name a unit outside the
 * subtree: departments move there and groups' unit lists name it instead.
 */
export const OrgUnitDeleteInput = z.strictObject({
  id: Id,
  reassignTo: Id.optional(),
  reason: Reason,
});
export type OrgUnitDeleteInput = z.input<typeof OrgUnitDeleteInput>;

export const orgUnitsContract = {
  'orgUnits.tree': { input: NoInput, output: z.array(OrgUnitTreeNode) },
  'orgUnits.children': { input: z.strictObject({ parentId: Id.nullable() }), output: z.array(OrgUnitRow) },
  'orgUnits.usage': { input: z.strictObject({ id: Id }), output: OrgUnitUsage },
  'orgUnits.create': { input: OrgUnitCreateInput, output: OrgUnitRow },
  'orgUnits.rename': { input: OrgUnitRenameInput, output: OrgUnitRow },
  'orgUnits.setHidden': { input: OrgUnitSetHiddenInput, output: OrgUnitRow },
  'orgUnits.move': { input: OrgUnitMoveInput, output: OrgUnitRow },
  'orgUnits.delete': { input: OrgUnitDeleteInput, output: z.null() },
} as const;
