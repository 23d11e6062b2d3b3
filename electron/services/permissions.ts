/**
 * Effective permissions, "who has access here?" and comparisons: the store's groups, tree and users handed
 * to the pure engine (shared/domain/effectivePermissions.ts), with every answer carrying its reasons.
 */
import type {
  Comparison,
  EffectivePermissionsQuery,
  EffectivePermissionsView,
  PermissionCellView,
  WhoHasPage,
  WhoHasQuery,
  WhoHasRow,
} from '../../shared/contract';
import type { z } from 'zod';
import {
  describeReason,
  levelSummary,
  preparePermissions,
  summary as summarize,
  type PermissionGroupInput,
  type PermissionInput,
  type PermissionReason,
  type UnitContent,
  type UnitRow,
} from '../../shared/domain/effectivePermissions';
import { OrgTree } from '../../shared/domain/orgTree';
import {
  AREAS,
  AREA_LABELS,
  FLAG_LABELS,
  FLAG_NAMES,
  REPORT_PERMISSION_LABELS,
  type Area,
  type GroupSettings,
  type WorkLevel,
} from '../../shared/domain/permissionModel';
import { prepareWhoHas, type AccessQuestion } from '../../shared/domain/whoHas';
import type { UserType } from '../../shared/domain/users';
import { AppError } from '../../shared/errors';
import { readGroupSettings } from '../db/repos/groupSettings';
import { listGroupsWithSettings } from '../db/repos/groups';
import { accessHoldersInNameOrder, holderNames, orgUnitNodes, scorecardColumnsOf, type AccessHolder } from '../db/repos/permissionInputs';
import { findLiveUserById, type UserRecord } from '../db/repos/users';
import { groupsOfUserWithSettings } from '../db/repos/workspaceAccess';
import { today } from '../db/time';
import { userLabel } from './authorization';
import type { ServiceContext } from './context';
import { cachedUntilStoreChanges } from './storeCache';

type WhoHasQueryParsed = z.output<typeof WhoHasQuery>;
type EffectiveQueryParsed = z.output<typeof EffectivePermissionsQuery>;

interface Workspace {
  tree: OrgTree;
  columns: { id: number; name: string }[];
}

function loadWorkspace(ctx: ServiceContext): Workspace {
  return cachedUntilStoreChanges(ctx.store, `workspace ${ctx.workspaceId}`, () => ({
    tree: new OrgTree(orgUnitNodes(ctx.store.db, ctx.workspaceId)),
    columns: scorecardColumnsOf(ctx.store.db, ctx.workspaceId),
  }));
}

function requireLiveUser(ctx: ServiceContext, id: number): UserRecord {
  const user = findLiveUserById(ctx.store.db, id);
  if (!user) throw new AppError('not_found', 'That user does not exist or was deleted');
  return user;
}

/** Stored values the app never writes read as the least privileged type. */
function knownUserType(value: string): UserType {
  return value === 'admin' || value === 'standard' ? value : 'read_only';
}

function permissionInputOf(ctx: ServiceContext, user: UserRecord, workspace: Workspace): PermissionInput {
  const groups: PermissionGroupInput[] = groupsOfUserWithSettings(ctx.store.db, ctx.workspaceId, user.id, today()).map((row) => ({
    id: row.groupId,
    name: row.name,
    membership: row.isMain ? 'main' : 'extra',
    settings: readGroupSettings(row.settings),
  }));
  return {
    tree: workspace.tree,
    columns: workspace.columns,
    user: { departmentId: user.departmentId, userType: knownUserType(user.userType) },
    groups,
  };
}

function departmentPath(tree: OrgTree, departmentId: number | null): string | null {
  return departmentId !== null && tree.has(departmentId) ? tree.pathOf(departmentId) : null;
}

/**
 * Reason texts shared by many cells are sent once; cells refer to them by index. The engine shares one reason
 * object among all the cells it explains, so each object is worded once and then found by identity: wording
 * (and hashing the words of) every reason of every cell made one user's full matrix several times slower.
 */
class ReasonTexts {
  readonly texts: string[] = [];
  private readonly indexes = new Map<string, number>();
  private readonly byReason = new Map<PermissionReason, number>();
  constructor(private readonly workspace: Workspace) {}

  private indexOf(reason: PermissionReason): number {
    let index = this.byReason.get(reason);
    if (index !== undefined) return index;
    const text = describeReason(reason, this.workspace.tree, this.workspace.columns);
    index = this.indexes.get(text);
    if (index === undefined) {
      index = this.texts.length;
      this.texts.push(text);
      this.indexes.set(text, index);
    }
    this.byReason.set(reason, index);
    return index;
  }

