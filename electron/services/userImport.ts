import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import type { ImportApplied, ImportCounts, ImportOutcome, ImportPreview, ImportRowResult } from '../../shared/contract';
import type { ImportMappingValues } from '../../shared/domain/userImport';
import { AppError } from '../../shared/errors';
import { firstFewAndMore } from '../../shared/domain/text';
import { insertImportedUsers, liveUsersByEmailKeys, orgUnitNames, usersByUsernameKeys, type ImportMatch } from '../db/repos/userImport';
import type { UserRecord } from '../db/repos/users';
import { orgUnitPaths } from '../db/repos/orgUnits';
import { auditActor, requireOperator, userLabel } from './authorization';
import type { ServiceContext } from './context';
import { runMutation } from './mutation';
import { requireUnlockedUserRecords } from './platformSettings';
import { workspaceAccessOf } from './workspaceAccess';

/** A valid row as the worker hands it over (electron/jobs/importRows.ts `ImportCandidate`). */
export interface ImportCandidateRow {
  username: string;
  usernameKey: string;
  firstName: string;
  lastName: string;
  email: string;
  emailKey: string;
  userType: UserRecord['userType'];
  department: string;
}

/** A row after the file's own checks (electron/jobs/importRows.ts `CheckedRow`). */
export interface CheckedImportRow {
  row: number;
  username: string;
  name: string;
  email: string;
  candidate: ImportCandidateRow | null;
  error: string | null;
}

interface PlannedCreate {
  row: number;
  candidate: ImportCandidateRow;
  departmentId: number | null;
}

interface ImportPlan {
  rows: ImportRowResult[];
  creates: PlannedCreate[];
  counts: ImportCounts;
}

interface ImportSession {
  importId: string;
  file: string;
  fileName: string;
  operatorId: number;
  columnCount: number;
  plan: ImportPlan | null;
  applied: boolean;
}

/** One import at a time per window: opening a file replaces the one before. */
const sessions = new WeakMap<ServiceContext, ImportSession>();

/** Import adds users: User Provisioner and up (policy), and only while the authentication mode allows adding. */
export function requireImporter(ctx: ServiceContext): UserRecord {
  const operator = requireOperator(ctx);
  requireUnlockedUserRecords(ctx);
  return operator;
}

export function beginImport(ctx: ServiceContext, file: string): ImportSession {
  const operator = requireImporter(ctx);
  const session: ImportSession = { importId: randomUUID(), file, fileName: basename(file), operatorId: operator.id, columnCount: 0, plan: null, applied: false };
  sessions.set(ctx, session);
  return session;
}

export function requireImportSession(ctx: ServiceContext, importId: string): ImportSession {
  const operator = requireImporter(ctx);
  const session = sessions.get(ctx);
  if (!session || session.importId !== importId || session.operatorId !== operator.id) {
    throw new AppError('not_found', 'That import is no longer open; choose the file again');
  }
  return session;
}

export function forgetImport(ctx: ServiceContext, importId: string): void {
  if (sessions.get(ctx)?.importId === importId) sessions.delete(ctx);
}

const unitKey = (text: string) =>
  text
    .normalize('NFC')
    .split('/')
    .map((part) => part.trim().toLowerCase())
    .join('/');

type DepartmentLookup = (text: string) => { id: number | null } | { error: string };

/** Departments by full path ("Sales / North") or, when unique, by name; a Local administrator only to their units. */
function departmentLookup(ctx: ServiceContext, operator: UserRecord): DepartmentLookup {
  const byPath = new Map<string, number>();
  for (const [id, path] of orgUnitPaths(ctx.store.db, ctx.workspaceId)) byPath.set(unitKey(path), id);
  const byName = new Map<string, number[]>();
  for (const unit of orgUnitNames(ctx.store.db, ctx.workspaceId)) {
    const key = unitKey(unit.name);
    byName.set(key, [...(byName.get(key) ?? []), unit.id]);
  }
  const { units } = workspaceAccessOf(ctx, operator);
  return (text) => {
    if (text === '') {
      return units === null ? { id: null } : { error: 'As a Local administrator you can place users only in your own units: give a department' };
    }
    const key = unitKey(text);
    let id = byPath.get(key);
    if (id === undefined) {
      const named = byName.get(key) ?? [];
      if (named.length > 1) return { error: `${named.length} units are named "${text}"; write the full path, such as "Parent / ${text}"` };
      id = named[0];
    }
    if (id === undefined) return { error: `Unknown department "${text}"` };
    if (units !== null && !units.has(id)) return { error: `"${text}" is not one of your units` };
    return { id };
  };
}

