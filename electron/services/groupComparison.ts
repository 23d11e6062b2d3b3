/** Two permission groups side by side, setting by setting, each row marked when the two differ. */
import type { Comparison } from '../../shared/contract';
import {
  ADMIN_PERMISSION_LABELS,
  ADVANCED_LABELS,
  AREA_LABELS,
  FLAG_LABELS,
  FLAG_NAMES,
  LANGUAGE_LABELS,
  LICENCE_LEVEL_LABELS,
  MENU_LABELS,
  REPORT_PERMISSION_LABELS,
  REPORT_PERMISSIONS,
  SCOPE_LABELS,
  WORK_LEVEL_LABELS,
  type GroupSettings,
  type UnitSelection,
  type WorkGrant,
} from '../../shared/domain/permissionModel';
import { OrgTree } from '../../shared/domain/orgTree';
import { findGroupDetail } from '../db/repos/groups';
import { orgUnitNodes, scorecardColumnsOf } from '../db/repos/permissionInputs';
import { AppError } from '../../shared/errors';
import type { ServiceContext } from './context';

type ComparisonRow = Comparison['rows'][number];

function requireGroupDetail(ctx: ServiceContext, id: number) {
  const group = findGroupDetail(ctx.store.db, ctx.workspaceId, id);
  if (!group) throw new AppError('not_found', 'That group does not exist or was deleted');
  return group;
}

function unitsText(tree: OrgTree, selection: UnitSelection | number[]): string {
  const ids = Array.isArray(selection) ? selection : selection.all ? null : selection.unitIds;
  if (ids === null) return 'All units';
  if (ids.length === 0) return '—';
  return ids.map((id) => (tree.has(id) ? tree.pathOf(id) : `#${id}`)).sort().join('; ');
}

function grantText(grant: WorkGrant): string {
  return `${WORK_LEVEL_LABELS[grant.level]} · ${AREA_LABELS[grant.area]} · ${SCOPE_LABELS[grant.scope]}`;
}

function listText(items: string[]): string {
  return items.length === 0 ? '—' : [...items].sort().join('\n');
}

function yesNo(value: boolean): string {
  return value ? 'Yes' : 'No';
}

export function compareGroups(ctx: ServiceContext, leftId: number, rightId: number): Comparison {
  const left = requireGroupDetail(ctx, leftId);
  const right = requireGroupDetail(ctx, rightId);
  const tree = new OrgTree(orgUnitNodes(ctx.store.db, ctx.workspaceId));
  const columns = new Map(scorecardColumnsOf(ctx.store.db, ctx.workspaceId).map((column) => [column.id, column.name]));
  const rows: ComparisonRow[] = [];
  const add = (section: string, label: string, pick: (settings: GroupSettings) => string) => {
    const [a, b] = [pick(left.settings), pick(right.settings)];
    rows.push({ section, label, left: a, right: b, differs: a !== b });
  };
  rows.push({
    section: 'General',
    label: 'Description',
    left: left.description || '—',
    right: right.description || '—',
    differs: left.description !== right.description,
  });
  rows.push({
    section: 'General',
    label: 'Licence level',
    left: LICENCE_LEVEL_LABELS[left.licenceLevel],
    right: LICENCE_LEVEL_LABELS[right.licenceLevel],
    differs: left.licenceLevel !== right.licenceLevel,
  });
  rows.push({
    section: 'General',
    label: 'Members',
    left: String(left.memberCount),
    right: String(right.memberCount),
    differs: left.memberCount !== right.memberCount,
  });
  add('General', 'Default language', (s) => LANGUAGE_LABELS[s.language]);
  add('General', 'Visible units', (s) => unitsText(tree, s.visibleUnits));
  add('General', 'Landing menu', (s) => MENU_LABELS[s.landingMenu]);
  add('General', 'Allowed menus', (s) => s.allowedMenus.map((menu) => MENU_LABELS[menu]).join(', '));
  add('Administration', 'Administrator permission', (s) => ADMIN_PERMISSION_LABELS[s.adminPermission]);
  add('Administration', 'Administered units', (s) => (s.adminPermission === 'local' ? unitsText(tree, s.adminUnits) : '—'));
  for (const name of FLAG_NAMES) add('General flags', FLAG_LABELS[name], (s) => yesNo(s.flags[name]));
  add('Planning and operational work', 'Grants', (s) => listText(s.workGrants.map(grantText)));
  add('Column-specific grants', 'Grants', (s) =>
    listText(s.columnGrants.map((grant) => `${columns.get(grant.columnId) ?? `#${grant.columnId}`}: ${grantText(grant)}`)),
  );
  for (const permission of REPORT_PERMISSIONS) {
    add('Reports', REPORT_PERMISSION_LABELS[permission], (s) =>
      listText(s.reportGrants.filter((grant) => grant.permission === permission).map((grant) => SCOPE_LABELS[grant.scope])),
    );
  }
  for (const key of Object.keys(ADVANCED_LABELS) as (keyof GroupSettings['advanced'])[]) {
    add('Advanced', ADVANCED_LABELS[key], (s) => yesNo(s.advanced[key]));
  }
  return { leftLabel: left.name, rightLabel: right.name, rows, cellDifferences: [] };
}
