import type { OrgUnitTreeNode } from '../../../../shared/contract';

/** The unit and everything below it in a flat tree (parents listed before children). */
export function subtreeOf(nodes: readonly OrgUnitTreeNode[], unitId: number): Set<number> {
  const inside = new Set([unitId]);
  for (const node of nodes) {
    if (node.parentId !== null && inside.has(node.parentId)) inside.add(node.id);
  }
  return inside;
}
