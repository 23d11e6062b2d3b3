import type { EffectivePermissionsView, PermissionCellView } from '../../../../shared/contract';
import { AREAS, AREA_LABELS, type Area } from '../../../../shared/domain/permissionModel';

export type UnitInView = EffectivePermissionsView['units'][number];

/** One column of the matrix: an area, for the general permission or for one scorecard column. */
export interface MatrixColumn {
  area: Area;
  columnId: number | null;
  label: string;
  /** "General" or the scorecard column's name: the group header above the areas. */
  group: string;
}

export interface MatrixGroup {
  label: string;
  span: number;
}

export interface ActiveCell {
  row: number;
  col: number;
}

function cellKey(unitId: number, area: Area, columnId: number | null): string {
  return `${unitId}|${area}|${columnId ?? ''}`;
}

/** The view's cells arranged for the grid, each found by unit and column without scanning 24,000 cells. */
export function buildMatrix(view: EffectivePermissionsView) {
  const areas = AREAS.filter((area) => view.cells.some((cell) => cell.area === area));
  const groups = [{ id: null as number | null, name: 'General' }, ...view.columns.map((column) => ({ id: column.id as number | null, name: column.name }))];
  const columns: MatrixColumn[] = groups.flatMap((group) =>
    areas.map((area) => ({ area, columnId: group.id, label: AREA_LABELS[area], group: group.name })),
  );
  const headerGroups: MatrixGroup[] = groups.map((group) => ({ label: group.name, span: areas.length }));
  const cells = new Map<string, PermissionCellView>();
  for (const cell of view.cells) cells.set(cellKey(cell.unitId, cell.area, cell.columnId), cell);
  return {
    columns,
    headerGroups,
    cellAt(unitId: number, column: MatrixColumn): PermissionCellView | undefined {
      return cells.get(cellKey(unitId, column.area, column.columnId));
    },
  };
}

export type Matrix = ReturnType<typeof buildMatrix>;

/** Where an arrow, Home/End or Page key takes the focus in a grid of `rows` × `cols`; null for other keys. */
export function moveInGrid(key: string, from: ActiveCell, rows: number, cols: number, ctrl: boolean): ActiveCell | null {
  const clamp = (value: number, max: number) => Math.min(Math.max(value, 0), max - 1);
  const PAGE = 10;
  switch (key) {
    case 'ArrowUp':
      return { row: clamp(from.row - 1, rows), col: from.col };
    case 'ArrowDown':
      return { row: clamp(from.row + 1, rows), col: from.col };
    case 'ArrowLeft':
      return { row: from.row, col: clamp(from.col - 1, cols) };
    case 'ArrowRight':
      return { row: from.row, col: clamp(from.col + 1, cols) };
    case 'PageUp':
      return { row: clamp(from.row - PAGE, rows), col: from.col };
    case 'PageDown':
      return { row: clamp(from.row + PAGE, rows), col: from.col };
    case 'Home':
      return ctrl ? { row: 0, col: 0 } : { row: from.row, col: 0 };
    case 'End':
      return ctrl ? { row: rows - 1, col: cols - 1 } : { row: from.row, col: cols - 1 };
    default:
      return null;
  }
}
