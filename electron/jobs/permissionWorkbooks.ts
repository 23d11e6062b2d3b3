/**
 * Workbooks for the permission views an operator exports from the screen: one user's effective permissions,
 * and who has access at one unit. Streamed, so a 2,000-unit tree never sits in memory as cells.
 */
import ExcelJS from 'exceljs';
import type { EffectivePermissionsView, WhoHasRow } from '../../shared/contract';
import {
  ADMIN_PERMISSION_LABELS,
  AREA_LABELS,
  MENU_LABELS,
  REPORT_PERMISSION_LABELS,
} from '../../shared/domain/permissionModel';
import { USER_TYPE_LABELS } from '../../shared/domain/users';
import { looksLikeFormula, xmlSafe, type CellValue } from './auditWorkbook';

interface ColumnSpec {
  header: string;
  width: number;
  /** Long text (reasons, paths) wraps inside its cell instead of running into the next one. */
  wrap?: boolean;
  date?: boolean;
}

const DATE_FORMAT = 'yyyy-mm-dd hh:mm:ss';
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F0' } };

/*
 * One frozen style object per kind of cell, as in the audit workbook: exceljs looks styles up by object, so
 * shared objects keep a long sheet from rendering every cell's style to XML.
 */
const WRAP: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: 'top' };
const STYLES: Record<'plain' | 'wrap' | 'text' | 'wrapText' | 'date', Partial<ExcelJS.Style>> = {
  plain: Object.freeze({}),
  wrap: Object.freeze({ alignment: WRAP }),
  text: Object.freeze({ numFmt: '@' }),
  wrapText: Object.freeze({ numFmt: '@', alignment: WRAP }),
  date: Object.freeze({ numFmt: DATE_FORMAT }),
};

function styleOf(value: CellValue, column: ColumnSpec | undefined): Partial<ExcelJS.Style> {
  if (value instanceof Date) return STYLES.date;
  const formulaLike = looksLikeFormula(value);
  if (column?.wrap) return formulaLike ? STYLES.wrapText : STYLES.wrap;
  return formulaLike ? STYLES.text : STYLES.plain;
}

/** A landscape sheet, fit to the page width, with a frozen, bold, filled and filtered header row. */
class ViewSheet {
  private readonly sheet: ExcelJS.Worksheet;
  rows = 0;

  constructor(
    workbook: ExcelJS.stream.xlsx.WorkbookWriter,
    name: string,
    private readonly columns: ColumnSpec[],
  ) {
    this.sheet = workbook.addWorksheet(name, {
      views: [{ state: 'frozen', ySplit: 1 }],
      pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    });
    this.sheet.columns = columns.map((column) => ({ header: column.header, width: column.width }));
    const header = this.sheet.getRow(1);
    header.eachCell((cell) => {
      cell.font = { bold: true };
      cell.fill = HEADER_FILL;
      cell.alignment = { vertical: 'middle' };
    });
    header.commit();
    this.sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  }

  add(values: CellValue[]): void {
    const row = this.sheet.addRow(values.map(xmlSafe));
    row.eachCell({ includeEmpty: true }, (cell, columnNumber) => {
      cell.style = styleOf(cell.value as CellValue, this.columns[columnNumber - 1]);
    });
    row.commit();
    this.rows += 1;
  }

  commit(): void {
    this.sheet.commit();
  }
}

function openWorkbook(file: string): ExcelJS.stream.xlsx.WorkbookWriter {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  workbook.creator = 'AccessDesk';
  workbook.created = new Date();
  return workbook;
}

function summarySheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, items: [string, CellValue][]): void {
  const sheet = new ViewSheet(workbook, 'Summary', [
    { header: 'Item', width: 28 },
    { header: 'Value', width: 80, wrap: true },
  ]);
  for (const item of items) sheet.add(item);
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
  const workbook = openWorkbook(file);
  const units = new Map(view.units.map((unit) => [unit.id, unit]));
  const columnNames = new Map(view.columns.map((column) => [column.id, column.name]));
  const reasonsOf = (refs: readonly number[]) => joinLines(refs.map((ref) => view.reasonTexts[ref] ?? ''));

  const cells = new ViewSheet(workbook, 'Effective permissions', [
    { header: 'Unit', width: 48, wrap: true },
    { header: 'Visible', width: 10 },
    { header: 'Area', width: 12 },
    { header: 'Scorecard column', width: 24 },
    { header: 'Level', width: 30 },
    { header: 'Why', width: 90, wrap: true },
  ]);
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

  const reports = new ViewSheet(workbook, 'Report permissions', [
    { header: 'Unit', width: 48, wrap: true },
    { header: 'Report permission', width: 44 },
    { header: 'Why', width: 90, wrap: true },
  ]);
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
  summarySheet(workbook, [
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
  const workbook = openWorkbook(file);
  const sheet = new ViewSheet(workbook, 'Who has access', [
    { header: 'Name', width: 30 },
    { header: 'Username', width: 24 },
    { header: 'User type', width: 12 },
    { header: 'Department', width: 40, wrap: true },
    { header: 'Level', width: 30 },
    { header: 'Why', width: 90, wrap: true },
  ]);
  for (const row of data.rows) {
    sheet.add([row.label, row.username, USER_TYPE_LABELS[row.userType], row.departmentPath ?? '', row.level, joinLines(row.reasons)]);
  }
  sheet.commit();
  summarySheet(workbook, [
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