  /** The engine shares one list per distinct set of reasons; so does this, one array of refs per list. */
  private readonly byList = new Map<readonly PermissionReason[], number[]>();

  refs(reasons: readonly PermissionReason[]): number[] {
    let refs = this.byList.get(reasons);
    if (refs === undefined) {
      refs = reasons.map((reason) => this.indexOf(reason));
      this.byList.set(reasons, refs);
    }
    return refs;
  }
}

type CellContentView = Omit<PermissionCellView, 'unitId'>;
type ReportContentView = Omit<EffectivePermissionsView['reports'][number], 'unitId'>;

/**
 * The window's cells, worked out once per distinct unit content (the engine shares those between units
 * whose cells are equal), then stamped with each unit's id.
 */
function viewCells(rows: readonly UnitRow[], reasonTexts: ReasonTexts): Pick<EffectivePermissionsView, 'cells' | 'reports'> {
  const views = new Map<UnitContent, { cells: CellContentView[]; reports: ReportContentView[] }>();
  const cells: PermissionCellView[] = [];
  const reports: EffectivePermissionsView['reports'] = [];
  for (const { unitId, content } of rows) {
    let view = views.get(content);
    if (view === undefined) {
      view = {
        cells: content.cells.map((cell) => ({
          area: cell.area,
          columnId: cell.columnId,
          levels: [...cell.levels],
          level: levelSummary(cell.levels),
          reasons: reasonTexts.refs(cell.reasons),
        })),
        reports: content.reports
          .filter((report) => report.granted)
          .map((report) => ({ permission: report.permission, reasons: reasonTexts.refs(report.reasons) })),
      };
      views.set(content, view);
    }
    for (const cell of view.cells) cells.push({ unitId, ...cell });
    for (const report of view.reports) reports.push({ unitId, ...report });
  }
  return { cells, reports };
}

function unitsInView(tree: OrgTree, unitId: number | undefined): number[] {
  if (unitId === undefined) return [...tree.allIds()];
  if (!tree.has(unitId)) throw new AppError('not_found', 'That org unit does not exist', { unitId: 'Choose an existing org unit' });
  return tree.subtreeOf(unitId);
}

export function effectivePermissions(ctx: ServiceContext, query: EffectiveQueryParsed): EffectivePermissionsView {
  const user = requireLiveUser(ctx, query.userId);
  const workspace = loadWorkspace(ctx);
  const { tree } = workspace;
  const input = permissionInputOf(ctx, user, workspace);
  const unitIds = unitsInView(tree, query.unitId);
  const areas: readonly Area[] = query.areas && query.areas.length > 0 ? query.areas : AREAS;
  const prepared = preparePermissions(input);
  const reasonTexts = new ReasonTexts(workspace);
  const { cells, reports } = viewCells(prepared.unitRows({ unitIds, areas, grantedReportsOnly: true }), reasonTexts);
  const summary = summarize(input);
  return {
    subject: {
      userId: user.id,
      label: userLabel(user),
      userType: input.user.userType,
      departmentPath: departmentPath(tree, user.departmentId),
      groups: input.groups.map((group) => ({ id: group.id, name: group.name, isMain: group.membership === 'main' })),
    },
    summary: {
      adminPermission: summary.adminPermission,
      adminUnitCount: summary.adminUnitIds.length,
      visibleUnitCount: summary.visibleUnitIds.length,
      landingMenu: summary.landingMenu,
      allowedMenus: summary.allowedMenus,
      flags: FLAG_NAMES.filter((name) => summary.flags[name]).map((name) => FLAG_LABELS[name]),
    },
    columns: workspace.columns,
    units: unitIds.map((id) => ({
      id,
      parentId: tree.parentOf(id),
      name: tree.get(id)?.name ?? '',
      path: tree.pathOf(id),
      depth: tree.ancestorsOf(id).length,
      visible: prepared.isVisible(id),
    })),
    cells,
    reports,
    reasonTexts: reasonTexts.texts,
  };
}

// ---- Who has access here -------------------------------------------------------------------------------

interface Holder {
  holder: AccessHolder;
  levels: readonly WorkLevel[];
  level: string;
}

