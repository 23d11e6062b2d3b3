import type { Db } from '../db/client';
import type { AuditRecord } from '../db/repos/audit';
import { findGroupRow, listScorecardColumns } from '../db/repos/groups';
import { orgUnitPath } from '../db/repos/orgUnits';
import { findUserById } from '../db/repos/users';
import { auditedGroupNames, auditedPeople, type AuditPersonName } from '../db/repos/auditNames';
import { auditActionLabel } from '../../shared/domain/auditActions';
import { firstFewAndMore } from '../../shared/domain/text';
import { USER_TYPE_LABELS, USER_TYPES, type UserType } from '../../shared/domain/users';
import { fieldChanges, thousands, type FieldChange, type ValueNames } from './auditFields';
import { displayName } from './authorization';

/** A user as history names them: in a sentence, and in full (with the username) in the detail. */
interface PersonNames {
  name: string;
  label: string;
}

/** "Ben Andersen (ben)" as services/authorization.ts userLabel writes it: the name without the username. */
function nameOfLabel(label: string): string {
  const match = /^(.*\S) \([^()]*\)$/.exec(label);
  return match?.[1] ?? label;
}

/**
 * History shows people and groups as they are now: a renamed group under its new name, a deleted user
 * as "Name (deleted)", an anonymised one as "Anonymised user". Lookups are cached per resolver.
 */
export function createLabelResolver(db: Db, workspaceId?: number) {
  const people = new Map<number, PersonNames | null>();
  const groupNames = new Map<number, string | null>();
  const unitPaths = new Map<number, string>();
  let columns: Map<number, string> | null = null;

  function namesOf(user: AuditPersonName | undefined): PersonNames | null {
    if (!user) return null;
    if (user.anonymisedAt !== null) return { name: 'Anonymised user', label: 'Anonymised user' };
    if (user.deletedAt !== null) return { name: `${displayName(user)} (deleted)`, label: `${displayName(user)} (deleted)` };
    return { name: displayName(user), label: `${displayName(user)} (${user.username})` };
  }

  function person(id: number, fallback: string): PersonNames {
    let known = people.get(id);
    if (known === undefined) {
      known = namesOf(findUserById(db, id));
      people.set(id, known);
    }
    return known ?? { name: nameOfLabel(fallback), label: fallback };
  }

  /** Reads these users' names in a few statements: a bulk entry's detail names up to 100,000. */
  function primeUsers(ids: readonly number[]): void {
    const wanted = ids.filter((id) => !people.has(id));
    for (let start = 0; start < wanted.length; start += 10_000) {
      const chunk = wanted.slice(start, start + 10_000);
      const found = new Map(auditedPeople(db, chunk).map((user) => [user.id, user]));
      for (const id of chunk) people.set(id, namesOf(found.get(id)));
    }
  }

  /** Reads the people and groups a page of entries names in two statements instead of one per name. */
  function prime(entries: readonly AuditRecord[]): void {
    const userIds = new Set<number>();
    const groupIds = new Set<number>();
    for (const entry of entries) {
      if (entry.operatorId !== null) userIds.add(entry.operatorId);
      if (entry.targetId !== null && entry.targetType === 'user') userIds.add(entry.targetId);
      if (entry.targetId !== null && entry.targetType === 'group') groupIds.add(entry.targetId);
      const change = parseChange(entry.change);
      if (change) for (const user of usersOf(entry, change).slice(0, SHOWN_IN_SENTENCE)) if (user.id !== null) userIds.add(user.id);
    }
    primeUsers([...userIds]);
    const wantedGroups = [...groupIds].filter((id) => !groupNames.has(id));
    const foundGroups = new Map(auditedGroupNames(db, wantedGroups).map((group) => [group.id, group.name]));
    for (const id of wantedGroups) groupNames.set(id, foundGroups.get(id) ?? null);
  }

  function groupName(id: number | null, fallback: string): string {
    if (id === null) return fallback;
    let name = groupNames.get(id);
    if (name === undefined) {
      name = findGroupRow(db, id)?.name ?? null;
      groupNames.set(id, name);
    }
    return name ?? `${fallback} (deleted group)`;
  }

  const values: ValueNames = {
    unit(id) {
      let path = unitPaths.get(id);
      if (path === undefined) {
        path = (workspaceId === undefined ? '' : orgUnitPath(db, workspaceId, id)) || `unit #${id}`;
        unitPaths.set(id, path);
      }
      return path;
    },
    column(id) {
      columns ??= new Map(workspaceId === undefined ? [] : listScorecardColumns(db, workspaceId).map((column) => [column.id, column.name]));
      return columns.get(id) ?? `column #${id}`;
    },
  };

  return {
    prime,
    primeUsers,
    person,
    groupName,
    values,
    /** The operator in full: "Ada Admin (ada)", or "AccessDesk" for its own changes. */
    operator(entry: AuditRecord): string {
      return entry.operatorId === null ? entry.operatorLabel : person(entry.operatorId, entry.operatorLabel).label;
    },
    operatorName(entry: AuditRecord): string {
      return entry.operatorId === null ? entry.operatorLabel : person(entry.operatorId, entry.operatorLabel).name;
    },
    /** The target in full, as the list's target column shows it. */
    target(entry: AuditRecord): string {
      if (entry.targetId === null) return entry.targetLabel;
      if (entry.targetType === 'user') return person(entry.targetId, entry.targetLabel).label;
      if (entry.targetType === 'group') return groupName(entry.targetId, entry.targetLabel);
      return entry.targetLabel;
    },
  };
}

