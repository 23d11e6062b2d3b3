import type { AuditSubjectRow } from '../db/repos/auditQuery';
import type { AuditChange } from './auditLog';

/** The keys under which entries keep bare user ids; drizzle/0007 backfills from the same keys. */
export const USER_ID_LISTS = ['addedUserIds', 'removedUserIds', 'memberUserIds', 'userIds', 'reassignedUserIds', 'clearedDepartmentUserIds'] as const;

function idsIn(snapshot: unknown): number[] {
  if (typeof snapshot !== 'object' || snapshot === null || Array.isArray(snapshot)) return [];
  const record = snapshot as Record<string, unknown>;
  const ids: number[] = [];
  if (Array.isArray(record.users)) {
    for (const user of record.users) {
      const id = typeof user === 'object' && user !== null ? (user as { id?: unknown }).id : undefined;
      if (typeof id === 'number' && Number.isInteger(id)) ids.push(id);
    }
  }
  for (const key of USER_ID_LISTS) {
    const list = record[key];
    if (Array.isArray(list)) for (const id of list) if (typeof id === 'number' && Number.isInteger(id)) ids.push(id);
  }
  return ids;
}

/** Every user, group and unit an entry names, by id: its target and each user it lists. */
export function subjectsOf(change: AuditChange): AuditSubjectRow[] {
  const subjects: AuditSubjectRow[] = [];
  if (change.targetId !== null && change.targetType !== 'platform') subjects.push({ type: change.targetType, id: change.targetId });
  const users = new Set([...idsIn(change.before), ...idsIn(change.after)]);
  if (change.targetType === 'user' && change.targetId !== null) users.delete(change.targetId);
  for (const id of users) subjects.push({ type: 'user', id });
  return subjects;
}
