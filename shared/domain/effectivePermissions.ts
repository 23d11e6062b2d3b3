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
  type UnitSelection,
  type WorkGrant,
  type WorkLevel,
} from './permissionModel';
import type { UserType } from './users';
import { resolveScope, type OrgTree, type ResolvedScope } from './orgTree';

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
  | { kind: 'read_only_cap'; removed: readonly WorkLevel[]; removedReport: ReportPermission | null };

export interface PermissionCell {
  unitId: number;
  area: Area;
  columnId: number | null;
  /** Closed under LEVEL_IMPLIES, in WORK_LEVELS order. Shared between cells with the same levels. */
  levels: readonly WorkLevel[];
  /** Shared between cells with the same reasons, so a full matrix holds a few hundred lists, not 24,000. */
  reasons: readonly PermissionReason[];
}

export interface ReportCell {
  unitId: number;
  permission: ReportPermission;
  granted: boolean;
  reasons: readonly PermissionReason[];
}

export interface MatrixFilter {
  unitIds?: readonly number[];
  areas?: readonly Area[];
  /** Leave out report permissions none of the user's groups grant (all their cells would be refused). */
  grantedReportsOnly?: boolean;
}

export interface PermissionMatrix {
  cells: PermissionCell[];
  reports: ReportCell[];
}

/** A unit's cells and report cells without the unit: shared by every unit whose cells are the same. */
export interface UnitContent {
  cells: readonly Omit<PermissionCell, 'unitId'>[];
  reports: readonly Omit<ReportCell, 'unitId'>[];
}

/** The matrix unit by unit; `content` objects are shared, so a caller can work each one out once. */
export interface UnitRow {
  unitId: number;
  content: UnitContent;
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
  /** The same cells as `matrix`, grouped by unit, with equal units sharing one content object. */
  unitRows(filter?: MatrixFilter): UnitRow[];
}

// ---- Level sets as bit masks (bit i = WORK_LEVELS[i]) -------------------------------------------------

const LEVEL_BIT = new Map<WorkLevel, number>(WORK_LEVELS.map((level, i) => [level, 1 << i]));
const READ_DOCUMENTS_BIT = bitOf('read_documents');
const IMPLIED_MASK = new Map<WorkLevel, number>(
  WORK_LEVELS.map((level) => [level, LEVEL_IMPLIES[level].reduce((mask, implied) => mask | bitOf(implied), 0)]),
);
/** Every mask's levels in WORK_LEVELS order, frozen, so cells share a ready list. */
const LEVELS_BY_MASK: readonly (readonly WorkLevel[])[] = Array.from({ length: 1 << WORK_LEVELS.length }, (_, mask) =>
  Object.freeze(WORK_LEVELS.filter((level) => (mask & bitOf(level)) !== 0)),
);
const NO_LEVELS: readonly WorkLevel[] = Object.freeze([]);

function bitOf(level: WorkLevel): number {
  return LEVEL_BIT.get(level) ?? 0;
}

function impliedMask(level: WorkLevel): number {
  return IMPLIED_MASK.get(level) ?? 0;
}

function levelsOf(mask: number): readonly WorkLevel[] {
  return LEVELS_BY_MASK[mask] ?? NO_LEVELS;
}

/**
 * A value per distinct sequence of shared objects, found by walking a trie keyed on their identities: no key
 * strings, and a sequence seen before allocates nothing.
 */
class IdentityTrie<K, V> {
  private readonly root: TrieNode<K, V> = { next: new Map(), value: undefined };

  /** The value stored for this sequence, made by `make` the first time. */
  get(keys: readonly K[], make: () => V): V {
    let node = this.root;
    for (let i = 0; i < keys.length; i += 1) {
      const key = keys[i] as K;
      let child = node.next.get(key);
      if (child === undefined) {
        child = { next: new Map(), value: undefined };
        node.next.set(key, child);
      }
      node = child;
    }
    node.value ??= make();
    return node.value;
  }
}