export type LabelResolver = ReturnType<typeof createLabelResolver>;

type Snapshot = Record<string, unknown> | null;

interface StoredChange {
  before: Snapshot;
  after: Snapshot;
  reason: string | null;
}

/** The entry's change as written, or null when a damaged or hand-edited store holds something else. */
export function parseChange(text: string): StoredChange | null {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
    const { before = null, after = null, reason } = value as Record<string, unknown>;
    const snapshot = (part: unknown): part is Snapshot => part === null || (typeof part === 'object' && !Array.isArray(part));
    if (!snapshot(before) || !snapshot(after)) return null;
    return { before, after, reason: typeof reason === 'string' ? reason : null };
  } catch {
    return null;
  }
}

export const UNREADABLE_ENTRY = 'This entry cannot be read: its stored contents are not what AccessDesk wrote (verify the chain)';

/** One user, group or unit the entry touched, for the detail's full list. */
export interface AffectedSubject {
  type: 'user' | 'group' | 'orgUnit';
  id: number | null;
  label: string;
}

/** Users named in a bulk entry: `{id, label}` objects, or bare ids when the entry kept only those. */
function listedUsers(snapshot: Snapshot, namedKey: string, idKeys: readonly string[]): { id: number | null; label: string }[] {
  const named = snapshot?.[namedKey];
  const fromNamed = Array.isArray(named)
    ? named.flatMap((item: unknown) => {
        if (typeof item !== 'object' || item === null) return [];
        const { id, label } = item as { id?: unknown; label?: unknown };
        return typeof label === 'string' ? [{ id: typeof id === 'number' ? id : null, label }] : [];
      })
    : [];
  const seen = new Set(fromNamed.map((user) => user.id));
  const fromIds = idKeys.flatMap((key) => {
    const ids = snapshot?.[key];
    return Array.isArray(ids) ? ids.filter((id): id is number => typeof id === 'number' && !seen.has(id)) : [];
  });
  return [...fromNamed, ...fromIds.map((id) => ({ id, label: `user #${id}` }))];
}

/** Where an action keeps the users it names. */
const USER_LISTS: Record<string, { side: 'before' | 'after'; ids: readonly string[] }> = {
  'membership.add': { side: 'after', ids: ['addedUserIds'] },
  'membership.remove': { side: 'before', ids: ['removedUserIds'] },
  'membership.end': { side: 'before', ids: ['removedUserIds'] },
  'membership.setMain': { side: 'after', ids: ['userIds'] },
  'membership.reassignMain': { side: 'after', ids: ['userIds'] },
  'membership.setEnd': { side: 'after', ids: [] },
  'group.delete': { side: 'before', ids: ['memberUserIds'] },
  'user.activate': { side: 'after', ids: [] },
  'user.deactivate': { side: 'after', ids: [] },
  'user.delete': { side: 'before', ids: [] },
  'user.restore': { side: 'after', ids: [] },
  'user.import': { side: 'after', ids: [] },
  'user.setType': { side: 'after', ids: [] },
  'user.setDepartment': { side: 'after', ids: [] },
  'orgUnit.delete': { side: 'before', ids: ['reassignedUserIds', 'clearedDepartmentUserIds'] },
};

function usersOf(entry: AuditRecord, change: StoredChange): { id: number | null; label: string }[] {
  const list = USER_LISTS[entry.action];
  if (!list) return [];
  return listedUsers(list.side === 'before' ? change.before : change.after, 'users', list.ids);
}

/** "Ben Andersen, Carla Berg and 1 more": two names, then how many more; the detail lists them all. */
export function nameList(names: readonly string[], total = names.length, shown = 2): string {
  return firstFewAndMore(names, { shown, total });
}

