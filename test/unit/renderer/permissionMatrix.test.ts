import { describe, expect, test } from 'vitest';
import type { EffectivePermissionsView } from '../../../shared/contract';
import { compactLevel, reasonsInOrder, strengthOf } from '../../../renderer/src/features/permissions/levels';
import { buildMatrix, moveInGrid } from '../../../renderer/src/features/permissions/matrixModel';

function view(): EffectivePermissionsView {
  return {
    subject: { userId: 1, label: 'Rita Reader (rita)', userType: 'standard', departmentPath: null, groups: [] },
    summary: { adminPermission: 'none', adminUnitCount: 0, visibleUnitCount: 1, landingMenu: 'home', allowedMenus: ['home'], flags: [] },
    columns: [{ id: 7, name: 'Budget' }],
    units: [{ id: 10, parentId: null, name: 'Org', path: 'Org', depth: 0, visible: true }],
    cells: [
      { unitId: 10, area: 'text', columnId: null, levels: ['read_documents'], level: 'Read documents', reasons: [0] },
      { unitId: 10, area: 'measure', columnId: null, levels: ['comment', 'change_kpi_data'], level: 'Comment + Change KPI data', reasons: [] },
      { unitId: 10, area: 'text', columnId: 7, levels: ['create_and_delete', 'create', 'change', 'comment', 'change_kpi_data'], level: 'Create and delete', reasons: [] },
      { unitId: 10, area: 'measure', columnId: 7, levels: [], level: 'No access', reasons: [] },
    ],
    reports: [],
    reasonTexts: ['Readers: visible unit (Read documents)'],
  };
}

describe('the permission matrix', () => {
  test('has a column per area shown, general first, then each scorecard column, and finds cells by unit and column', () => {
    const matrix = buildMatrix(view());
    expect(matrix.columns.map((column) => `${column.group}:${column.label}`)).toEqual(['General:Text', 'General:Measure', 'Budget:Text', 'Budget:Measure']);
    expect(matrix.headerGroups).toEqual([{ label: 'General', span: 2 }, { label: 'Budget', span: 2 }]);
    expect(matrix.cellAt(10, matrix.columns[2]!)?.level).toBe('Create and delete');
  });

  test('arrows, Page and Home/End keys move within the grid and stop at its edges', () => {
    expect(moveInGrid('ArrowUp', { row: 0, col: 0 }, 5, 4, false)).toEqual({ row: 0, col: 0 });
    expect(moveInGrid('ArrowRight', { row: 0, col: 3 }, 5, 4, false)).toEqual({ row: 0, col: 3 });
    expect(moveInGrid('PageDown', { row: 1, col: 2 }, 5, 4, false)).toEqual({ row: 4, col: 2 });
    expect(moveInGrid('End', { row: 1, col: 0 }, 5, 4, true)).toEqual({ row: 4, col: 3 });
    expect(moveInGrid('Home', { row: 3, col: 2 }, 5, 4, false)).toEqual({ row: 3, col: 0 });
    expect(moveInGrid('a', { row: 0, col: 0 }, 5, 4, false)).toBeNull();
  });

  test('cells say the level in few words, coloured by the strongest level', () => {
    expect(compactLevel('Create and delete')).toBe('Create & delete');
    expect(compactLevel('Comment + Change KPI data')).toBe('Comment + KPI data');
    expect(compactLevel('Read documents')).toBe('Read');
    expect(compactLevel('No access')).toBe('—');
    expect(strengthOf(['create_and_delete', 'create'])).toBe('full');
    expect(strengthOf(['change_kpi_data'])).toBe('comment');
    expect(strengthOf([])).toBe('none');
  });

  test('the grant that gives the level comes before "visible unit"', () => {
    const reasons = ['Readers: visible unit (Read documents)', 'Readers: Read documents on all areas, scope All units (Org and below)'];
    expect(reasonsInOrder(reasons, 'Read documents')[0]).toContain('on all areas');
  });
});
