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

interface NamedUser {
  id: number;
  label: string;
}

function namedUsers(value: unknown): NamedUser[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (item): item is NamedUser => typeof item === 'object' && item !== null && typeof (item as NamedUser).label === 'string',
  );
}

function countOf(value: unknown): number {
  return Array.isArray(value) ? value.length : 0;
}

/** "Ann (ann), Ben (ben), Carla (carla) and 4 more"; the full list stays in the entry. */
export function nameList(users: readonly NamedUser[], shown = 3): string {
  const names = users.slice(0, shown).map((user) => user.label);
  const more = users.length - names.length;
  if (more > 0) return `${names.join(', ')} and ${more} more`;
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function people(count: number): string {
  return count === 1 ? '1 user' : `${count.toLocaleString('en')} users`;
}

function describe(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Entries that name many users: the count and the first few names. */
function summarizeBulk(action: string, before: Snapshot, after: Snapshot): string | null {
  switch (action) {
    case 'membership.add': {
      const users = namedUsers(after?.users);
      return users.length > 0 ? `Added ${nameList(users)}` : `Added ${people(countOf(after?.addedUserIds))}`;
    }
    case 'membership.remove': {
      const users = namedUsers(before?.users);
      return users.length > 0 ? `Removed ${nameList(users)}` : `Removed ${people(countOf(before?.removedUserIds))}`;
    }
    case 'group.delete': {
      const users = namedUsers(before?.users);
      const count = countOf(before?.memberUserIds);
      if (count === 0) return 'Deleted; it had no members';
      return users.length > 0 ? `Deleted with ${people(count)}: ${nameList(users)}` : `Deleted with ${people(count)}`;
    }
    case 'user.activate':
    case 'user.deactivate': {
      const users = namedUsers(after?.users);
      if (users.length <= 1) return null;
      return `${action === 'user.activate' ? 'Activated' : 'Deactivated'} ${people(users.length)}: ${nameList(users)}`;
    }
    case 'user.delete': {
      const users = namedUsers(before?.users);
      return users.length > 1 ? `Deleted ${people(users.length)}: ${nameList(users)}` : users.length === 1 ? 'Deleted' : null;
    }
    case 'membership.setMain': {
      const users = namedUsers(after?.users);
      return users.length > 0 ? `Made the main group of ${nameList(users)}` : null;
    }
    case 'membership.reassignMain': {
      const users = namedUsers(after?.users);
      const from = typeof before?.mainGroupName === 'string' ? ` instead of ${before.mainGroupName}` : '';
      return users.length > 0 ? `Made the main group of ${nameList(users)}${from}` : null;
    }
    case 'membership.setEnd': {
      const users = namedUsers(after?.users);
      const endsOn = typeof after?.endsOn === 'string' ? `ends on ${after.endsOn}` : 'has no end date';
      return users.length > 0 ? `Membership of ${nameList(users)} ${endsOn}` : null;
    }
    case 'membership.end': {
      const users = namedUsers(before?.users);
      return users.length > 0 ? `Membership ended on its end date: ${nameList(users)}` : null;
    }
    case 'viewAs.start':
      return 'Started a read-only view as this user';
    case 'viewAs.end':
      return 'Ended the view as this user';
    case 'orgUnit.move':
      return `Moved from ${unitPlace(before?.parent)} to ${unitPlace(after?.parent)}`;
    case 'orgUnit.delete':
      return describeUnitDeletion(before);
    default:
      return null;
  }
}

function unitPlace(parentPath: unknown): string {
  return typeof parentPath === 'string' ? `under ${parentPath}` : 'the top level';
}

/** "Deleted with 2 units below it; reassigned 3 users and group Sales readers to Company / Operations". */
function describeUnitDeletion(before: Snapshot): string {
  const below = typeof before?.unitCount === 'number' ? before.unitCount - 1 : 0;
  const deleted = below > 0 ? `Deleted with ${below === 1 ? '1 unit' : `${below} units`} below it` : 'Deleted';
  if (typeof before?.reassignedTo !== 'string') return deleted;
  const groups = Array.isArray(before.groups)
    ? before.groups.flatMap((group: unknown) =>
        typeof group === 'object' && group !== null && typeof (group as { name?: unknown }).name === 'string'
          ? [(group as { name: string }).name]
          : [],
      )
    : [];
  const parts = [people(countOf(before.reassignedUserIds))];
  if (groups.length > 0) parts.push(`${groups.length === 1 ? 'group' : 'groups'} ${groups.join(', ')}`);
  return `${deleted}; reassigned ${parts.join(' and ')} to ${before.reassignedTo}`;
}

function summarizeFields(before: Snapshot, after: Snapshot): string {
  if (before && after) {
    const changed = Object.keys(after).filter(
      (key) => key !== 'users' && JSON.stringify(before[key]) !== JSON.stringify(after[key]),
    );
    if (changed.length === 0) return 'No field changed';
    return changed.map((key) => `${key}: ${describe(before[key])} → ${describe(after[key])}`).join('; ');
  }
  if (after) return Object.entries(after).map(([key, value]) => `${key}: ${describe(value)}`).join('; ');
  if (before) return `Removed (${Object.keys(before).length} field(s) kept in the entry)`;
  return '';
}

interface StoredChange {
  before: Snapshot;
  after: Snapshot;
  reason?: string;
}

/** The entry's change as written, or null when a damaged or hand-edited store holds something else. */
function parseChange(text: string): StoredChange | null {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
    const { before = null, after = null, reason } = value as Record<string, unknown>;
    const snapshot = (part: unknown): part is Snapshot => part === null || (typeof part === 'object' && !Array.isArray(part));
    if (!snapshot(before) || !snapshot(after)) return null;
    return typeof reason === 'string' ? { before, after, reason } : { before, after };
  } catch {
    return null;
  }
}

/** One readable line for an entry's before → after, with the operator's reason when they gave one. */
export function summarizeChange(entry: AuditRecord): string {
  const parsed = parseChange(entry.change);
  if (!parsed) return 'This entry cannot be read: its stored contents are not what AccessDesk wrote (verify the chain)';
  const { before, after, reason } = parsed;
  const summary = summarizeBulk(entry.action, before, after) ?? summarizeFields(before, after);
  return reason ? `${summary} (reason: ${reason})` : summary;
}
