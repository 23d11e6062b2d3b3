/**
 * A workspace's org tree (DOMAIN.md "Org units") and the resolution of organisation scopes against a
 * user's department. Built once per tree; every query afterwards is a map look-up or a short walk.
 */
import type { Scope, UnitSelection } from './permissionModel';

export interface OrgUnitNode {
  id: number;
  parentId: number | null;
  name: string;
  hidden: boolean;
}

/** One piece of a resolved scope: a unit alone, or the unit with everything below it. */
export interface ResolvedScope {
  unitId: number;
  includesSubtree: boolean;
}

function byNameThenId(a: OrgUnitNode, b: OrgUnitNode): number {
  if (a.name < b.name) return -1;
  if (a.name > b.name) return 1;
  return a.id - b.id;
}

/** Parent links with missing parents turned into roots and every cycle cut at its smallest id. */
function acyclicParents(nodes: ReadonlyMap<number, OrgUnitNode>): Map<number, number | null> {
  const parent = new Map<number, number | null>();
  for (const node of nodes.values()) {
    const p = node.parentId;
    parent.set(node.id, p !== null && p !== node.id && nodes.has(p) ? p : null);
  }
  const settled = new Set<number>();
  const ids = [...nodes.keys()].sort((a, b) => a - b);
  for (const start of ids) {
    const path: number[] = [];
    const onPath = new Set<number>();
    let current: number | null = start;
    while (current !== null && !settled.has(current)) {
      if (onPath.has(current)) {
        const cycle = path.slice(path.indexOf(current));
        parent.set(Math.min(...cycle), null);
        // Walk again from the start: the cut changed the chain.
        path.length = 0;
        onPath.clear();
        current = start;
        continue;
      }
      path.push(current);
      onPath.add(current);
      current = parent.get(current) ?? null;
    }
    for (const id of path) settled.add(id);
  }
  return parent;
}

export class OrgTree {
  private readonly nodes = new Map<number, OrgUnitNode>();
  private readonly parents: Map<number, number | null>;
  private readonly children = new Map<number | null, number[]>();
  /** Pre-order entry and exit positions: `u` is within `r` iff enter[r] <= enter[u] < exit[r]. */
  private readonly enter = new Map<number, number>();
  private readonly exit = new Map<number, number>();
  private readonly tops = new Map<number, number>();
  private readonly hiddenInherited = new Map<number, boolean>();
  private readonly order: number[] = [];
  private readonly paths = new Map<number, string>();

  constructor(units: readonly OrgUnitNode[]) {
    for (const unit of units) if (!this.nodes.has(unit.id)) this.nodes.set(unit.id, unit);
    this.parents = acyclicParents(this.nodes);
    this.buildChildren();
    this.walkPreOrder();
  }

  get size(): number {
    return this.nodes.size;
  }

  has(id: number): boolean {
    return this.nodes.has(id);
  }

  get(id: number): OrgUnitNode | undefined {
    return this.nodes.get(id);
  }

  parentOf(id: number): number | null {
    return this.parents.get(id) ?? null;
  }

  /** Children sorted by name, then id; `null` gives the roots. */
  childrenOf(id: number | null): readonly number[] {
    return this.children.get(id) ?? [];
  }

  /** Nearest first, excluding the unit itself. */
  ancestorsOf(id: number): number[] {
    const ancestors: number[] = [];
    for (let p = this.parentOf(id); p !== null; p = this.parentOf(p)) ancestors.push(p);
    return ancestors;
  }

  topOf(id: number): number {
    return this.tops.get(id) ?? id;
  }

  isWithin(unitId: number, rootId: number): boolean {
    const u = this.enter.get(unitId);
    const start = this.enter.get(rootId);
    const end = this.exit.get(rootId);
    if (u === undefined || start === undefined || end === undefined) return false;
    return start <= u && u < end;
  }

  /** The unit's position in tree order, or -1 for a unit not in the tree. */
  positionOf(id: number): number {
    return this.enter.get(id) ?? -1;
  }

  /**
   * The positions [start, end) of the piece's units in tree order: a unit is covered iff its position is in
   * the range. Lets a caller test many units against one piece with two comparisons each.
   */
  rangeOf(piece: ResolvedScope): { start: number; end: number } {
    const start = this.enter.get(piece.unitId);
    const exit = this.exit.get(piece.unitId);
    if (start === undefined || exit === undefined) return { start: 0, end: 0 };
    return { start, end: piece.includesSubtree ? exit : start + 1 };
  }

