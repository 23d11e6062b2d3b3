import type { Db } from '../db/client';
import type { AuditRecord } from '../db/repos/audit';
import { findGroupRow } from '../db/repos/groups';
import { findUserById } from '../db/repos/users';
import { displayName } from './authorization';

/**
 * History shows people and groups as they are now: a renamed group under its new name, a deleted user
 * as "Name (deleted)", an anonymised one as "Anonymised user". Lookups are cached per resolver.
 */
export function createLabelResolver(db: Db) {
  const userLabels = new Map<number, string>();
  const groupLabels = new Map<number, string | null>();

  function userLabel(id: number, fallback: string): string {
    let label = userLabels.get(id);
    if (label === undefined) {
      const user = findUserById(db, id);
      if (!user) label = fallback;
      else if (user.anonymisedAt !== null) label = 'Anonymised user';
      else if (user.deletedAt !== null) label = `${displayName(user)} (deleted)`;
      else label = `${displayName(user)} (${user.username})`;
      userLabels.set(id, label);
    }
    return label;
  }

  function groupLabel(id: number, fallback: string): string {
    let name = groupLabels.get(id);
    if (name === undefined) {
      name = findGroupRow(db, id)?.name ?? null;
      groupLabels.set(id, name);
    }
    return name ?? `${fallback} (deleted group)`;
  }

  return {
    operator(entry: AuditRecord): string {
      return entry.operatorId === null ? entry.operatorLabel : userLabel(entry.operatorId, entry.operatorLabel);
    },
    target(entry: AuditRecord): string {
      if (entry.targetId === null) return entry.targetLabel;
      if (entry.targetType === 'user') return userLabel(entry.targetId, entry.targetLabel);
      if (entry.targetType === 'group') return groupLabel(entry.targetId, entry.targetLabel);
      return entry.targetLabel;
    },
  };
}

type Snapshot = Record<string, unknown> | null;

function countOf(value: unknown): number {
  return Array.isArray(value) ? value.length : 0;
}

function describe(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** One readable line for an entry's before → after. */
export function summarizeChange(entry: AuditRecord): string {
  const { before, after } = JSON.parse(entry.change) as { before: Snapshot; after: Snapshot };
  switch (entry.action) {
    case 'membership.add':
      return `Added ${countOf(after?.addedUserIds)} member(s)`;
    case 'membership.remove':
      return `Removed ${countOf(before?.removedUserIds)} member(s)`;
    case 'group.delete':
      return `Deleted with ${countOf(before?.memberUserIds)} member(s)`;
    default:
      break;
  }
  if (before && after) {
    const changed = Object.keys(after).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
    if (changed.length === 0) return 'No field changed';
    return changed.map((key) => `${key}: ${describe(before[key])} → ${describe(after[key])}`).join('; ');
  }
  if (after) return Object.entries(after).map(([key, value]) => `${key}: ${describe(value)}`).join('; ');
  if (before) return `Removed (${Object.keys(before).length} field(s) kept in the entry)`;
  return '';
}
