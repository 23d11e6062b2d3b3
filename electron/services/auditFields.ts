import {
  ADMIN_PERMISSION_LABELS,
  ADVANCED_LABELS,
  AREA_LABELS,
  FLAG_LABELS,
  LANGUAGE_LABELS,
  LICENCE_LEVEL_LABELS,
  MENU_LABELS,
  REPORT_PERMISSION_LABELS,
  SCOPE_LABELS,
  WORK_LEVEL_LABELS,
} from '../../shared/domain/permissionModel';
import { AUTH_MODE_LABELS } from '../../shared/domain/platformSettings';
import { PLATFORM_ROLE_LABELS, USER_STATUS_LABELS, USER_TYPE_LABELS } from '../../shared/domain/users';

/** How a stored value reads for a person: unit ids become paths, codes become their labels. */
export interface ValueNames {
  unit(id: number): string;
  column(id: number): string;
}

export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

const FIELD_LABELS: Record<string, string> = {
  username: 'username',
  firstName: 'first name',
  lastName: 'last name',
  email: 'email',
  userType: 'user type',
  platformRole: 'platform role',
  sso: 'single sign-on',
  status: 'status',
  departmentId: 'department',
  name: 'name',
  description: 'description',
  licenceLevel: 'licence',
  language: 'language',
  visibleUnits: 'visible units',
  landingMenu: 'landing menu',
  allowedMenus: 'menus',
  adminPermission: 'administrator permission',
  adminUnits: 'administered units',
  workGrants: 'work permissions',
  columnGrants: 'scorecard column permissions',
  reportGrants: 'report permissions',
  path: 'path',
  parent: 'place',
  hidden: 'hidden',
  endsOn: 'membership ends on',
  viewing: 'viewing as',
  since: 'since',
  users: 'users',
  groups: 'groups',
  orgUnits: 'org units',
  unitCount: 'units',
  reassignedTo: 'reassigned to',
  mainGroupName: 'main group before',
  by: 'by',
  refused: 'refused because',
  authMode: 'authentication mode',
  passwordMinLength: 'minimum password length',
  idleLockMinutes: 'idle lock (minutes)',
  anonymiseAfterDays: 'anonymise deleted users after (days)',
};

