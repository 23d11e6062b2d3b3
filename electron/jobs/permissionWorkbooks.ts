/**
 * Workbooks for the permission views an operator exports from the screen: one user's effective permissions,
 * and who has access at one unit. Streamed, so a 2,000-unit tree never sits in memory as cells.
 */
import type ExcelJS from 'exceljs';
import type { EffectivePermissionsView, WhoHasRow } from '../../shared/contract';
import {
  ADMIN_PERMISSION_LABELS,
  AREA_LABELS,
  MENU_LABELS,
  REPORT_PERMISSION_LABELS,
} from '../../shared/domain/permissionModel';
import { USER_TYPE_LABELS } from '../../shared/domain/users';
import type { CellValue } from './cellText';
import { TIME_ZONE_NOTE, type PrintHeading } from './printLayout';
import { openWorkbook, SheetWriter } from './sheetWriter';

/** Label and value rows; the time zone of the times it shows is stated last. */
function summarySheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, heading: PrintHeading, items: [string, CellValue][]): void {
  const sheet = new SheetWriter(workbook, 'Summary', [
    { header: 'Item', width: 28 },
    { header: 'Value', width: 80, wrap: true },
  ], heading);
  for (const item of items) sheet.add(item);
  sheet.add(['Time zone', TIME_ZONE_NOTE]);
  sheet.commit();
}

const joinLines = (texts: readonly string[]) => texts.join('\n');

export interface EffectivePermissionsExport {
  view: EffectivePermissionsView;
  exportedBy: string;
  exportedAt: Date;
}

/** Writes the view as shown (same unit and area filters); returns the permission rows written. */
export async function writeEffectivePermissionsWorkbook(file: string, { view, exportedBy, exportedAt }: EffectivePermissionsExport): Promise<number> {
  const workbook = openWorkbook({ filename: file });
  const heading: PrintHeading = { title: `Effective permissions of ${view.subject.label}`, generatedAt: exportedAt };
  const units = new Map(view.units.map((unit) => [unit.id, unit]));
  const columnNames = new Map(view.columns.map((column) => [column.id, column.name]));
  const reasonsOf = (refs: readonly number[]) => joinLines(refs.map((ref) => view.reasonTexts[ref] ?? ''));

  const cells = new SheetWriter(workbook, 'Effective permissions', [
    { header: 'Unit', width: 36, wrap: true },
    { header: 'Visible', width: 8 },
    { header: 'Area', width: 11 },
    { header: 'Scorecard column', width: 18, wrap: true },
    { header: 'Level', width: 22, wrap: true },
    { header: 'Why', width: 60, wrap: true },
  ], heading);
  for (const cell of view.cells) {
    const unit = units.get(cell.unitId);
    cells.add([
      unit?.path ?? `#${cell.unitId}`,
      unit?.visible === false ? 'No' : 'Yes',
      AREA_LABELS[cell.area],
      cell.columnId === null ? '' : (columnNames.get(cell.columnId) ?? `#${cell.columnId}`),
      cell.level,
      reasonsOf(cell.reasons),
    ]);
  }
  cells.commit();

  const reports = new SheetWriter(workbook, 'Report permissions', [
    { header: 'Unit', width: 36, wrap: true },
    { header: 'Report permission', width: 32, wrap: true },
    { header: 'Why', width: 60, wrap: true },
  ], heading);
  for (const report of view.reports) {
    reports.add([units.get(report.unitId)?.path ?? `#${report.unitId}`, REPORT_PERMISSION_LABELS[report.permission], reasonsOf(report.reasons)]);
  }
  reports.commit();

  const { subject, summary } = view;
  const groupsOf = (isMain: boolean) =>
    subject.groups
      .filter((group) => group.isMain === isMain)
      .map((group) => group.name)
      .join(', ') || '—';
  summarySheet(workbook, heading, [
    ['User', subject.label],
    ['User type', USER_TYPE_LABELS[subject.userType]],
    ['Department', subject.departmentPath ?? '—'],
    ['Main group', groupsOf(true)],
    ['Extra groups', groupsOf(false)],
    ['Administrator permission', ADMIN_PERMISSION_LABELS[summary.adminPermission]],
    ['Visible units', summary.visibleUnitCount],
    ['Landing menu', MENU_LABELS[summary.landingMenu]],
    ['Allowed menus', summary.allowedMenus.map((menu) => MENU_LABELS[menu]).join(', ')],
    ['Flags', summary.flags.join(', ') || '—'],
    ['Units in this export', view.units.length],
    ['Exported by', exportedBy],
    ['Exported at', exportedAt],
  ]);

  await workbook.commit();
  return cells.rows + reports.rows;
}

export interface WhoHasExport {
  unitPath: string;
  /** The area (and column) or report permission asked about, in words. */
  question: string;
  /** The level filter in words, or null for any level. */
  levelFilter: string | null;
  rows: readonly WhoHasRow[];
  exportedBy: string;
  exportedAt: Date;
}

/** Who holds a level at the unit, one row per user; returns the user rows written. */
export async function writeWhoHasWorkbook(file: string, data: WhoHasExport): Promise<number> {
  const workbook = openWorkbook({ filename: file });
  const heading: PrintHeading = { title: `Who has access at ${data.unitPath}`, generatedAt: data.exportedAt };
  const sheet = new SheetWriter(workbook, 'Who has access', [
    { header: 'Name', width: 22, wrap: true },
    { header: 'Username', width: 18, wrap: true },
    { header: 'User type', width: 10 },
    { header: 'Department', width: 30, wrap: true },
    { header: 'Level', width: 22, wrap: true },
    { header: 'Why', width: 60, wrap: true },
  ], heading);
  for (const row of data.rows) {
    sheet.add([row.label, row.username, USER_TYPE_LABELS[row.userType], row.departmentPath ?? '', row.level, joinLines(row.reasons)]);
  }
  sheet.commit();
  summarySheet(workbook, heading, [
    ['Unit', data.unitPath],
    ['Question', data.question],
    ['Level filter', data.levelFilter ?? 'Any level'],
    ['Users', data.rows.length],
    ['Exported by', data.exportedBy],
    ['Exported at', data.exportedAt],
  ]);
  await workbook.commit();
  return sheet.rows;
}