interface TrieNode<K, V> {
  next: Map<K, TrieNode<K, V>>;
  value: V | undefined;
}

/** One frozen list per distinct sequence of reasons (reasons are shared objects, see `reasonAt`). */
class ReasonLists {
  private readonly lists = new IdentityTrie<PermissionReason, readonly PermissionReason[]>();

  of(reasons: readonly PermissionReason[]): readonly PermissionReason[] {
    return this.lists.get(reasons, () => Object.freeze(reasons.slice()));
  }
}

// ---- Preparation: everything that does not depend on the unit -----------------------------------------

/** A resolved scope piece with its range of tree positions (OrgTree.rangeOf). */
interface RangedPiece {
  piece: ResolvedScope;
  start: number;
  end: number;
}

/** A grant with its scope resolved; `slot` numbers it across all groups and kinds. */
interface PreparedGrant<G> {
  slot: number;
  index: number;
  grant: G;
  level: number;
  ref: GroupRef;
}

type ByArea<G> = readonly (readonly PreparedGrant<G>[])[];

interface PreparedGroup {
  ref: GroupRef;
  /** Made once and shared by every cell it explains (see `reasonAt`). */
  visibleReason: PermissionReason;
  overrideReasons: Map<number, PermissionReason>;
  /** Null when the group sees every unit. */
  visibleRanges: RangedPiece[] | null;
  /** Indexed like AREAS. */
  generalByArea: ByArea<WorkGrant>;
  /** Present for every column the group has any column grant for, even one for another area. */
  columnByArea: Map<number, ByArea<ColumnGrant>>;
  reportsByPermission: Map<ReportPermission, PreparedGrant<ReportGrant>[]>;
}

/** What a cell needs of its unit; built once per unit and shared by all of the unit's cells. */
interface UnitContext {
  unitId: number;
  invisible: PermissionReason | null;
  visibleReasons: PermissionReason[];
  /** The piece covering the unit, per grant slot. */
  pieces: (ResolvedScope | undefined)[];
  /**
   * Everything above that a cell depends on, as shared objects: units with equal signatures have equal
   * cells, so a matrix works each signature out once (most units of a tree share a handful).
   */
  signature: readonly object[];
}

/** Signature markers for "visible", "no piece covers" and the end of the visibility reasons. */
const VISIBLE_MARK = Object.freeze({});
const NO_PIECE_MARK = Object.freeze({});
const END_MARK = Object.freeze({});



const NO_GRANTS: readonly PreparedGrant<ReportGrant>[] = [];
const NOT_VISIBLE: PermissionReason = Object.freeze({ kind: 'not_visible' });
const HIDDEN: PermissionReason = Object.freeze({ kind: 'hidden' });

function areaMatches(grantArea: GrantArea, area: Area): boolean {
  return grantArea === 'all' || grantArea === area;
}

function byArea<G extends WorkGrant>(grants: readonly PreparedGrant<G>[]): ByArea<G> {
  return AREAS.map((area) => grants.filter((g) => areaMatches(g.grant.area, area)));
}

function coveringRange(ranges: readonly RangedPiece[], position: number): ResolvedScope | undefined {
  for (const r of ranges) if (r.start <= position && position < r.end) return r.piece;
  return undefined;
}

/** Numbers every grant of every group and resolves each scope once. */
class GrantSlots {
  readonly ranges: RangedPiece[][] = [];
  private readonly byScope = new Map<WorkGrant['scope'], RangedPiece[]>();
  constructor(private readonly input: PermissionInput) {}

  add<G extends { scope: WorkGrant['scope'] }>(grant: G, index: number, ref: GroupRef, level: WorkLevel | null): PreparedGrant<G> {
    let ranges = this.byScope.get(grant.scope);
    if (ranges === undefined) {
      const { tree } = this.input;
      ranges = resolveScope(tree, grant.scope, this.input.user.departmentId).map((piece) => ({ piece, ...tree.rangeOf(piece) }));
      this.byScope.set(grant.scope, ranges);
    }
    this.ranges.push(ranges);
    return { slot: this.ranges.length - 1, index, grant, level: level === null ? 0 : impliedMask(level), ref };
  }
}