/** 10,000 rather than 10000, without Intl's cost on every entry of a page. */
export function thousands(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** "email", "Allow planning" (a group flag), "administrator permission". */
export function fieldLabel(key: string): string {
  if (key.startsWith('flags.')) {
    const flag = key.slice('flags.'.length);
    return flag in FLAG_LABELS ? lowerFirst(FLAG_LABELS[flag as keyof typeof FLAG_LABELS]) : flag;
  }
  if (key.startsWith('advanced.')) {
    const setting = key.slice('advanced.'.length);
    return setting in ADVANCED_LABELS ? lowerFirst(ADVANCED_LABELS[setting as keyof typeof ADVANCED_LABELS]) : setting;
  }
  return FIELD_LABELS[key] ?? key;
}

function labelled(labels: Record<string, string>, value: unknown): string | null {
  return typeof value === 'string' && value in labels ? (labels[value] ?? null) : null;
}

const asRecord = (value: unknown): Record<string, unknown> | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;

function grantText(grant: Record<string, unknown>, names: ValueNames): string {
  const level = labelled(WORK_LEVEL_LABELS, grant.level) ?? labelled(REPORT_PERMISSION_LABELS, grant.permission) ?? '?';
  const scope = labelled(SCOPE_LABELS, grant.scope) ?? String(grant.scope);
  const area = labelled(AREA_LABELS, grant.area);
  const column = typeof grant.columnId === 'number' ? `${names.column(grant.columnId)}: ` : '';
  return `${column}${level}${area ? ` in ${area}` : ''}, ${scope}`;
}

function listText(items: readonly string[]): string {
  return items.length === 0 ? 'none' : items.join('; ');
}

/** One value as a person reads it; `—` for nothing. */
export function valueText(key: string, value: unknown, names: ValueNames): string {
  if (value === null || value === undefined || value === '') return '—';
  const field = key.replace(/^(flags|advanced)\./, '');
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  switch (field) {
    case 'userType':
      return labelled(USER_TYPE_LABELS, value) ?? String(value);
    case 'platformRole':
      return labelled(PLATFORM_ROLE_LABELS, value) ?? String(value);
    case 'status':
      return labelled(USER_STATUS_LABELS, value) ?? String(value);
    case 'adminPermission':
      return labelled(ADMIN_PERMISSION_LABELS, value) ?? String(value);
    case 'licenceLevel':
      return labelled(LICENCE_LEVEL_LABELS, value) ?? String(value);
    case 'language':
      return labelled(LANGUAGE_LABELS, value) ?? String(value);
    case 'landingMenu':
      return labelled(MENU_LABELS, value) ?? String(value);
    case 'authMode':
      return labelled(AUTH_MODE_LABELS, value) ?? String(value);
    case 'departmentId':
      return typeof value === 'number' ? names.unit(value) : String(value);
    case 'parent':
      return typeof value === 'string' ? `under ${value}` : String(value);
    case 'allowedMenus':
      return Array.isArray(value) ? listText(value.map((menu) => labelled(MENU_LABELS, menu) ?? String(menu))) : String(value);
    case 'adminUnits':
      return Array.isArray(value) ? listText(value.map((id) => (typeof id === 'number' ? names.unit(id) : String(id)))) : String(value);
    case 'visibleUnits': {
      const selection = asRecord(value);
      if (selection?.all === true) return 'All units';
      return Array.isArray(selection?.unitIds) ? listText(selection.unitIds.map((id) => (typeof id === 'number' ? names.unit(id) : String(id)))) : JSON.stringify(value);
    }
    case 'workGrants':
    case 'columnGrants':
    case 'reportGrants':
      return Array.isArray(value) ? listText(value.map((grant) => grantText(asRecord(grant) ?? {}, names))) : String(value);
    default:
      if (typeof value === 'string') return value;
      if (typeof value === 'number') return thousands(value);
      return JSON.stringify(value);
  }
}

/** Keys that name people or carry ids for the affected list, not fields of the target. */
const NOT_FIELDS = new Set(['users', 'userIds', 'addedUserIds', 'removedUserIds', 'memberUserIds', 'mainGroupIds', 'mainGroupId', 'unitIds', 'reassignedUserIds', 'clearedDepartmentUserIds']);

/** Flattens a group's settings object the way group.update records them: flags.* and advanced.* one by one. */
function flatten(snapshot: Record<string, unknown> | null): Record<string, unknown> {
  const flat: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(snapshot ?? {})) {
    if (NOT_FIELDS.has(key)) continue;
    const nested = key === 'settings' ? asRecord(value) : null;
    if (nested) {
      for (const [inner, innerValue] of Object.entries(nested)) {
        const group = inner === 'flags' || inner === 'advanced' ? asRecord(innerValue) : null;
        if (group) for (const [leaf, leafValue] of Object.entries(group)) flat[`${inner}.${leaf}`] = leafValue;
        else flat[inner] = innerValue;
      }
    } else {
      flat[key] = value;
    }
  }
  return flat;
}

/** before → after for every field the entry changed (a created thing: every field, before "—"). */
export function fieldChanges(before: Record<string, unknown> | null, after: Record<string, unknown> | null, names: ValueNames): FieldChange[] {
  const was = flatten(before);
  const is = flatten(after);
  const keys = [...new Set([...Object.keys(was), ...Object.keys(is)])];
  return keys
    .filter((key) => JSON.stringify(was[key] ?? null) !== JSON.stringify(is[key] ?? null))
    .map((key) => ({ field: fieldLabel(key), before: valueText(key, was[key], names), after: valueText(key, is[key], names) }))
    // An empty description that was not there before reads "—" on both sides: nothing a reader would call a change.
    .filter((change) => change.before !== change.after);
}
