import type { WorkLevel } from '../../../../shared/domain/permissionModel';
import { strongestLevel } from '../../../../shared/domain/effectivePermissions';

const SHORT_WORDS: readonly [RegExp, string][] = [
  [/Create and delete/g, 'Create & delete'],
  [/Change KPI data/g, 'KPI data'],
  [/Read documents/g, 'Read'],
];

/** The engine's level in words, short enough for a matrix cell: "Create & delete", "Comment + KPI data", "—". */
export function compactLevel(level: string): string {
  if (level === 'No access') return '—';
  return SHORT_WORDS.reduce((text, [pattern, short]) => text.replace(pattern, short), level);
}

export type Strength = 'none' | 'read' | 'comment' | 'change' | 'create' | 'full';

const STRENGTH: Record<WorkLevel, Strength> = {
  create_and_delete: 'full',
  create: 'create',
  change: 'change',
  change_kpi_data: 'comment',
  comment: 'comment',
  read_documents: 'read',
};

/** How much the levels allow, for the cell's colour: the strongest one decides. */
export function strengthOf(levels: readonly WorkLevel[]): Strength {
  const strongest = strongestLevel(levels);
  return strongest === null ? 'none' : STRENGTH[strongest];
}

/**
 * The grant that gives the level first, "visible unit (Read documents)" last: that one is true of almost
 * everyone and explains nothing when the level is Create and delete.
 */
export function reasonsInOrder(reasons: readonly string[], level: string): string[] {
  const strongest = level.split(' + ')[0] ?? level;
  const rank = (reason: string) => (reason.includes('visible unit') ? 2 : reason.includes(`${strongest} on`) ? 0 : 1);
  return [...reasons].sort((a, b) => rank(a) - rank(b));
}