function visibleRangesOf(tree: OrgTree, selection: UnitSelection): RangedPiece[] | null {
  if (selection.all) return null;
  return selection.unitIds.map((unitId) => {
    const piece = { unitId, includesSubtree: true };
    return { piece, ...tree.rangeOf(piece) };
  });
}

function prepareGroup(group: PermissionGroupInput, tree: OrgTree, slots: GrantSlots): PreparedGroup {
  const { settings } = group;
  const ref = { groupId: group.id, groupName: group.name };
  const general = settings.workGrants.map((grant, index) => slots.add(grant, index, ref, grant.level));
  const columns = settings.columnGrants.map((grant, index) => slots.add(grant, index, ref, grant.level));
  const columnByArea = new Map<number, ByArea<ColumnGrant>>();
  for (const columnId of new Set(settings.columnGrants.map((grant) => grant.columnId))) {
    columnByArea.set(columnId, byArea(columns.filter((g) => g.grant.columnId === columnId)));
  }
  const reportsByPermission = new Map<ReportPermission, PreparedGrant<ReportGrant>[]>();
  settings.reportGrants.forEach((grant, index) => {
    const g = slots.add(grant, index, ref, null);
    const list = reportsByPermission.get(grant.permission);
    if (list === undefined) reportsByPermission.set(grant.permission, [g]);
    else list.push(g);
  });
  return {
    ref,
    visibleReason: { kind: 'visible', ...ref },
    overrideReasons: new Map(),
    visibleRanges: visibleRangesOf(tree, settings.visibleUnits),
    generalByArea: byArea(general),
    columnByArea,
    reportsByPermission,
  };
}

function grantingReason(g: PreparedGrant<WorkGrant | ColumnGrant | ReportGrant>, piece: ResolvedScope): PermissionReason {
  const { groupId, groupName } = g.ref;
  const { grant, index: grantIndex } = g;
  if ('permission' in grant) return { kind: 'report_grant', groupId, groupName, grantIndex, grant, piece };
  if ('columnId' in grant) return { kind: 'column_grant', groupId, groupName, grantIndex, grant, piece };
  return { kind: 'work_grant', groupId, groupName, grantIndex, grant, piece };
}

function seesPosition(group: PreparedGroup, position: number): boolean {
  return group.visibleRanges === null || coveringRange(group.visibleRanges, position) !== undefined;
}

