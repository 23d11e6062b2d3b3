/**
 * The effective permissions of one user: pure, no I/O. DOMAIN.md "Permission groups", seed 001.
 *
 * Rules, in the order they apply:
 * 1. Visibility. A unit is visible when some group's visible units cover it (a chosen unit covers its
 *    subtree) and it is not hidden (itself or an ancestor), unless some group shows hidden units. An
 *    invisible unit gets nothing; its cell carries the single reason `hidden` or `not_visible`.
 * 2. Read documents is given on every visible unit, for every area and column, once per group whose
 *    visible units cover it (`visible`).
 * 3. Work grants. A grant (scope, level, area) covers a unit for an area when the area matches ('all'
 *    matches every area) and the scope, resolved against the user's department, covers the unit; it gives
 *    LEVEL_IMPLIES[level]. For a column C, a group with ANY column grant for C uses only those column grants
 *    on C's cells, in place of its general grants (widening or narrowing); a group with none for C uses its
 *    general grants there. `column_override` is recorded when a replaced general grant would have covered
 *    the cell, so an auditor sees what was narrowed away.
 * 4. The union over all the user's groups, main and extra alike.
 * 5. Read-Only cap: a Read-Only user keeps only Read documents and no report permission; the cell records
 *    what was removed (`read_only_cap`). The granting reasons stay, so the audit shows both sides.
 * 6. Report grants (permission, scope): granted on a visible unit the scope covers; capped as above.
 * 7. Every granting reason names the group, the grant's index in that group's list, the grant, and the
 *    resolved scope piece that covered the unit.
 */
import {
  ADMIN_PERMISSIONS,
  AREA_LABELS,
  AREAS,
  FLAG_NAMES,
  LEVEL_IMPLIES,
  MENUS,
  REPORT_PERMISSION_LABELS,
  REPORT_PERMISSIONS,
  SCOPE_LABELS,
  WORK_LEVEL_LABELS,
  WORK_LEVELS,
  adminPermissionRank,
  defaultGroupSettings,
  type AdminPermission,
  type Area,
  type ColumnGrant,
  type GeneralFlags,
  type GrantArea,
  type GroupSettings,
  type Menu,
  type ReportGrant,
  type ReportPermission,
  type WorkGrant,
  type WorkLevel,
} from './permissionModel';
import type { UserType } from './users';
import { coveringPiece, resolveScope, selectionCovers, type OrgTree, type ResolvedScope } from './orgTree';

export interface PermissionGroupInput {
  id: number;
  name: string;
  membership: 'main' | 'extra';
  settings: GroupSettings;
}

export interface PermissionInput {
  tree: OrgTree;
  user: { departmentId: number | null; userType: UserType };
  groups: readonly PermissionGroupInput[];
  columns: readonly { id: number; name: string }[];
}

/** `columnId` null is the general (non-column) permission. */
export interface CellTarget {
  area: Area;
  columnId: number | null;
}

interface GroupRef {
  groupId: number;
  groupName: string;
}

export type PermissionReason =
  | { kind: 'hidden' }
  | { kind: 'not_visible' }
  | ({ kind: 'visible' } & GroupRef)
  | ({ kind: 'work_grant'; grantIndex: number; grant: WorkGrant; piece: ResolvedScope } & GroupRef)
  | ({ kind: 'column_grant'; grantIndex: number; grant: ColumnGrant; piece: ResolvedScope } & GroupRef)
  | ({ kind: 'column_override'; columnId: number } & GroupRef)
  | ({ kind: 'report_grant'; grantIndex: number; grant: ReportGrant; piece: ResolvedScope } & GroupRef)
  | { kind: 'read_only_cap'; removed: WorkLevel[]; removedReport: ReportPermission | null };

export interface PermissionCell {
  unitId: number;
  area: Area;
  columnId: number | null;
  /** Closed under LEVEL_IMPLIES, in WORK_LEVELS order. */
  levels: WorkLevel[];
  reasons: PermissionReason[];
}

export interface ReportCell {
  unitId: number;
  permission: ReportPermission;
  granted: boolean;
  reasons: PermissionReason[];
}

export interface MatrixFilter {
  unitIds?: readonly number[];
  areas?: readonly Area[];
}

export interface PermissionMatrix {
  cells: PermissionCell[];
  reports: ReportCell[];
}