function questionOf(query: WhoHasQueryParsed, workspace: Workspace): AccessQuestion {
  const { target } = query;
  if (target.kind === 'report') return { kind: 'report', permission: target.permission };
  if (target.columnId !== null && !workspace.columns.some((column) => column.id === target.columnId)) {
    throw new AppError('not_found', 'That scorecard column does not exist', { 'target.columnId': 'Choose an existing column' });
  }
  return { kind: 'area', area: target.area, columnId: target.columnId };
}

const GRANTED_LABEL = 'Granted';

/** Every live user who holds a level at the unit for the area, column or report permission, with why. */
export function whoHas(ctx: ServiceContext, query: WhoHasQueryParsed): WhoHasPage {
  const workspace = loadWorkspace(ctx);
  const { tree } = workspace;
  if (!tree.has(query.unitId)) throw new AppError('not_found', 'That org unit does not exist', { unitId: 'Choose an existing org unit' });
  const question = questionOf(query, workspace);
  const groups = cachedUntilStoreChanges(ctx.store, `groups ${ctx.workspaceId}`, () => listGroupsWithSettings(ctx.store.db, ctx.workspaceId));
  const settingsById = new Map<number, GroupSettings>(groups.map((group) => [group.id, group.settings]));
  const answer = prepareWhoHas(tree, settingsById, query.unitId, question);

  // Holders come in the users list's order (last name, first name), so no sort is needed here.
  const holders: Holder[] = [];
  const levelCounts = new Map<string, number>();
  const day = today();
  const everyone = cachedUntilStoreChanges(ctx.store, `access holders ${day}`, () => accessHoldersInNameOrder(ctx.store.sqlite, day));
  for (const holder of everyone) {
    const held = answer(holder);
    if (held === null) continue;
    const levels = held === 'granted' ? [] : held;
    const level = held === 'granted' ? GRANTED_LABEL : levelSummary(levels);
    levelCounts.set(level, (levelCounts.get(level) ?? 0) + 1);
    if (query.level !== undefined && held !== 'granted' && !levels.includes(query.level)) continue;
    holders.push({ holder, levels, level });
  }

  const start = (query.page - 1) * query.pageSize;
  const shown = holders.slice(start, start + query.pageSize);
  const names = holderNames(ctx.store.db, shown.map((entry) => entry.holder.id));
  const groupNames = new Map(groups.map((group) => [group.id, group.name]));
  return {
    rows: shown.map((entry) => holderRow(entry, names, workspace, settingsById, groupNames, query)),
    total: holders.length,
    page: query.page,
    pageSize: query.pageSize,
    unitPath: tree.pathOf(query.unitId),
    levelCounts: [...levelCounts].map(([level, count]) => ({ level, count })).sort((a, b) => b.count - a.count),
  };
}

export interface WhoHasEverything {
  unitPath: string;
  /** The area (and column) or report permission asked about, in words. */
  question: string;
  rows: WhoHasRow[];
}

/** Every page of "who has access here" at once, for an export. */
export function whoHasAll(ctx: ServiceContext, query: Omit<WhoHasQueryParsed, 'page' | 'pageSize'>): WhoHasEverything {
  const page = whoHas(ctx, { ...query, page: 1, pageSize: Number.MAX_SAFE_INTEGER });
  const { target } = query;
  const question =
    target.kind === 'report'
      ? REPORT_PERMISSION_LABELS[target.permission]
      : `${AREA_LABELS[target.area]}${columnLabel(loadWorkspace(ctx), target.columnId)}`;
  return { unitPath: page.unitPath, question, rows: page.rows };
}

/** The row on screen, explained by the engine itself. */
function holderRow(
  entry: Holder,
  names: ReadonlyMap<number, { firstName: string; lastName: string; username: string }>,
  workspace: Workspace,
  settingsById: ReadonlyMap<number, GroupSettings>,
  groupNames: ReadonlyMap<number, string>,
  query: WhoHasQueryParsed,
): WhoHasRow {
  const { holder } = entry;
  const name = names.get(holder.id) ?? { firstName: '', lastName: '', username: `#${holder.id}` };
  const input: PermissionInput = {
    tree: workspace.tree,
    columns: workspace.columns,
    user: { departmentId: holder.departmentId, userType: holder.userType },
    groups: holder.groupIds.flatMap((id) => {
      const settings = settingsById.get(id);
      return settings ? [{ id, name: groupNames.get(id) ?? `#${id}`, membership: 'extra' as const, settings }] : [];
    }),
  };
  const prepared = preparePermissions(input);
  const reasons =
    query.target.kind === 'report'
      ? prepared.reportAt(query.unitId, query.target.permission).reasons
      : prepared.cellAt(query.unitId, { area: query.target.area, columnId: query.target.columnId }).reasons;
  return {
    userId: holder.id,
    label: userLabel(name),
    username: name.username,
    userType: holder.userType,
    departmentPath: departmentPath(workspace.tree, holder.departmentId),
    levels: [...entry.levels],
    level: entry.level,
    reasons: reasons.map((reason) => describeReason(reason, workspace.tree, workspace.columns)),
  };
}

