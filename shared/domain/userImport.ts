/**
 * Importing users from a CSV or XLSX file (issue 8 item 9): which fields a file can fill, how its header names
 * map to them in English and Swedish, and how a user type is written. Shared by the worker that reads the
 * file, the main process that checks the rows, and the wizard that lets the operator change the mapping.
 */
import { USER_TYPE_LABELS, type UserType } from './users';

export const IMPORT_FIELDS = ['username', 'firstName', 'lastName', 'email', 'userType', 'department'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** A row needs these; user type defaults to Standard and department to none. */
export const REQUIRED_IMPORT_FIELDS: readonly ImportField[] = ['username', 'firstName', 'lastName', 'email'];

export const IMPORT_FIELD_LABELS: Record<ImportField, string> = {
  username: 'Username',
  firstName: 'First name',
  lastName: 'Last name',
  email: 'Email',
  userType: 'User type',
  department: 'Department',
};

/** A file wider than this is not a user list. */
export const MAX_IMPORT_COLUMNS = 200;
/** Rows the mapping step shows under the header. */
export const IMPORT_SAMPLE_ROWS = 5;

/** Header names compared without case, spaces, dashes, underscores or dots. */
function headerKey(name: string): string {
  return name.normalize('NFC').toLowerCase().replace(/[\s_.\-]+/g, '');
}

const HEADER_NAMES: Record<ImportField, string[]> = {
  username: ['username', 'user name', 'user', 'login', 'user id', 'account', 'användarnamn', 'användare', 'användar-id', 'inloggning'],
  firstName: ['first name', 'firstname', 'given name', 'forename', 'förnamn', 'tilltalsnamn'],
  lastName: ['last name', 'lastname', 'surname', 'family name', 'efternamn'],
  email: ['email', 'e-mail', 'email address', 'e-mail address', 'mail', 'e-post', 'epost', 'e-postadress', 'mejl', 'mejladress'],
  userType: ['user type', 'type', 'usertype', 'användartyp', 'typ'],
  department: ['department', 'org unit', 'organisation unit', 'organization unit', 'unit', 'avdelning', 'enhet', 'organisationsenhet', 'org enhet'],
};

const FIELD_BY_HEADER = new Map<string, ImportField>(
  IMPORT_FIELDS.flatMap((field) => HEADER_NAMES[field].map((name) => [headerKey(name), field] as const)),
);

export type ImportMappingValues = Record<ImportField, number | null>;

/** The mapping the header names suggest: the first column whose name a field knows; unknown columns stay unused. */
export function suggestMapping(columns: readonly string[]): ImportMappingValues {
  const mapping = Object.fromEntries(IMPORT_FIELDS.map((field) => [field, null])) as ImportMappingValues;
  columns.forEach((name, index) => {
    const field = FIELD_BY_HEADER.get(headerKey(name));
    if (field && mapping[field] === null) mapping[field] = index;
  });
  return mapping;
}

/** What is wrong with a mapping before any row is read, or null. */
export function mappingProblem(mapping: ImportMappingValues, columnCount: number): string | null {
  const missing = REQUIRED_IMPORT_FIELDS.filter((field) => mapping[field] === null).map((field) => IMPORT_FIELD_LABELS[field]);
  if (missing.length > 0) {
    return `Choose a column for ${missing.join(', ')}: ${missing.length === 1 ? 'it is' : 'they are'} required`;
  }
  const outside = IMPORT_FIELDS.filter((field) => (mapping[field] ?? -1) >= columnCount);
  if (outside.length > 0) return `The file has only ${columnCount} columns; ${IMPORT_FIELD_LABELS[outside[0] ?? 'username']} points past them`;
  const used = new Map<number, ImportField>();
  for (const field of IMPORT_FIELDS) {
    const column = mapping[field];
    if (column === null) continue;
    const earlier = used.get(column);
    if (earlier) return `${IMPORT_FIELD_LABELS[earlier]} and ${IMPORT_FIELD_LABELS[field]} cannot both come from the same column`;
    used.set(column, field);
  }
  return null;
}

const USER_TYPE_NAMES: Record<string, UserType> = {
  admin: 'admin',
  administrator: 'admin',
  administratör: 'admin',
  standard: 'standard',
  readonly: 'read_only',
  read: 'read_only',
  läsbehörighet: 'read_only',
  endastläs: 'read_only',
  läs: 'read_only',
};

/** A user type as a file writes it (English or Swedish, any case); blank is Standard; null when unknown. */
export function parseUserType(text: string): UserType | null {
  const key = headerKey(text);
  if (key === '') return 'standard';
  return USER_TYPE_NAMES[key] ?? null;
}

export const KNOWN_USER_TYPES_TEXT = Object.values(USER_TYPE_LABELS).join(', ');