const USER_TYPE_WORDS: Record<UserRecord['userType'], string> = { admin: 'Admin', standard: 'Standard', read_only: 'Read-Only' };

/** The fields in which an existing user differs from the row; empty when the row describes them exactly. */
function differences(existing: ImportMatch, candidate: ImportCandidateRow, departmentId: number | null, departmentMapped: boolean): string[] {
  const differ: string[] = [];
  if (existing.firstName !== candidate.firstName) differ.push('first name');
  if (existing.lastName !== candidate.lastName) differ.push('last name');
  if (existing.email !== candidate.email) differ.push('email');
  if (existing.userType !== candidate.userType) differ.push(`user type (${USER_TYPE_WORDS[existing.userType]} now)`);
  if (departmentMapped && existing.departmentId !== departmentId) differ.push('department');
  return differ;
}

function countOutcomes(rows: readonly ImportRowResult[]): ImportCounts {
  const counts: ImportCounts = { create: 0, unchanged: 0, skipped: 0, error: 0 };
  for (const row of rows) counts[row.outcome] += 1;
  return counts;
}

/**
 * The dry run's second half, in the main process: each row the file accepted is compared with the store. An
 * existing username is never changed: the row is "unchanged" when it describes that user exactly (so importing
 * the same file again changes nothing) and "skipped" otherwise, naming the differences.
 */
export function planImport(ctx: ServiceContext, session: ImportSession, mapping: ImportMappingValues, checked: readonly CheckedImportRow[]): ImportPreview {
  const operator = requireImporter(ctx);
  const db = ctx.store.db;
  const candidates = checked.flatMap((row) => (row.candidate ? [row.candidate] : []));
  const byUsername = new Map(usersByUsernameKeys(db, candidates.map((c) => c.usernameKey)).map((user) => [user.usernameKey, user]));
  const byEmail = new Map(liveUsersByEmailKeys(db, candidates.map((c) => c.emailKey)).map((user) => [user.emailKey, user]));
  const department = departmentLookup(ctx, operator);
  const departmentMapped = mapping.department !== null;

  const creates: PlannedCreate[] = [];
  const rows = checked.map((row): ImportRowResult => {
    const result = (outcome: ImportOutcome, reason = ''): ImportRowResult => ({ row: row.row, outcome, username: row.username, name: row.name, email: row.email, reason });
    const candidate = row.candidate;
    if (!candidate) return result('error', row.error ?? 'Not valid');
    const existing = byUsername.get(candidate.usernameKey);
    if (existing?.deletedAt) return result('error', `The username "${existing.username}" belongs to a deleted user, whose history keeps it`);
    const placed = department(candidate.department);
    if ('error' in placed) return result('error', placed.error);
    if (existing) {
      const differ = differences(existing, candidate, placed.id, departmentMapped);
      if (differ.length === 0) return result('unchanged');
      return result('skipped', `"${existing.username}" already exists with a different ${firstFewAndMore(differ, { shown: 5 })}; import never changes existing users`);
    }
    const emailHolder = byEmail.get(candidate.emailKey);
    if (emailHolder) return result('error', `${emailHolder.username} already has this email address`);
    creates.push({ row: row.row, candidate, departmentId: placed.id });
    return result('create');
  });
  const plan: ImportPlan = { rows, creates, counts: countOutcomes(rows) };
  session.plan = plan;
  session.applied = false;
  return { importId: session.importId, fileName: session.fileName, counts: plan.counts, rows };
}