export interface PermissionSummary {
  adminPermission: AdminPermission;
  adminUnitIds: number[];
  visibleUnitIds: number[];
  landingMenu: Menu;
  allowedMenus: Menu[];
  flags: GeneralFlags;
  onlyAsExtraGroupIds: number[];
}

export interface CompactRow {
  unitId: number;
  includesSubtree: boolean;
  area: GrantArea;
  columnId: number | null;
  /** The strongest level the grant leaves after the Read-Only cap; null when nothing is left. */
  level: WorkLevel | null;
  groupId: number;
  groupName: string;
  reason: string;
}

export interface PreparedPermissions {
  cellAt(unitId: number, target: CellTarget): PermissionCell;
  reportAt(unitId: number, permission: ReportPermission): ReportCell;
  isVisible(unitId: number): boolean;
  matrix(filter?: MatrixFilter): PermissionMatrix;
}

// ---- Level sets as bit masks (bit i = WORK_LEVELS[i]) -------------------------------------------------

const LEVEL_BIT = new Map<WorkLevel, number>(WORK_LEVELS.map((level, i) => [level, 1 << i]));
const READ_DOCUMENTS_BIT = bitOf('read_documents');
const IMPLIED_MASK = new Map<WorkLevel, number>(
  WORK_LEVELS.map((level) => [level, LEVEL_IMPLIES[level].reduce((mask, implied) => mask | bitOf(implied), 0)]),
);

function bitOf(level: WorkLevel): number {
  return LEVEL_BIT.get(level) ?? 0;
}

function impliedMask(level: WorkLevel): number {
  return IMPLIED_MASK.get(level) ?? 0;
}

function levelsOf(mask: number): WorkLevel[] {
  return WORK_LEVELS.filter((level) => (mask & bitOf(level)) !== 0);
}

// ---- Preparation: everything that does not depend on the unit -----------------------------------------

interface PreparedGrant<G> {
  index: number;
  grant: G;
  pieces: ResolvedScope[];
}

interface PreparedGroup {
  ref: GroupRef;
  visibleUnits: GroupSettings['visibleUnits'];
  generalByArea: Map<Area, PreparedGrant<WorkGrant>[]>;
  /** Present for every column the group has any column grant for, even one for another area. */
  columnByArea: Map<number, Map<Area, PreparedGrant<ColumnGrant>[]>>;
  reportsByPermission: Map<ReportPermission, PreparedGrant<ReportGrant>[]>;
}

function areaMatches(grantArea: GrantArea, area: Area): boolean {
  return grantArea === 'all' || grantArea === area;
}

function byArea<G extends WorkGrant>(grants: readonly PreparedGrant<G>[]): Map<Area, PreparedGrant<G>[]> {
  return new Map(AREAS.map((area) => [area, grants.filter((g) => areaMatches(g.grant.area, area))]));
}

function prepareGroup(group: PermissionGroupInput, resolve: (grant: { scope: WorkGrant['scope'] }) => ResolvedScope[]): PreparedGroup {
  const { settings } = group;
  const general = settings.workGrants.map((grant, index) => ({ index, grant, pieces: resolve(grant) }));
  const columnIds = new Set(settings.columnGrants.map((grant) => grant.columnId));
  const columnByArea = new Map<number, Map<Area, PreparedGrant<ColumnGrant>[]>>();
  for (const columnId of columnIds) {
    const forColumn = settings.columnGrants
      .map((grant, index) => ({ index, grant, pieces: resolve(grant) }))
      .filter((g) => g.grant.columnId === columnId);
    columnByArea.set(columnId, byArea(forColumn));
  }
  const reportsByPermission = new Map<ReportPermission, PreparedGrant<ReportGrant>[]>();
  settings.reportGrants.forEach((grant, index) => {
    const list = reportsByPermission.get(grant.permission) ?? [];
    list.push({ index, grant, pieces: resolve(grant) });
    reportsByPermission.set(grant.permission, list);
  });
  return {
    ref: { groupId: group.id, groupName: group.name },
    visibleUnits: settings.visibleUnits,
    generalByArea: byArea(general),
    columnByArea,
    reportsByPermission,
  };
}

function scopeResolver(input: PermissionInput): (grant: { scope: WorkGrant['scope'] }) => ResolvedScope[] {
  const cache = new Map<WorkGrant['scope'], ResolvedScope[]>();
  return ({ scope }) => {
    let pieces = cache.get(scope);
    if (pieces === undefined) {
      pieces = resolveScope(input.tree, scope, input.user.departmentId);
      cache.set(scope, pieces);
    }
    return pieces;
  };
}