  /** The unit and all its descendants, in tree order. */
  subtreeOf(id: number): number[] {
    const start = this.enter.get(id);
    const end = this.exit.get(id);
    if (start === undefined || end === undefined) return [];
    return this.order.slice(start, end);
  }

  pathOf(id: number): string {
    const cached = this.paths.get(id);
    if (cached !== undefined) return cached;
    const node = this.nodes.get(id);
    if (node === undefined) return '';
    const parent = this.parentOf(id);
    const path = parent === null ? node.name : `${this.pathOf(parent)} / ${node.name}`;
    this.paths.set(id, path);
    return path;
  }

  /** True when the unit or any ancestor is hidden. */
  isHidden(id: number): boolean {
    return this.hiddenInherited.get(id) ?? false;
  }

  /** Every unit, in tree order (pre-order, siblings by name). */
  allIds(): readonly number[] {
    return this.order;
  }

  private buildChildren(): void {
    const lists = new Map<number | null, OrgUnitNode[]>();
    for (const node of this.nodes.values()) {
      const parent = this.parents.get(node.id) ?? null;
      const list = lists.get(parent);
      if (list === undefined) lists.set(parent, [node]);
      else list.push(node);
    }
    for (const [parent, list] of lists) this.children.set(parent, list.sort(byNameThenId).map((n) => n.id));
  }

  /** Iterative so that a 2,000-deep chain cannot overflow the stack. */
  private walkPreOrder(): void {
    for (const root of this.childrenOf(null)) {
      const stack: { id: number; exiting: boolean }[] = [{ id: root, exiting: false }];
      while (stack.length > 0) {
        const frame = stack.pop();
        if (frame === undefined) break;
        if (frame.exiting) {
          this.exit.set(frame.id, this.order.length);
          continue;
        }
        this.visit(frame.id, root);
        stack.push({ id: frame.id, exiting: true });
        const kids = this.childrenOf(frame.id);
        for (let i = kids.length - 1; i >= 0; i--) {
          const kid = kids[i];
          if (kid !== undefined) stack.push({ id: kid, exiting: false });
        }
      }
    }
  }

  private visit(id: number, root: number): void {
    this.enter.set(id, this.order.length);
    this.order.push(id);
    this.tops.set(id, root);
    const parent = this.parentOf(id);
    const parentHidden = parent !== null && (this.hiddenInherited.get(parent) ?? false);
    this.hiddenInherited.set(id, parentHidden || (this.nodes.get(id)?.hidden ?? false));
  }
}

/** A scope resolved against the user's department; no (or an unknown) department resolves to nothing but All. */
export function resolveScope(tree: OrgTree, scope: Scope, departmentId: number | null): ResolvedScope[] {
  if (scope === 'all') return tree.childrenOf(null).map((unitId) => ({ unitId, includesSubtree: true }));
  if (departmentId === null || !tree.has(departmentId)) return [];
  const department = departmentId;
  switch (scope) {
    case 'mine':
      return [{ unitId: department, includesSubtree: false }];
    case 'mine_and_underlying':
      return [{ unitId: department, includesSubtree: true }];
    case 'mine_underlying_and_one_up': {
      const parent = tree.parentOf(department);
      const mine = { unitId: department, includesSubtree: true };
      return parent === null ? [mine] : [{ unitId: parent, includesSubtree: false }, mine];
    }
    case 'top_and_mine': {
      const top = tree.topOf(department);
      const mine = { unitId: department, includesSubtree: false };
      return top === department ? [mine] : [{ unitId: top, includesSubtree: false }, mine];
    }
  }
}

export function pieceCovers(piece: ResolvedScope, tree: OrgTree, unitId: number): boolean {
  return piece.includesSubtree ? tree.isWithin(unitId, piece.unitId) : piece.unitId === unitId && tree.has(unitId);
}

/** The first piece that covers the unit, for explaining a permission. */
export function coveringPiece(pieces: readonly ResolvedScope[], tree: OrgTree, unitId: number): ResolvedScope | undefined {
  return pieces.find((piece) => pieceCovers(piece, tree, unitId));
}

export function scopeCovers(pieces: readonly ResolvedScope[], tree: OrgTree, unitId: number): boolean {
  return coveringPiece(pieces, tree, unitId) !== undefined;
}

/** A chosen unit covers its whole subtree. */
export function selectionCovers(tree: OrgTree, selection: UnitSelection, unitId: number): boolean {
  if (selection.all) return tree.has(unitId);
  return selection.unitIds.some((chosen) => tree.isWithin(unitId, chosen));
}