const isUserType = (value: string): value is UserType => (USER_TYPES as readonly string[]).includes(value);
const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const possessive = (name: string) => (name.endsWith('s') ? `${name}'` : `${name}'s`);
const count = (n: number, one: string, many: string) => (n === 1 ? `1 ${one}` : `${thousands(n)} ${many}`);

function changesText(changes: readonly FieldChange[]): string {
  return changes.map((change) => `${change.field}: ${change.before} → ${change.after}`).join('; ');
}

interface SentenceParts {
  entry: AuditRecord;
  change: StoredChange;
  operator: string;
  target: string;
  /** Names of the users the entry lists, the first few only, and how many there are. */
  users: { names: string[]; total: number };
  fields: FieldChange[];
}

function describeUnitDeletion({ operator, target, change, users }: SentenceParts): string {
  const before = change.before;
  const below = typeof before?.unitCount === 'number' ? before.unitCount - 1 : 0;
  const deleted = `${operator} deleted unit ${target}${below > 0 ? ` with ${count(below, 'unit', 'units')} below it` : ''}`;
  const groups = Array.isArray(before?.groups)
    ? before.groups.flatMap((group: unknown) => {
        const name = typeof group === 'object' && group !== null ? (group as { name?: unknown }).name : null;
        return typeof name === 'string' ? [name] : [];
      })
    : [];
  const movedUsers = users.total > 0 ? `${count(users.total, 'user', 'users')} (${nameList(users.names, users.total)})` : null;
  const moved = [movedUsers, groups.length > 0 ? `${groups.length === 1 ? 'group' : 'groups'} ${groups.join(', ')}` : null].filter(Boolean);
  const reassignedTo = text(before?.reassignedTo);
  if (reassignedTo && moved.length > 0) return `${deleted} and reassigned ${moved.join(' and ')} to ${reassignedTo}`;
  if (users.total > 0) return `${deleted} and cleared the department of ${movedUsers}`;
  return deleted;
}