export function preparePermissions(input: PermissionInput): PreparedPermissions {
  const { tree } = input;
  const resolve = scopeResolver(input);
  const groups = input.groups.map((group) => prepareGroup(group, resolve));
  const showsHidden = input.groups.some((group) => group.settings.flags.showHiddenUnits);
  const readOnly = input.user.userType === 'read_only';

  /** The single reason an invisible unit carries, or null when the unit is visible. */
  function invisibility(unitId: number): PermissionReason | null {
    if (!groups.some((g) => selectionCovers(tree, g.visibleUnits, unitId))) return { kind: 'not_visible' };
    if (tree.isHidden(unitId) && !showsHidden) return { kind: 'hidden' };
    return null;
  }

  function visibilityReasons(unitId: number): PermissionReason[] {
    return groups
      .filter((g) => selectionCovers(tree, g.visibleUnits, unitId))
      .map((g) => ({ kind: 'visible', ...g.ref }));
  }

  /** Applies one group's grants to the cell, adding their reasons; returns the levels given. */
  function applyGrants<G extends WorkGrant>(
    grants: readonly PreparedGrant<G>[],
    unitId: number,
    reason: (g: PreparedGrant<G>, piece: ResolvedScope) => PermissionReason,
    reasons: PermissionReason[],
  ): number {
    let mask = 0;
    for (const g of grants) {
      const piece = coveringPiece(g.pieces, tree, unitId);
      if (piece === undefined) continue;
      mask |= impliedMask(g.grant.level);
      reasons.push(reason(g, piece));
    }
    return mask;
  }

  function groupLevels(group: PreparedGroup, unitId: number, target: CellTarget, reasons: PermissionReason[]): number {
    const general = group.generalByArea.get(target.area) ?? [];
    const columnGrants = target.columnId === null ? undefined : group.columnByArea.get(target.columnId);
    if (columnGrants === undefined || target.columnId === null) {
      return applyGrants(general, unitId, (g, piece) => ({ kind: 'work_grant', ...group.ref, grantIndex: g.index, grant: g.grant, piece }), reasons);
    }
    const mask = applyGrants(
      columnGrants.get(target.area) ?? [],
      unitId,
      (g, piece) => ({ kind: 'column_grant', ...group.ref, grantIndex: g.index, grant: g.grant, piece }),
      reasons,
    );
    if (general.some((g) => coveringPiece(g.pieces, tree, unitId) !== undefined)) {
      reasons.push({ kind: 'column_override', ...group.ref, columnId: target.columnId });
    }
    return mask;
  }

  function cellAt(unitId: number, target: CellTarget): PermissionCell {
    const cell = { unitId, area: target.area, columnId: target.columnId };
    const hiddenReason = invisibility(unitId);
    if (hiddenReason !== null) return { ...cell, levels: [], reasons: [hiddenReason] };
    const reasons = visibilityReasons(unitId);
    let mask = READ_DOCUMENTS_BIT;
    for (const group of groups) mask |= groupLevels(group, unitId, target, reasons);
    if (readOnly && (mask & ~READ_DOCUMENTS_BIT) !== 0) {
      reasons.push({ kind: 'read_only_cap', removed: levelsOf(mask & ~READ_DOCUMENTS_BIT), removedReport: null });
      mask = READ_DOCUMENTS_BIT;
    }
    return { ...cell, levels: levelsOf(mask), reasons };
  }

  function reportAt(unitId: number, permission: ReportPermission): ReportCell {
    const hiddenReason = invisibility(unitId);
    if (hiddenReason !== null) return { unitId, permission, granted: false, reasons: [hiddenReason] };
    const reasons: PermissionReason[] = [];
    for (const group of groups) {
      for (const g of group.reportsByPermission.get(permission) ?? []) {
        const piece = coveringPiece(g.pieces, tree, unitId);
        if (piece !== undefined) reasons.push({ kind: 'report_grant', ...group.ref, grantIndex: g.index, grant: g.grant, piece });
      }
    }
    let granted = reasons.length > 0;
    if (readOnly && granted) {
      reasons.push({ kind: 'read_only_cap', removed: [], removedReport: permission });
      granted = false;
    }
    return { unitId, permission, granted, reasons };
  }

  function matrix(filter?: MatrixFilter): PermissionMatrix {
    const unitIds = filter?.unitIds ?? tree.allIds();
    const areas = filter?.areas ?? AREAS;
    const columnIds = [null, ...input.columns.map((c) => c.id)];
    const cells: PermissionCell[] = [];
    const reports: ReportCell[] = [];
    for (const unitId of unitIds) {
      for (const columnId of columnIds) for (const area of areas) cells.push(cellAt(unitId, { area, columnId }));
      for (const permission of REPORT_PERMISSIONS) reports.push(reportAt(unitId, permission));
    }
    return { cells, reports };
  }

  return { cellAt, reportAt, isVisible: (unitId) => invisibility(unitId) === null, matrix };
}

