import { describe, expect, test } from 'vitest';
import { OrgTree, resolveScope, scopeCovers, selectionCovers, type OrgUnitNode } from '../../shared/domain/orgTree';

const COMPANY = 1;
const SALES = 2;
const OPERATIONS = 3;
const SALES_NORTH = 4;
const LOGISTICS = 5;
const SECRET = 6;
const SECRET_LAB = 7;
const BRANCH = 20;

function unit(id: number, parentId: number | null, name: string, hidden = false): OrgUnitNode {
  return { id, parentId, name, hidden };
}

const UNITS = [
  unit(COMPANY, null, 'Company'),
  unit(SALES, COMPANY, 'Sales'),
  unit(OPERATIONS, COMPANY, 'Operations'),
  unit(SALES_NORTH, SALES, 'Sales North'),
  unit(LOGISTICS, OPERATIONS, 'Logistics'),
  unit(SECRET, COMPANY, 'Secret', true),
  unit(SECRET_LAB, SECRET, 'Secret Lab'),
  unit(BRANCH, null, 'Branch'),
];
const tree = new OrgTree(UNITS);

describe('OrgTree structure', () => {
  test('parents, children sorted by name and roots', () => {
    expect(tree.size).toBe(8);
    expect(tree.has(SALES)).toBe(true);
    expect(tree.has(99)).toBe(false);
    expect(tree.get(SALES)?.name).toBe('Sales');
    expect(tree.parentOf(SALES_NORTH)).toBe(SALES);
    expect(tree.parentOf(COMPANY)).toBeNull();
    expect(tree.childrenOf(COMPANY)).toEqual([OPERATIONS, SALES, SECRET]);
    expect(tree.childrenOf(null)).toEqual([BRANCH, COMPANY]);
    expect(tree.childrenOf(LOGISTICS)).toEqual([]);
  });

  test('children with the same name are ordered by id', () => {
    const twins = new OrgTree([unit(1, null, 'Root'), unit(9, 1, 'Same'), unit(4, 1, 'Same')]);
    expect(twins.childrenOf(1)).toEqual([4, 9]);
  });

  test('ancestors nearest first, top, within and subtree', () => {
    expect(tree.ancestorsOf(SALES_NORTH)).toEqual([SALES, COMPANY]);
    expect(tree.ancestorsOf(COMPANY)).toEqual([]);
    expect(tree.topOf(SALES_NORTH)).toBe(COMPANY);
    expect(tree.topOf(BRANCH)).toBe(BRANCH);
    expect(tree.isWithin(SALES_NORTH, COMPANY)).toBe(true);
    expect(tree.isWithin(SALES, SALES)).toBe(true);
    expect(tree.isWithin(SALES, SALES_NORTH)).toBe(false);
    expect(tree.isWithin(LOGISTICS, SALES)).toBe(false);
    expect(tree.isWithin(99, COMPANY)).toBe(false);
    expect(tree.subtreeOf(SALES).sort()).toEqual([SALES, SALES_NORTH]);
    expect(tree.subtreeOf(COMPANY)).toHaveLength(7);
    expect(tree.subtreeOf(99)).toEqual([]);
    expect(tree.allIds()).toEqual([BRANCH, COMPANY, OPERATIONS, LOGISTICS, SALES, SALES_NORTH, SECRET, SECRET_LAB]);
  });

  test('positions and ranges agree with isWithin', () => {
    expect(tree.positionOf(99)).toBe(-1);
    for (const piece of [{ unitId: SALES, includesSubtree: true }, { unitId: SALES, includesSubtree: false }, { unitId: 99, includesSubtree: true }]) {
      const { start, end } = tree.rangeOf(piece);
      for (const id of tree.allIds()) {
        const position = tree.positionOf(id);
        const covered = piece.includesSubtree ? tree.isWithin(id, piece.unitId) : id === piece.unitId;
        expect(start <= position && position < end).toBe(covered);
      }
    }
  });

  test('path reads from the root down', () => {
    expect(tree.pathOf(LOGISTICS)).toBe('Company / Operations / Logistics');
    expect(tree.pathOf(COMPANY)).toBe('Company');
    expect(tree.pathOf(99)).toBe('');
  });

  test('hidden is inherited by every descendant', () => {
    expect(tree.isHidden(SECRET)).toBe(true);
    expect(tree.isHidden(SECRET_LAB)).toBe(true);
    expect(tree.isHidden(SALES)).toBe(false);
    expect(tree.isHidden(99)).toBe(false);
  });
});

