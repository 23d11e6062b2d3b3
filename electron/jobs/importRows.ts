import { Email, PersonFields, Username } from '../../shared/contract/users';
import { identityKey } from '../../shared/domain/identity';
import { firstFewAndMore } from '../../shared/domain/text';
import { KNOWN_USER_TYPES_TEXT, parseUserType, type ImportMappingValues } from '../../shared/domain/userImport';
import type { UserType } from '../../shared/domain/users';
import type { ImportRecord } from './importFile';

/** A row's fields once valid: stored forms and the keys uniqueness compares. */
export interface ImportCandidate {
  username: string;
  usernameKey: string;
  firstName: string;
  lastName: string;
  email: string;
  emailKey: string;
  userType: UserType;
  /** The department as written; the main process resolves it against the org tree. */
  department: string;
}

/** One data row after the checks that need only the file itself. */
export interface CheckedRow {
  row: number;
  /** As written (trimmed), for the results table and file. */
  username: string;
  name: string;
  email: string;
  candidate: ImportCandidate | null;
  /** Why the row cannot be imported, when the file alone says so. */
  error: string | null;
}

const cellOf = (record: ImportRecord, column: number | null) => (column === null ? '' : (record.cells[column] ?? '')).trim();

function firstMessage(result: { success: true } | { success: false; error: { issues: { message: string }[] } }): string | null {
  return result.success ? null : (result.error.issues[0]?.message ?? 'Not valid');
}

function checkFields(record: ImportRecord, mapping: ImportMappingValues): { shown: Omit<CheckedRow, 'candidate' | 'error' | 'row'>; candidate: ImportCandidate | null; problems: string[] } {
  const raw = {
    username: cellOf(record, mapping.username),
    firstName: cellOf(record, mapping.firstName),
    lastName: cellOf(record, mapping.lastName),
    email: cellOf(record, mapping.email),
    userType: cellOf(record, mapping.userType),
    department: cellOf(record, mapping.department),
  };
  const shown = { username: raw.username, name: `${raw.firstName} ${raw.lastName}`.trim(), email: raw.email };
  const problems: string[] = [];
  const username = Username.safeParse(raw.username);
  const firstName = PersonFields.shape.firstName.safeParse(raw.firstName);
  const lastName = PersonFields.shape.lastName.safeParse(raw.lastName);
  const email = Email.safeParse(raw.email);
  for (const checked of [username, firstName, lastName, email]) {
    const message = firstMessage(checked);
    if (message) problems.push(message);
  }
  const userType = parseUserType(raw.userType);
  if (userType === null) problems.push(`Unknown user type "${raw.userType}"; use ${KNOWN_USER_TYPES_TEXT}`);
  if (!username.success || !firstName.success || !lastName.success || !email.success || userType === null) {
    return { shown, candidate: null, problems };
  }
  return {
    shown,
    problems,
    candidate: {
      username: username.data,
      usernameKey: identityKey(username.data),
      firstName: firstName.data,
      lastName: lastName.data,
      email: email.data,
      emailKey: identityKey(email.data),
      userType,
      department: raw.department,
    },
  };
}

/** Every row holding the same key as another names the others; none of them is imported, as neither is surely meant. */
function markDuplicates(rows: CheckedRow[], keyOf: (candidate: ImportCandidate) => string, what: string): void {
  const byKey = new Map<string, CheckedRow[]>();
  for (const row of rows) {
    if (!row.candidate) continue;
    const key = keyOf(row.candidate);
    const same = byKey.get(key);
    if (same) same.push(row);
    else byKey.set(key, [row]);
  }
  for (const same of byKey.values()) {
    if (same.length < 2) continue;
    for (const row of same) {
      const others = same.filter((other) => other !== row).map((other) => String(other.row));
      const message = `Same ${what} as row${others.length === 1 ? '' : 's'} ${firstFewAndMore(others, { shown: 5 })}`;
      row.error = row.error ? `${row.error}; ${message}` : message;
    }
  }
}

/**
 * The checks a file can fail on its own: each field as the Add user form checks it, a known user type, and no
 * username or email twice in the file (compared as identities: case, accent encoding and look-alike forms).
 */
export function checkImportRows(records: readonly ImportRecord[], mapping: ImportMappingValues, onRow?: (done: number) => void): CheckedRow[] {
  const rows: CheckedRow[] = [];
  for (const record of records) {
    const { shown, candidate, problems } = checkFields(record, mapping);
    rows.push({ row: record.row, ...shown, candidate, error: problems.length > 0 ? problems.join('; ') : null });
    if (rows.length % 1_000 === 0) onRow?.(rows.length);
  }
  markDuplicates(rows, (candidate) => candidate.usernameKey, 'username');
  markDuplicates(rows, (candidate) => candidate.emailKey, 'email');
  for (const row of rows) if (row.error) row.candidate = null;
  return rows;
}