export function cellAt(input: PermissionInput, unitId: number, target: CellTarget): PermissionCell {
  return preparePermissions(input).cellAt(unitId, target);
}

export function reportAt(input: PermissionInput, unitId: number, permission: ReportPermission): ReportCell {
  return preparePermissions(input).reportAt(unitId, permission);
}

export function matrix(input: PermissionInput, filter?: MatrixFilter): PermissionMatrix {
  return preparePermissions(input).matrix(filter);
}

// ---- Summary --------------------------------------------------------------------------------------------

function strongestAdmin(groups: readonly PermissionGroupInput[]): AdminPermission {
  const rank = Math.max(0, ...groups.map((g) => adminPermissionRank(g.settings.adminPermission)));
  return ADMIN_PERMISSIONS[rank] ?? 'none';
}

function localAdminUnits(input: PermissionInput, visible: ReadonlySet<number>): number[] {
  const administered = new Set<number>();
  for (const group of input.groups) {
    if (group.settings.adminPermission !== 'local') continue;
    for (const unitId of group.settings.adminUnits) for (const id of input.tree.subtreeOf(unitId)) administered.add(id);
  }
  return input.tree.allIds().filter((id) => administered.has(id) && visible.has(id));
}

function landingMenuOf(groups: readonly PermissionGroupInput[]): Menu {
  const main = groups.find((g) => g.membership === 'main') ?? groups[0];
  return main?.settings.landingMenu ?? 'home';
}

function combinedFlags(groups: readonly PermissionGroupInput[]): GeneralFlags {
  const flags = defaultGroupSettings().flags;
  for (const name of FLAG_NAMES) flags[name] = groups.some((g) => g.settings.flags[name]);
  return flags;
}

export function summary(input: PermissionInput): PermissionSummary {
  const prepared = preparePermissions(input);
  const visibleUnitIds = input.tree.allIds().filter((id) => prepared.isVisible(id));
  const adminPermission = strongestAdmin(input.groups);
  const adminUnitIds =
    adminPermission === 'full' ? [...input.tree.allIds()] : adminPermission === 'local' ? localAdminUnits(input, new Set(visibleUnitIds)) : [];
  const landingMenu = landingMenuOf(input.groups);
  // The landing menu is always allowed (DOMAIN.md), even with no groups at all.
  const menus = new Set<Menu>([landingMenu, ...input.groups.flatMap((g) => g.settings.allowedMenus)]);
  return {
    adminPermission,
    adminUnitIds,
    visibleUnitIds,
    landingMenu,
    allowedMenus: MENUS.filter((menu) => menus.has(menu)),
    flags: combinedFlags(input.groups),
    onlyAsExtraGroupIds: input.groups.filter((g) => g.settings.advanced.onlyAsExtra).map((g) => g.id),
  };
}

// ---- Wording -------------------------------------------------------------------------------------------

export function strongestLevel(levels: readonly WorkLevel[]): WorkLevel | null {
  return WORK_LEVELS.find((level) => levels.includes(level)) ?? null;
}

/** The levels no other present level implies, e.g. "Comment + Change KPI data"; Read documents only alone. */
export function levelSummary(levels: readonly WorkLevel[]): string {
  const present = WORK_LEVELS.filter((level) => levels.includes(level));
  const maximal = present.filter((level) => !present.some((other) => other !== level && LEVEL_IMPLIES[other].includes(level)));
  const shown = maximal.length > 1 ? maximal.filter((level) => level !== 'read_documents') : maximal;
  return shown.length === 0 ? 'No access' : shown.map((level) => WORK_LEVEL_LABELS[level]).join(' + ');
}