describe('OrgTree tolerates broken data', () => {
  test('a parent that does not exist makes the unit a root', () => {
    const orphaned = new OrgTree([unit(1, null, 'Company'), unit(2, 42, 'Orphan'), unit(3, 2, 'Child')]);
    expect(orphaned.parentOf(2)).toBeNull();
    expect(orphaned.childrenOf(null)).toEqual([1, 2]);
    expect(orphaned.topOf(3)).toBe(2);
  });

  test('cycles are cut at their smallest id, without hanging', () => {
    const cyclic = new OrgTree([unit(5, 7, 'A'), unit(7, 6, 'B'), unit(6, 5, 'C'), unit(8, 8, 'Self'), unit(9, 6, 'Hanging')]);
    expect(cyclic.parentOf(5)).toBeNull();
    expect(cyclic.parentOf(8)).toBeNull();
    expect(cyclic.ancestorsOf(9)).toEqual([6, 5]);
    expect(cyclic.ancestorsOf(7)).toEqual([6, 5]);
    expect(cyclic.pathOf(9)).toBe('A / C / Hanging');
    expect(cyclic.allIds()).toHaveLength(5);
  });

  test('a duplicate id keeps the first unit', () => {
    const duplicated = new OrgTree([unit(1, null, 'First'), unit(1, null, 'Second')]);
    expect(duplicated.size).toBe(1);
    expect(duplicated.get(1)?.name).toBe('First');
  });

  test('a 2,000-deep chain and a 2,000-unit tree are built quickly', () => {
    const chain = Array.from({ length: 2000 }, (_, i) => unit(i + 1, i === 0 ? null : i, `U${i + 1}`));
    const deep = new OrgTree(chain);
    expect(deep.topOf(2000)).toBe(1);
    expect(deep.isWithin(2000, 1000)).toBe(true);
    expect(deep.pathOf(2000).split(' / ')).toHaveLength(2000);
    const started = performance.now();
    const wide = new OrgTree(Array.from({ length: 2000 }, (_, i) => unit(i + 1, i === 0 ? null : Math.floor(i / 4) + 1, `U${i}`)));
    expect(wide.subtreeOf(1)).toHaveLength(2000);
    expect(performance.now() - started).toBeLessThan(200);
  });
});

describe('resolveScope against the department Sales North', () => {
  test.each([
    ['all', [{ unitId: BRANCH, includesSubtree: true }, { unitId: COMPANY, includesSubtree: true }]],
    ['mine', [{ unitId: SALES_NORTH, includesSubtree: false }]],
    ['mine_and_underlying', [{ unitId: SALES_NORTH, includesSubtree: true }]],
    ['mine_underlying_and_one_up', [{ unitId: SALES, includesSubtree: false }, { unitId: SALES_NORTH, includesSubtree: true }]],
    ['top_and_mine', [{ unitId: COMPANY, includesSubtree: false }, { unitId: SALES_NORTH, includesSubtree: false }]],
  ] as const)('%s', (scope, expected) => {
    expect(resolveScope(tree, scope, SALES_NORTH)).toEqual(expected);
  });

  test('a root department has no one-up and is its own top', () => {
    expect(resolveScope(tree, 'mine_underlying_and_one_up', COMPANY)).toEqual([{ unitId: COMPANY, includesSubtree: true }]);
    expect(resolveScope(tree, 'top_and_mine', COMPANY)).toEqual([{ unitId: COMPANY, includesSubtree: false }]);
  });

  test('no department, or an unknown one, resolves only All', () => {
    for (const department of [null, 99]) {
      expect(resolveScope(tree, 'all', department)).toHaveLength(2);
      expect(resolveScope(tree, 'mine', department)).toEqual([]);
      expect(resolveScope(tree, 'mine_and_underlying', department)).toEqual([]);
      expect(resolveScope(tree, 'mine_underlying_and_one_up', department)).toEqual([]);
      expect(resolveScope(tree, 'top_and_mine', department)).toEqual([]);
    }
  });

  test('scopeCovers follows includesSubtree', () => {
    const oneUp = resolveScope(tree, 'mine_underlying_and_one_up', SALES);
    expect(scopeCovers(oneUp, tree, COMPANY)).toBe(true);
    expect(scopeCovers(oneUp, tree, SALES_NORTH)).toBe(true);
    expect(scopeCovers(oneUp, tree, OPERATIONS)).toBe(false);
    expect(scopeCovers(resolveScope(tree, 'mine', SALES), tree, SALES_NORTH)).toBe(false);
    expect(scopeCovers(resolveScope(tree, 'all', null), tree, SECRET_LAB)).toBe(true);
  });
});

describe('selectionCovers', () => {
  test('a chosen unit covers its subtree; all covers every unit of the tree', () => {
    const chosen = { all: false as const, unitIds: [SALES, LOGISTICS] };
    expect(selectionCovers(tree, chosen, SALES_NORTH)).toBe(true);
    expect(selectionCovers(tree, chosen, LOGISTICS)).toBe(true);
    expect(selectionCovers(tree, chosen, OPERATIONS)).toBe(false);
    expect(selectionCovers(tree, chosen, COMPANY)).toBe(false);
    expect(selectionCovers(tree, { all: true }, SECRET_LAB)).toBe(true);
    expect(selectionCovers(tree, { all: true }, 99)).toBe(false);
    expect(selectionCovers(tree, { all: false, unitIds: [] }, SALES)).toBe(false);
  });
});