// ---- Compare -------------------------------------------------------------------------------------------

type ComparisonRow = Comparison['rows'][number];

function row(section: string, label: string, left: string, right: string): ComparisonRow {
  return { section, label, left, right, differs: left !== right };
}

const MAX_CELL_DIFFERENCES = 2_000;

function columnLabel(workspace: Workspace, columnId: number | null): string {
  return columnId === null ? '' : ` · ${workspace.columns.find((column) => column.id === columnId)?.name ?? `#${columnId}`}`;
}

export function compareUsers(ctx: ServiceContext, leftId: number, rightId: number): Comparison {
  const workspace = loadWorkspace(ctx);
  const [left, right] = [requireLiveUser(ctx, leftId), requireLiveUser(ctx, rightId)];
  const [leftInput, rightInput] = [permissionInputOf(ctx, left, workspace), permissionInputOf(ctx, right, workspace)];
  const [leftSummary, rightSummary] = [summarize(leftInput), summarize(rightInput)];
  const groupsText = (input: PermissionInput, membership: 'main' | 'extra') =>
    input.groups.filter((group) => group.membership === membership).map((group) => group.name).join(', ') || '—';
  const rows: ComparisonRow[] = [
    row('User', 'User type', leftInput.user.userType, rightInput.user.userType),
    row('User', 'Department', departmentPath(workspace.tree, left.departmentId) ?? '—', departmentPath(workspace.tree, right.departmentId) ?? '—'),
    row('Groups', 'Main group', groupsText(leftInput, 'main'), groupsText(rightInput, 'main')),
    row('Groups', 'Extra groups', groupsText(leftInput, 'extra'), groupsText(rightInput, 'extra')),
    row('Administration', 'Administrator permission', leftSummary.adminPermission, rightSummary.adminPermission),
    row('Administration', 'Administered units', String(leftSummary.adminUnitIds.length), String(rightSummary.adminUnitIds.length)),
    row('General', 'Visible units', String(leftSummary.visibleUnitIds.length), String(rightSummary.visibleUnitIds.length)),
    row('General', 'Landing menu', leftSummary.landingMenu, rightSummary.landingMenu),
    row('General', 'Allowed menus', leftSummary.allowedMenus.join(', '), rightSummary.allowedMenus.join(', ')),
    ...FLAG_NAMES.map((name) => row('Flags', FLAG_LABELS[name], yesNo(leftSummary.flags[name]), yesNo(rightSummary.flags[name]))),
  ];
  const leftMatrix = preparePermissions(leftInput).matrix();
  const rightMatrix = preparePermissions(rightInput).matrix();
  const cellDifferences: Comparison['cellDifferences'] = [];
  leftMatrix.cells.forEach((cell, index) => {
    const other = rightMatrix.cells[index];
    if (!other || cellDifferences.length >= MAX_CELL_DIFFERENCES) return;
    const [a, b] = [levelSummary(cell.levels), levelSummary(other.levels)];
    if (a !== b) {
      const label = `${cell.area[0]?.toUpperCase() ?? ''}${cell.area.slice(1)}${columnLabel(workspace, cell.columnId)}`;
      cellDifferences.push({ unitPath: workspace.tree.pathOf(cell.unitId), label, left: a, right: b });
    }
  });
  leftMatrix.reports.forEach((report, index) => {
    const other = rightMatrix.reports[index];
    if (!other || cellDifferences.length >= MAX_CELL_DIFFERENCES || report.granted === other.granted) return;
    cellDifferences.push({
      unitPath: workspace.tree.pathOf(report.unitId),
      label: REPORT_PERMISSION_LABELS[report.permission],
      left: report.granted ? GRANTED_LABEL : 'No access',
      right: other.granted ? GRANTED_LABEL : 'No access',
    });
  });
  return { leftLabel: userLabel(left), rightLabel: userLabel(right), rows, cellDifferences };
}

function yesNo(value: boolean): string {
  return value ? 'Yes' : 'No';
}

export { compareGroups } from './groupComparison';