export function preparePermissions(input: PermissionInput): PreparedPermissions {
  const { tree } = input;
  const slots = new GrantSlots(input);
  const groups = input.groups.map((group) => prepareGroup(group, tree, slots));
  const showsHidden = input.groups.some((group) => group.settings.flags.showHiddenUnits);
  const readOnly = input.user.userType === 'read_only';

  function contextOf(unitId: number): UnitContext {
    const position = tree.positionOf(unitId);
    const visibleReasons: PermissionReason[] = [];
    if (position >= 0) {
      for (const g of groups) if (seesPosition(g, position)) visibleReasons.push(g.visibleReason);
    }
    let invisible: PermissionReason | null = null;
    if (visibleReasons.length === 0) invisible = NOT_VISIBLE;
    else if (!showsHidden && tree.isHidden(unitId)) invisible = HIDDEN;
    const pieces: (ResolvedScope | undefined)[] = [];
    const signature: object[] = [invisible ?? VISIBLE_MARK, ...visibleReasons, END_MARK];
    if (invisible === null) {
      for (const ranges of slots.ranges) {
        const piece = coveringRange(ranges, position);
        pieces.push(piece);
        signature.push(piece ?? NO_PIECE_MARK);
      }
    }
    return { unitId, invisible, visibleReasons, pieces, signature };
  }

  /*
   * A granting reason depends only on the grant and the scope piece that covered the unit, not on the unit,
   * so each (slot, piece) makes one reason object that every cell it explains shares, like the visibility
   * reasons above. A full matrix (2,000 units × areas × columns) then holds a few hundred reason objects, not
   * hundreds of thousands, and a caller that words reasons can do so once per object.
   */
  const reasonsBySlot: Map<ResolvedScope, PermissionReason>[] = slots.ranges.map(() => new Map());

  function reasonAt(g: PreparedGrant<WorkGrant | ReportGrant>, piece: ResolvedScope): PermissionReason {
    const made = reasonsBySlot[g.slot];
    let reason = made?.get(piece);
    if (reason === undefined) {
      reason = grantingReason(g, piece);
      made?.set(piece, reason);
    }
    return reason;
  }

  /** Adds the reasons of the grants covering the unit; returns the levels they give. */
  function applyGrants(ctx: UnitContext, grants: readonly PreparedGrant<WorkGrant>[], reasons: PermissionReason[]): number {
    let mask = 0;
    for (const g of grants) {
      const piece = ctx.pieces[g.slot];
      if (piece === undefined) continue;
      mask |= g.level;
      reasons.push(reasonAt(g, piece));
    }
    return mask;
  }

  function anyCovers(ctx: UnitContext, grants: readonly PreparedGrant<WorkGrant>[]): boolean {
    for (const g of grants) if (ctx.pieces[g.slot] !== undefined) return true;
    return false;
  }

  function groupLevels(ctx: UnitContext, group: PreparedGroup, areaIndex: number, columnId: number | null, reasons: PermissionReason[]): number {
    const general = group.generalByArea[areaIndex] ?? [];
    const columnGrants = columnId === null ? undefined : group.columnByArea.get(columnId);
    if (columnGrants === undefined || columnId === null) return applyGrants(ctx, general, reasons);
    const mask = applyGrants(ctx, columnGrants[areaIndex] ?? [], reasons);
    if (anyCovers(ctx, general)) {
      let reason = group.overrideReasons.get(columnId);
      if (reason === undefined) {
        reason = { kind: 'column_override', ...group.ref, columnId };
        group.overrideReasons.set(columnId, reason);
      }
      reasons.push(reason);
    }
    return mask;
  }

  /** Reused by every cell; what a cell keeps is the shared list for the same reasons. */
  const scratch: PermissionReason[] = [];
  const reasonLists = new ReasonLists();
  const invisibleLists = new Map<PermissionReason, readonly PermissionReason[]>([
    [NOT_VISIBLE, Object.freeze([NOT_VISIBLE])],
    [HIDDEN, Object.freeze([HIDDEN])],
  ]);
  const invisibleReasons = (reason: PermissionReason) => invisibleLists.get(reason) ?? [reason];
  // The Read-Only cap's reason depends only on what it removed, so it is shared like the others.
  const levelCaps = new Map<number, PermissionReason>();
  const reportCaps = new Map<ReportPermission, PermissionReason>();
  function levelCapOf(removedMask: number): PermissionReason {
    let reason = levelCaps.get(removedMask);
    if (reason === undefined) {
      reason = { kind: 'read_only_cap', removed: levelsOf(removedMask), removedReport: null };
      levelCaps.set(removedMask, reason);
    }
    return reason;
  }
  function reportCapOf(permission: ReportPermission): PermissionReason {
    let reason = reportCaps.get(permission);
    if (reason === undefined) {
      reason = { kind: 'read_only_cap', removed: NO_LEVELS, removedReport: permission };
      reportCaps.set(permission, reason);
    }
    return reason;
  }

  function cellIn(ctx: UnitContext, area: Area, columnId: number | null): PermissionCell {
    const { unitId } = ctx;
    if (ctx.invisible !== null) return { unitId, area, columnId, levels: NO_LEVELS, reasons: invisibleReasons(ctx.invisible) };
    scratch.length = 0;
    for (const reason of ctx.visibleReasons) scratch.push(reason);
    const areaIndex = AREAS.indexOf(area);
    let mask = READ_DOCUMENTS_BIT;
    for (const group of groups) mask |= groupLevels(ctx, group, areaIndex, columnId, scratch);
    if (readOnly && (mask & ~READ_DOCUMENTS_BIT) !== 0) {
      scratch.push(levelCapOf(mask & ~READ_DOCUMENTS_BIT));
      mask = READ_DOCUMENTS_BIT;
    }
    return { unitId, area, columnId, levels: levelsOf(mask), reasons: reasonLists.of(scratch) };
  }

  function reportIn(ctx: UnitContext, permission: ReportPermission): ReportCell {
    const { unitId } = ctx;
    if (ctx.invisible !== null) return { unitId, permission, granted: false, reasons: invisibleReasons(ctx.invisible) };
    scratch.length = 0;
    for (const group of groups) {
      for (const g of group.reportsByPermission.get(permission) ?? NO_GRANTS) {
        const piece = ctx.pieces[g.slot];
        if (piece !== undefined) scratch.push(reasonAt(g, piece));
      }
    }
    let granted = scratch.length > 0;
    if (readOnly && granted) {
      scratch.push(reportCapOf(permission));
      granted = false;
    }
    return { unitId, permission, granted, reasons: reasonLists.of(scratch) };
  }

  function unitRows(filter?: MatrixFilter): UnitRow[] {
    const unitIds = filter?.unitIds ?? tree.allIds();
    const areas = filter?.areas ?? AREAS;
    const columnIds = [null, ...input.columns.map((c) => c.id)];
    const granted = new Set(input.groups.flatMap((g) => g.settings.reportGrants.map((grant) => grant.permission)));
    // A permission no group grants is refused on every unit for the same reason; it can be left out.
    const permissions = filter?.grantedReportsOnly ? REPORT_PERMISSIONS.filter((p) => granted.has(p)) : REPORT_PERMISSIONS;
    const contents = new IdentityTrie<object, UnitContent>();
    // Without the unit, since the content serves every unit with the same signature.
    const contentOf = (ctx: UnitContext): UnitContent => ({
      cells: columnIds.flatMap((columnId) =>
        areas.map((area) => {
          const { levels, reasons } = cellIn(ctx, area, columnId);
          return { area, columnId, levels, reasons };
        }),
      ),
      reports: permissions.map((permission) => {
        const { granted, reasons } = reportIn(ctx, permission);
        return { permission, granted, reasons };
      }),
    });
    return unitIds.map((unitId) => {
      const ctx = contextOf(unitId);
      return { unitId, content: contents.get(ctx.signature, () => contentOf(ctx)) };
    });
  }

  function matrix(filter?: MatrixFilter): PermissionMatrix {
    const cells: PermissionCell[] = [];
    const reports: ReportCell[] = [];
    for (const { unitId, content } of unitRows(filter)) {
      for (const { area, columnId, levels, reasons } of content.cells) cells.push({ unitId, area, columnId, levels, reasons });
      for (const { permission, granted, reasons } of content.reports) reports.push({ unitId, permission, granted, reasons });
    }
    return { cells, reports };
  }

  return {
    cellAt: (unitId, target) => cellIn(contextOf(unitId), target.area, target.columnId),
    reportAt: (unitId, permission) => reportIn(contextOf(unitId), permission),
    isVisible: (unitId) => contextOf(unitId).invisible === null,
    matrix,
    unitRows,
  };
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

/**
 * Worded once per distinct list: a full matrix asks for tens of thousands of cells' summaries, and there are only
 * a few dozen lists of levels (the cache is bounded by the orderings of six levels, a few hundred in practice).
 */
const LEVEL_SUMMARIES = new Map<string, string>();

/** The levels no other present level implies, e.g. "Comment + Change KPI data"; Read documents only alone. */
export function levelSummary(levels: readonly WorkLevel[]): string {
  const key = levels.join();
  let text = LEVEL_SUMMARIES.get(key);
  if (text === undefined) {
    text = wordLevels(levels);
    LEVEL_SUMMARIES.set(key, text);
  }
  return text;
}

function wordLevels(levels: readonly WorkLevel[]): string {
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