function sentenceOf(parts: SentenceParts): string {
  const { entry, change, operator, target, users, fields } = parts;
  const { before, after } = change;
  const who = nameList(users.names, users.total);
  switch (entry.action) {
    case 'platform.setup':
      return `${operator} set up AccessDesk as its first Super Administrator`;
    case 'platform.demo': {
      const made = [
        typeof after?.users === 'number' ? count(after.users, 'user', 'users') : null,
        typeof after?.groups === 'number' ? count(after.groups, 'group', 'groups') : null,
        typeof after?.orgUnits === 'number' ? count(after.orgUnits, 'org unit', 'org units') : null,
      ].filter((part): part is string => part !== null);
      return `${operator} opened the demo workspace${made.length > 0 ? ` with ${nameList(made, made.length, made.length)}` : ''}`;
    }
    case 'session.signIn':
      return `${operator} signed in`;
    case 'session.signOut':
      return `${operator} signed out`;
    case 'session.signInFailed': {
      const typed = text(after?.username) ?? target;
      const why = text(after?.refused);
      return `Someone tried to sign in as “${typed}” and was refused${why ? `: ${why}` : ''}`;
    }
    case 'user.create':
      return `${operator} created user ${target}`;
    case 'user.update':
      return fields.length > 0 ? `${operator} changed ${possessive(target)} ${changesText(fields)}` : `${operator} changed ${target}`;
    case 'user.activate':
      if (after?.by === 'first sign-in') return `${target}'s account became active at their first sign-in`;
      if (after?.by === 'activation code') return `${target} activated their account with an activation code`;
      return `${operator} activated ${users.total > 0 ? who : target}`;
    case 'user.deactivate':
      return `${operator} deactivated ${users.total > 0 ? who : target}`;
    case 'user.delete':
      return `${operator} deleted ${users.total > 0 ? who : target}`;
    case 'user.restore':
      return `${operator} restored ${users.total > 0 ? who : target}`;
    case 'user.import': {
      const fileName = text(after?.fileName);
      return `${operator} imported ${users.total > 0 ? `${count(users.total, 'user', 'users')} (${who})` : target}${fileName ? ` from ${fileName}` : ''}`;
    }
    case 'user.setType': {
      const userType = text(after?.userType);
      const label = userType !== null && isUserType(userType) ? USER_TYPE_LABELS[userType] : 'another type';
      return `${operator} set the user type of ${users.total > 0 ? who : target} to ${label}`;
    }
    case 'user.setDepartment': {
      const department = text(after?.department);
      return department === null
        ? `${operator} cleared the department of ${users.total > 0 ? who : target}`
        : `${operator} moved ${users.total > 0 ? who : target} to department ${department}`;
    }
    case 'group.create':
      return `${operator} created group ${target}`;
    case 'group.update':
      return fields.length > 0 ? `${operator} changed group ${target}: ${changesText(fields)}` : `${operator} changed group ${target}`;
    case 'group.delete':
      return users.total === 0
        ? `${operator} deleted group ${target}, which had no members`
        : `${operator} deleted group ${target}, which had ${count(users.total, 'member', 'members')}: ${who}`;
    case 'membership.add':
      return `${operator} added ${who || 'no one'} to ${target}`;
    case 'membership.remove':
      return `${operator} removed ${who || 'no one'} from ${target}`;
    case 'membership.setMain':
      return `${operator} made ${target} the main group of ${who}`;
    case 'membership.reassignMain': {
      const from = text(before?.mainGroupName);
      return `${operator} moved ${who} from main group ${from ?? 'another group'} to main group ${target}`;
    }
    case 'membership.setEnd': {
      const endsOn = text(after?.endsOn);
      const was = text(before?.endsOn) ?? 'no end date';
      return endsOn
        ? `${operator} set ${possessive(who)} membership of ${target} to end on ${endsOn} (was ${was})`
        : `${operator} removed the end date of ${possessive(who)} membership of ${target} (was ${was})`;
    }
    case 'membership.end':
      return `${operator} ended the membership of ${who} in ${target}: it reached its end date`;
    case 'orgUnit.create':
      return `${operator} created unit ${target}`;
    case 'orgUnit.rename':
      return `${operator} renamed unit ${text(before?.path) ?? target} to ${text(after?.path) ?? target}`;
    case 'orgUnit.hide':
      return `${operator} hid unit ${target}`;
    case 'orgUnit.unhide':
      return `${operator} made unit ${target} visible again`;
    case 'orgUnit.move': {
      const place = (parent: unknown) => (typeof parent === 'string' ? `under ${parent}` : 'the top level');
      return `${operator} moved unit ${text(before?.path) ?? target} from ${place(before?.parent)} to ${place(after?.parent)}`;
    }
    case 'orgUnit.delete':
      return describeUnitDeletion(parts);
    case 'viewAs.start':
      return `${operator} started a read-only view as ${target}`;
    case 'viewAs.end':
      return `${operator} ended the read-only view as ${target}`;
    case 'user.anonymise': {
      const anonymised = Array.isArray(after?.userIds) ? after.userIds.length : 1;
      const days = typeof after?.afterDays === 'number' ? ` deleted ${count(after.afterDays, 'day', 'days')} ago or more` : '';
      const whom = anonymised === 1 ? `a user${days}` : `${count(anonymised, 'user', 'users')}${days}`;
      return `${operator} anonymised ${whom}: history now shows ${anonymised === 1 ? 'them' : 'each'} as “Anonymised user”`;
    }
    case 'workbook.export': {
      const file = text(after?.fileName);
      return `${operator} exported the audit workbook${file ? ` ${file}` : ''}`;
    }
    case 'view.export':
      return describeViewExport(operator, target, after);
    case 'audit.eraseUnowned': {
      const erased = typeof after?.erasedValues === 'number' ? after.erasedValues : 0;
      const days = typeof after?.afterDays === 'number' ? after.afterDays : null;
      return `AccessDesk erased ${count(erased, 'name', 'names')} typed at failed sign-ins that matched no user${days === null ? '' : `, ${count(days, 'day', 'days')} old or more`}`;
    }
    case 'audit.checkpointsLost': {
      const entries = typeof after?.entries === 'number' ? after.entries : null;
      return `AccessDesk found the audit checkpoints beside the store deleted${entries === null ? '' : ` when the log held ${thousands(entries)} entries`}: entries removed before then can no longer be ruled out`;
    }
    case 'settings.update':
      return `${operator} changed the platform settings: ${changesText(fields)}`;
    case 'session.lockedOut': {
      const until = text(after?.lockedUntil);
      return `${target} was locked out after ${typeof after?.failedAttempts === 'number' ? after.failedAttempts : 'several'} failed sign-ins${until ? ` until ${until.slice(11, 16)} UTC` : ''}`;
    }
    case 'user.passwordReset':
      return `${operator} reset ${possessive(target)} password`;
    case 'user.temporaryPassword':
      return `${operator} set a temporary password for ${target}, to be changed at their next sign-in`;
    case 'user.passwordChange':
      return after?.temporaryReplaced === true ? `${operator} replaced their temporary password` : `${operator} changed their password`;
    case 'user.activationCode': {
      const expires = text(after?.expiresAt);
      return `${operator} issued a new activation code for ${target}${expires ? `, valid until ${expires.slice(0, 10)}` : ''}`;
    }
    case 'user.deletePending':
      return `${operator} deleted pending user ${target}, who had never signed in`;
    default: {
      const what = auditActionLabel(entry.action);
      const detail = fields.length > 0 ? `: ${changesText(fields)}` : '';
      return `${operator}: ${what} (${target})${detail}`;
    }
  }
}