function unitName(tree: OrgTree, unitId: number): string {
  return tree.get(unitId)?.name ?? `unit #${unitId}`;
}

function pieceText(piece: ResolvedScope, tree: OrgTree): string {
  const name = unitName(tree, piece.unitId);
  return piece.includesSubtree ? `${name} and below` : name;
}

function areaText(area: GrantArea): string {
  return area === 'all' ? 'all areas' : AREA_LABELS[area];
}

function columnName(columns: readonly { id: number; name: string }[], columnId: number): string {
  return columns.find((c) => c.id === columnId)?.name ?? `#${columnId}`;
}

function workGrantText(grant: WorkGrant): string {
  return `${WORK_LEVEL_LABELS[grant.level]} on ${areaText(grant.area)}`;
}

function scopeText(scope: WorkGrant['scope'], piece: ResolvedScope, tree: OrgTree): string {
  return `scope ${SCOPE_LABELS[scope]} (${pieceText(piece, tree)})`;
}

function capText(removed: readonly WorkLevel[], removedReport: ReportPermission | null): string {
  if (removedReport !== null) return `Read-Only user: no report permissions (removed ${REPORT_PERMISSION_LABELS[removedReport]})`;
  return `Read-Only user: capped at read (removed ${removed.map((level) => WORK_LEVEL_LABELS[level]).join(', ')})`;
}

/** Plain words for an auditor. */
export function describeReason(reason: PermissionReason, tree: OrgTree, columns: readonly { id: number; name: string }[]): string {
  switch (reason.kind) {
    case 'hidden':
      return 'Hidden unit';
    case 'not_visible':
      return 'Not among the visible units of any group';
    case 'visible':
      return `${reason.groupName}: visible unit (Read documents)`;
    case 'work_grant':
      return `${reason.groupName}: ${workGrantText(reason.grant)}, ${scopeText(reason.grant.scope, reason.piece, tree)}`;
    case 'column_grant':
      return `${reason.groupName}: ${workGrantText(reason.grant)} in column ${columnName(columns, reason.grant.columnId)}, ${scopeText(reason.grant.scope, reason.piece, tree)}`;
    case 'column_override':
      return `${reason.groupName}: general permissions replaced by column-specific permissions for column ${columnName(columns, reason.columnId)}`;
    case 'report_grant':
      return `${reason.groupName}: ${REPORT_PERMISSION_LABELS[reason.grant.permission]}, ${scopeText(reason.grant.scope, reason.piece, tree)}`;
    case 'read_only_cap':
      return capText(reason.removed, reason.removedReport);
  }
}

// ---- Auditor's workbook ---------------------------------------------------------------------------------

interface RowSource {
  ref: GroupRef;
  grant: WorkGrant;
  columnId: number | null;
  reason: (piece: ResolvedScope) => PermissionReason;
}

function rowSources(group: PermissionGroupInput): RowSource[] {
  const ref = { groupId: group.id, groupName: group.name };
  const general = group.settings.workGrants.map((grant, grantIndex): RowSource => ({
    ref,
    grant,
    columnId: null,
    reason: (piece) => ({ kind: 'work_grant', ...ref, grantIndex, grant, piece }),
  }));
  const column = group.settings.columnGrants.map((grant, grantIndex): RowSource => ({
    ref,
    grant,
    columnId: grant.columnId,
    reason: (piece) => ({ kind: 'column_grant', ...ref, grantIndex, grant, piece }),
  }));
  return [...general, ...column];
}

/** One row per resolved scope piece × grant (its area or column), never one row per unit. */
export function compactRows(input: PermissionInput): CompactRow[] {
  const { tree, columns } = input;
  const readOnly = input.user.userType === 'read_only';
  const rows: CompactRow[] = [];
  for (const source of input.groups.flatMap(rowSources)) {
    const capped = readOnly && source.grant.level !== 'read_documents';
    for (const piece of resolveScope(tree, source.grant.scope, input.user.departmentId)) {
      const text = describeReason(source.reason(piece), tree, columns);
      rows.push({
        unitId: piece.unitId,
        includesSubtree: piece.includesSubtree,
        area: source.grant.area,
        columnId: source.columnId,
        level: capped ? null : source.grant.level,
        ...source.ref,
        reason: capped ? `${text}; removed by the Read-Only cap` : text,
      });
    }
  }
  return rows;
}