/** Anything another window changed since the dry run that would now break a planned row; named, not half-applied. */
function conflictsSinceDryRun(ctx: ServiceContext, creates: readonly PlannedCreate[]): string[] {
  const db = ctx.store.db;
  const taken = usersByUsernameKeys(db, creates.map((create) => create.candidate.usernameKey)).map((user) => `username ${user.username}`);
  const emails = liveUsersByEmailKeys(db, creates.map((create) => create.candidate.emailKey)).map((user) => `email ${user.email}`);
  const units = new Set(orgUnitNames(db, ctx.workspaceId).map((unit) => unit.id));
  const gone = creates.filter((create) => create.departmentId !== null && !units.has(create.departmentId)).map((create) => `row ${create.row}'s department`);
  return [...taken, ...emails, ...gone];
}

/** Creates every row the dry run would create, in one transaction with one audit entry naming them all. */
export function applyImport(ctx: ServiceContext, session: ImportSession, reason: string | undefined): ImportApplied {
  const operator = requireImporter(ctx);
  const plan = session.plan;
  if (!plan) throw new AppError('validation', 'Run the dry run before applying the import');
  if (session.applied) throw new AppError('conflict', 'This import was already applied; choose the file again to import it again');
  const created = runMutation(ctx, { actor: auditActor(operator), reason }, () => {
    if (plan.creates.length === 0) return { value: 0, audit: null, changed: [] };
    const conflicts = conflictsSinceDryRun(ctx, plan.creates);
    if (conflicts.length > 0) {
      throw new AppError('conflict', `The store changed since the dry run (${firstFewAndMore(conflicts)}); run the dry run again`);
    }
    const now = ctx.clock.now().toISOString();
    const users = insertImportedUsers(
      ctx.store.db,
      plan.creates.map(({ candidate, departmentId }) => ({
        username: candidate.username,
        firstName: candidate.firstName,
        lastName: candidate.lastName,
        email: candidate.email,
        userType: candidate.userType,
        platformRole: 'none' as const,
        departmentId,
        // Imported users sign in through the identity provider: a file carries no passwords.
        sso: true,
        passwordHash: null,
        status: 'active' as const,
        createdAt: now,
        updatedAt: now,
      })),
    );
    const [first] = users;
    return {
      value: users.length,
      audit: {
        action: 'user.import',
        targetType: 'user',
        targetId: users.length === 1 && first ? first.id : null,
        targetLabel: users.length === 1 && first ? userLabel(first) : `${users.length.toLocaleString('en')} users`,
        after: {
          fileName: session.fileName,
          users: users.map((user) => ({ id: user.id, label: userLabel(user) })),
          unchanged: plan.counts.unchanged,
          skipped: plan.counts.skipped,
          errors: plan.counts.error,
        },
      },
      changed: ['users'],
    };
  });
  session.applied = true;
  return { created, counts: plan.counts };
}

const OUTCOME_WORDS: Record<ImportOutcome, { planned: string; applied: string }> = {
  create: { planned: 'Will be created', applied: 'Created' },
  unchanged: { planned: 'Unchanged', applied: 'Unchanged' },
  skipped: { planned: 'Skipped', applied: 'Skipped' },
  error: { planned: 'Not imported', applied: 'Not imported' },
};

export interface ImportResultsSheet {
  fileName: string;
  applied: boolean;
  rows: { row: number; outcome: string; username: string; name: string; email: string; reason: string }[];
}

/** Every row with its outcome in words, for the results workbook. */
export function importResults(ctx: ServiceContext, session: ImportSession): ImportResultsSheet {
  requireImporter(ctx);
  if (!session.plan) throw new AppError('validation', 'Run the dry run first: the results list what it found');
  const when = session.applied ? 'applied' : 'planned';
  return {
    fileName: session.fileName,
    applied: session.applied,
    rows: session.plan.rows.map((row) => ({ ...row, outcome: OUTCOME_WORDS[row.outcome][when] })),
  };
}

