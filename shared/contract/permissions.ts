import { z } from 'zod';
import { AREAS, WORK_LEVELS } from '../domain/permissionModel';
import { Id, NoOutput, PageRequest, Reason } from './common';
import { AdminPermission, Menu, ReportPermission, WorkLevel } from './groupSettings';
import { UserType } from './users';

export const Area = z.enum(AREAS);

const UnitInView = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  name: z.string(),
  path: z.string(),
  depth: z.number().int(),
  visible: z.boolean(),
});

/** Indexes into the view's `reasonTexts`: one cell's reasons repeat in thousands of cells. */
const ReasonRefs = z.array(z.number().int().min(0));

export const PermissionCellView = z.object({
  unitId: z.number().int(),
  area: Area,
  /** null: the general permission; otherwise the scorecard column it applies to. */
  columnId: z.number().int().nullable(),
  levels: z.array(WorkLevel),
  /** In words: "Create and delete", "Comment + Change KPI data", "No access". */
  level: z.string(),
  reasons: ReasonRefs,
});
export type PermissionCellView = z.infer<typeof PermissionCellView>;

export const ReportCellView = z.object({
  unitId: z.number().int(),
  permission: ReportPermission,
  reasons: ReasonRefs,
});

export const PermissionSummary = z.object({
  adminPermission: AdminPermission,
  adminUnitCount: z.number().int(),
  visibleUnitCount: z.number().int(),
  landingMenu: Menu,
  allowedMenus: z.array(Menu),
  /** The labels of the general flags that are on. */
  flags: z.array(z.string()),
});
export type PermissionSummary = z.infer<typeof PermissionSummary>;

export const PermissionSubject = z.object({
  userId: z.number().int(),
  label: z.string(),
  userType: UserType,
  departmentPath: z.string().nullable(),
  groups: z.array(z.object({ id: z.number().int(), name: z.string(), isMain: z.boolean() })),
});

export const EffectivePermissionsQuery = z.strictObject({
  userId: Id,
  /** Show this unit and its subtree; omitted: the whole tree. */
  unitId: Id.optional(),
  areas: z.array(Area).max(AREAS.length).optional(),
});
export type EffectivePermissionsQuery = z.input<typeof EffectivePermissionsQuery>;

export const EffectivePermissionsView = z.object({
  subject: PermissionSubject,
  summary: PermissionSummary,
  columns: z.array(z.object({ id: z.number().int(), name: z.string() })),
  units: z.array(UnitInView),
  cells: z.array(PermissionCellView),
  /** Only the granted report permissions. */
  reports: z.array(ReportCellView),
  reasonTexts: z.array(z.string()),
});
export type EffectivePermissionsView = z.infer<typeof EffectivePermissionsView>;

export const AccessTarget = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('area'), area: Area, columnId: Id.nullable().default(null) }),
  z.strictObject({ kind: z.literal('report'), permission: ReportPermission }),
]);
export type AccessTarget = z.input<typeof AccessTarget>;

export const WhoHasQuery = PageRequest.extend({
  unitId: Id,
  target: AccessTarget,
  /** Only holders of this level (or one that implies it); omitted: any level beyond none. */
  level: z.enum(WORK_LEVELS).optional(),
}).strict();
export type WhoHasQuery = z.input<typeof WhoHasQuery>;

export const WhoHasRow = z.object({
  userId: z.number().int(),
  label: z.string(),
  username: z.string(),
  userType: UserType,
  departmentPath: z.string().nullable(),
  levels: z.array(WorkLevel),
  level: z.string(),
  reasons: z.array(z.string()),
});
export type WhoHasRow = z.infer<typeof WhoHasRow>;

export const WhoHasPage = z.object({
  rows: z.array(WhoHasRow),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  unitPath: z.string(),
  /** Holders per strongest level, before the level filter. */
  levelCounts: z.array(z.object({ level: z.string(), count: z.number().int() })),
});
export type WhoHasPage = z.infer<typeof WhoHasPage>;

const Difference = z.object({ label: z.string(), left: z.string(), right: z.string() });

export const Comparison = z.object({
  leftLabel: z.string(),
  rightLabel: z.string(),
  /** Settings or summary lines, each marked when the two sides differ. */
  rows: z.array(Difference.extend({ section: z.string(), differs: z.boolean() })),
  /** Cells (unit × area/column, or unit × report permission) whose level differs. */
  cellDifferences: z.array(Difference.extend({ unitPath: z.string() })),
});
export type Comparison = z.infer<typeof Comparison>;

export const ViewAsState = z.object({
  userId: z.number().int(),
  label: z.string(),
  startedAt: z.string(),
});
export type ViewAsState = z.infer<typeof ViewAsState>;

/** The rows of "who has access here", every page, for an export. */
export const WhoHasExportQuery = z.strictObject({
  unitId: Id,
  target: AccessTarget,
  level: z.enum(WORK_LEVELS).optional(),
});
export type WhoHasExportQuery = z.input<typeof WhoHasExportQuery>;

export const ViewExported = z.object({
  /** Null when the operator closed the save dialog without choosing a file. */
  fileName: z.string().nullable(),
  rows: z.number().int(),
});
export type ViewExported = z.infer<typeof ViewExported>;

export const permissionsContract = {
  'permissions.effective': { input: EffectivePermissionsQuery, output: EffectivePermissionsView },
  'permissions.whoHas': { input: WhoHasQuery, output: WhoHasPage },
  'permissions.compareUsers': { input: z.strictObject({ leftUserId: Id, rightUserId: Id }), output: Comparison },
  'permissions.compareGroups': { input: z.strictObject({ leftGroupId: Id, rightGroupId: Id }), output: Comparison },
  /** Saves the effective permissions view (same filters) as an xlsx workbook the operator picks. */
  'permissions.exportEffective': { input: EffectivePermissionsQuery, output: ViewExported },
  'permissions.exportWhoHas': { input: WhoHasExportQuery, output: ViewExported },
  /** Starts a read-only preview as the user; recorded in the audit log, never survives a restart. */
  'viewAs.start': { input: z.strictObject({ userId: Id, reason: Reason }), output: ViewAsState },
  'viewAs.end': { input: z.strictObject({ reason: Reason }), output: NoOutput },
} as const;