/** An entry in plain words: the sentence, before → after per field, and the operator's reason. */
export interface DescribedEntry {
  sentence: string;
  fields: FieldChange[];
  reason: string | null;
}

/** Short name of the target for a sentence: a user without their username, a group as it is called now. */
function targetName(entry: AuditRecord, labels: LabelResolver): string {
  if (entry.targetType === 'user' && entry.targetId !== null) return labels.person(entry.targetId, entry.targetLabel).name;
  if (entry.targetType === 'group') return labels.groupName(entry.targetId, entry.targetLabel);
  return entry.targetLabel;
}

const SHOWN_IN_SENTENCE = 2;

export function describeEntry(entry: AuditRecord, labels: LabelResolver): DescribedEntry {
  const change = parseChange(entry.change);
  if (!change) return { sentence: UNREADABLE_ENTRY, fields: [], reason: null };
  const listed = usersOf(entry, change);
  const names = listed.slice(0, SHOWN_IN_SENTENCE).map((user) => (user.id === null ? nameOfLabel(user.label) : labels.person(user.id, user.label).name));
  const fields = fieldChanges(change.before, change.after, labels.values);
  const sentence = sentenceOf({
    entry,
    change,
    operator: labels.operatorName(entry),
    target: targetName(entry, labels),
    users: { names, total: listed.length },
    fields,
  });
  return { sentence, fields, reason: change.reason };
}

/** Every user, group and unit the entry touched, the target first; the full list a bulk entry names. */
export function affectedOf(entry: AuditRecord, labels: LabelResolver): AffectedSubject[] {
  const change = parseChange(entry.change);
  const affected: AffectedSubject[] = [];
  if (entry.targetType === 'user' || entry.targetType === 'group' || entry.targetType === 'orgUnit') {
    if (entry.targetId !== null || entry.targetType !== 'user') affected.push({ type: entry.targetType, id: entry.targetId, label: labels.target(entry) });
  }
  if (!change) return affected;
  const listed = usersOf(entry, change);
  labels.primeUsers(listed.flatMap((user) => (user.id === null ? [] : [user.id])));
  for (const user of listed) {
    if (entry.targetType === 'user' && user.id === entry.targetId) continue;
    affected.push({ type: 'user', id: user.id, label: user.id === null ? user.label : labels.person(user.id, user.label).label });
  }
  return affected;
}

/** One line for an entry (the workbook's Change column): the sentence, and the operator's reason when they gave one. */
export function summarizeChange(entry: AuditRecord, labels: LabelResolver): string {
  const { sentence, reason } = describeEntry(entry, labels);
  return reason ? `${sentence} (reason: ${reason})` : sentence;
}

/** Excel's limit for one cell's text. */
const CELL_TEXT_LIMIT = 32_767;

/**
 * Everyone the entry affected, one per line, for a workbook cell. A bulk entry past a cell's 32,767 characters
 * ends with how many more there are; the audit-log export's Affected sheet lists every one of them.
 */
export function affectedText(entry: AuditRecord, labels: LabelResolver, limit = CELL_TEXT_LIMIT): string {
  const lines = affectedOf(entry, labels).map((subject) => subject.label);
  let length = 0;
  for (const [index, line] of lines.entries()) {
    const more = `… and ${thousands(lines.length - index)} more (the audit-log export lists them all)`;
    if (length + line.length + 1 + more.length > limit) return [...lines.slice(0, index), more].join('\n');
    length += line.length + 1;
  }
  return lines.join('\n');
}

/** "Ada Admin exported the effective permissions of Ben Andersen to ben.xlsx". */
function describeViewExport(operator: string, target: string, after: Snapshot): string {
  const file = text(after?.fileName);
  const to = file ? ` to ${file}` : '';
  switch (after?.view) {
    case 'effectivePermissions':
      return `${operator} exported the effective permissions of ${target}${to}`;
    case 'whoHas': {
      const question = text(after.question);
      return `${operator} exported who has access at ${target}${question ? ` (${question})` : ''}${to}`;
    }
    case 'auditLog':
      return `${operator} exported the ${after.filtered === true ? 'filtered ' : ''}audit log${to}`;
    default:
      return `${operator} exported a view${to}`;
  }
}
