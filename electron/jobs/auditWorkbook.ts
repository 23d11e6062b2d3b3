import ExcelJS from 'exceljs';
import { basename } from 'node:path';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { compactRows, type CompactRow, type PermissionGroupInput } from '../../shared/domain/effectivePermissions';
import { OrgTree } from '../../shared/domain/orgTree';
import { AREA_LABELS, WORK_LEVEL_LABELS, type GroupSettings } from '../../shared/domain/permissionModel';
import { PLATFORM_ROLE_LABELS, USER_STATUS_LABELS, USER_TYPE_LABELS, type PlatformRole, type UserStatus, type UserType } from '../../shared/domain/users';
import { openConnection, type Db } from '../db/client';
import * as schema from '../db/schema';
import { auditEntriesAfter } from '../db/repos/audit';
import { exportCounts, iterateGroups, iterateMemberships, iteratePermissionHolders, iterateUsers } from '../db/repos/exportRows';
import { listGroupsWithSettings } from '../db/repos/groups';
import { orgUnitPaths } from '../db/repos/orgUnits';
import { orgUnitNodes, scorecardColumnsOf } from '../db/repos/permissionInputs';
import { today } from '../db/time';
import { affectedText, createLabelResolver, summarizeChange } from '../services/auditLabels';
import { auditActionLabel } from '../../shared/domain/auditActions';
import { verifyChainForExport } from '../services/auditLog';
import type { ExportJobRequest } from './protocol';
import { chainVerdict, sealSummaryRows } from './workbookSeal';
import type { CellValue } from './cellText';
import { TIME_ZONE_NOTE, type PrintHeading } from './printLayout';
import { MAX_DATA_ROWS_PER_SHEET, SplitSheet } from './sheetSplitter';
import { openWorkbook, SheetWriter, type ColumnSpec } from './sheetWriter';

/** The sheets of a workbook whose sheets all fit Excel's row limit; a longer one continues on "<name> 2", ... */
export const SHEET_NAMES = ['Summary', 'Users', 'Groups', 'Memberships', 'Audit log', 'Effective permissions'] as const;

export type ProgressReporter = (phase: string, done: number, total: number) => void;

const PROGRESS_EVERY = 2000;

/** What the writer may queue for the zip before it waits: a few seconds of compression. */
const QUEUED_OUTPUT_LIMIT = 16 * 2 ** 20;
/** exceljs's sheet streams buffer in 64 KiB blocks (workbook-writer.js `_openStream`). */
const STREAM_BLOCK = 65_536;
/** Give up waiting when the queue has not shrunk for this long, so a changed exceljs can slow an export, never hang it. */
const STALL_MS = 2_000;

/*
 * The parts of exceljs's streaming writer that hold XML not yet compressed: each sheet's StreamBuf keeps 64 KiB
 * blocks until it is piped, then writes into the PassThrough archiver reads the entry from, without waiting.
 * Internal fields, read defensively: every one is optional and a missing one counts as nothing queued.
 */
interface StreamProbe {
  buffers?: unknown[];
  /** archiver's PassThrough comes from readable-stream 2, which has only the `_…State` lengths. */
  pipes?: { _writableState?: { length?: number }; _readableState?: { length?: number } }[];
}
interface WorkbookProbe {
  _worksheets?: ({ _stream?: StreamProbe } | undefined)[];
}

function queuedOutputBytes(workbook: ExcelJS.stream.xlsx.WorkbookWriter): number {
  let bytes = 0;
  for (const sheet of (workbook as unknown as WorkbookProbe)._worksheets ?? []) {
    const stream = sheet?._stream;
    if (stream === undefined) continue;
    bytes += (stream.buffers?.length ?? 0) * STREAM_BLOCK;
    // archiver wraps the sheet stream in a PassThrough, which holds what it was given until the zip reads it.
    for (const pipe of stream.pipes ?? []) bytes += (pipe._writableState?.length ?? 0) + (pipe._readableState?.length ?? 0);
  }
  return bytes;
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Backpressure for the synchronous row loops. exceljs hands each sheet's XML to the zip, which compresses and
 * writes it on later turns of the event loop, and ignores the zip's backpressure; a loop that never waits
 * queues the whole sheet (the Effective permissions sheet of 100,000 users took the worker past a gigabyte).
 * Called every PROGRESS_EVERY rows, this lets the loop run and, while more than QUEUED_OUTPUT_LIMIT waits for
 * the zip, waits for it to shrink.
 */
async function breathe(workbook: ExcelJS.stream.xlsx.WorkbookWriter): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  let queued = queuedOutputBytes(workbook);
  let lastProgress = Date.now();
  while (queued > QUEUED_OUTPUT_LIMIT && Date.now() - lastProgress < STALL_MS) {
    await pause(2);
    const now = queuedOutputBytes(workbook);
    if (now < queued) lastProgress = Date.now();
    queued = now;
  }
}

/** A sheet that continues on "<name> 2", "<name> 3", ... past Excel's row limit (or `limit` rows, for tests). */
function splitSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  heading: PrintHeading,
  name: string,
  columns: ColumnSpec[],
  limit = MAX_DATA_ROWS_PER_SHEET,
): SplitSheet<CellValue[]> {
  return new SplitSheet<CellValue[]>(name, (sheetName) => new SheetWriter(workbook, sheetName, columns, heading), limit);
}

const toDate = (iso: string | null) => (iso ? new Date(iso) : null);

/** "First Last", or the username when both are empty: as services/authorization.ts displayName shows a user. */
function displayName(user: { firstName: string; lastName: string; username: string }): string {
  const name = `${user.firstName} ${user.lastName}`.trim();
  return name === '' ? user.username : name;
}

export interface AuditWorkbookOptions {
  /** Data rows per sheet before it continues on a numbered sheet; Excel's limit unless a test injects a small one. */
  rowsPerSheet?: number;
}

const EFFECTIVE_PERMISSION_COLUMNS: ColumnSpec[] = [
  { header: 'User', width: 20, wrap: true },
  { header: 'Username', width: 20, wrap: true },
  { header: 'User type', width: 10 },
  { header: 'Department', width: 24, wrap: true },
  { header: 'Unit (path)', width: 28, wrap: true },
  { header: 'Includes subtree', width: 9 },
  { header: 'Area or column', width: 18, wrap: true },
  { header: 'Level', width: 14, wrap: true },
  { header: 'Group', width: 20, wrap: true },
  { header: 'Reason', width: 40, wrap: true },
];

/** What a compact row's level cell says when the Read-Only cap removed the grant's level. */
export const CAPPED_LEVEL_TEXT = 'None (Read-Only cap)';

/**
 * The Effective permissions sheet (DOMAIN.md "Audit"): the engine's compact rows (one per user × resolved
 * scope × area or column) for every live user. Streamed: users are read in keyset batches with their current
 * memberships and each batch is written before the next is read; only the tree, the columns and the groups'
 * settings (read once) stay in memory. Returns the rows written.
 */
async function writeEffectivePermissions(
  sqlite: ReturnType<typeof openConnection>,
  db: Db,
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  heading: PrintHeading,
  workspaceId: number,
  rowsPerSheet: number,
  tick: (phase: string) => boolean,
): Promise<number> {
  const tree = new OrgTree(orgUnitNodes(db, workspaceId));
  const columns = scorecardColumnsOf(db, workspaceId);
  const columnNames = new Map(columns.map((column) => [column.id, column.name]));
  const groups = new Map<number, { name: string; settings: GroupSettings }>(
    listGroupsWithSettings(db, workspaceId).map((group) => [group.id, { name: group.name, settings: group.settings }]),
  );
  const unitPath = (unitId: number) => (tree.has(unitId) ? tree.pathOf(unitId) : `unit #${unitId}`);
  const areaOrColumn = (row: CompactRow) =>
    row.columnId === null ? AREA_LABELS[row.area] : `${AREA_LABELS[row.area]} · ${columnNames.get(row.columnId) ?? `#${row.columnId}`}`;
  const sheet = splitSheet(workbook, heading, 'Effective permissions', EFFECTIVE_PERMISSION_COLUMNS, rowsPerSheet);
  for (const batch of iteratePermissionHolders(sqlite, workspaceId, today())) {
    for (const user of batch) {
      const memberships = user.memberships.flatMap((membership): PermissionGroupInput[] => {
        const group = groups.get(membership.groupId);
        return group ? [{ id: membership.groupId, name: group.name, membership: membership.isMain ? 'main' : 'extra', settings: group.settings }] : [];
      });
      const name = displayName(user);
      const userType = USER_TYPE_LABELS[user.userType];
      const department = user.departmentId !== null && tree.has(user.departmentId) ? tree.pathOf(user.departmentId) : '';
      const rows = compactRows({ tree, columns, user: { departmentId: user.departmentId, userType: user.userType }, groups: memberships });
      for (const row of rows) {
        sheet.add([
          name,
          user.username,
          userType,
          department,
          unitPath(row.unitId),
          row.includesSubtree ? 'Yes' : 'No',
          areaOrColumn(row),
          row.level === null ? CAPPED_LEVEL_TEXT : WORK_LEVEL_LABELS[row.level],
          row.groupName,
          row.reason,
        ]);
      }
      if (tick('Effective permissions')) await breathe(workbook);
    }
  }
  sheet.commit();
  return sheet.rows;
}

export async function writeAuditWorkbook(request: ExportJobRequest, report: ProgressReporter, options: AuditWorkbookOptions = {}): Promise<number> {
  const rowsPerSheet = options.rowsPerSheet ?? MAX_DATA_ROWS_PER_SHEET;
  const sqlite = openConnection(request.storeFile, { readonly: true, ...(request.nativeBinding ? { nativeBinding: request.nativeBinding } : {}) });
  try {
    // One read transaction so every sheet shows the same moment even while the app keeps writing.
    sqlite.prepare('begin').run();
    const db = drizzle(sqlite, { schema });
    const counts = exportCounts(sqlite, request.workspaceId);
    // Progress counts rows, and users once more for the Effective permissions sheet (its rows are not known ahead).
    const total = 2 * counts.users + counts.groups + counts.memberships + counts.auditEntries;
    let done = 0;
    /** Counts a row; true every PROGRESS_EVERY rows, when the caller should `breathe`. */
    const tick = (phase: string): boolean => {
      done += 1;
      if (done % PROGRESS_EVERY !== 0) return false;
      report(phase, done, total);
      return true;
    };
    report('Verifying the audit chain', 0, total);
    const chain = verifyChainForExport(db, request);

    // Fastest deflate: about three times quicker than the default level for a file about a third larger, so the
    // compressor keeps up with a 1.5-million-row sheet instead of queueing its XML in memory.
    const workbook = openWorkbook({ filename: request.outputFile, zipLevel: 1 });
    const heading: PrintHeading = { title: 'AccessDesk audit workbook', generatedAt: new Date() };

    const summary = new SheetWriter(workbook, 'Summary', [
      { header: 'Item', width: 28 },
      { header: 'Value', width: 72, wrap: true },
    ], heading);
    const summaryRows: [string, CellValue][] = [
      ['Generated at', heading.generatedAt],
      ['Time zone', TIME_ZONE_NOTE],
      ['Generated by', request.operatorLabel],
      ['Store', basename(request.storeFile)],
      ['Users (not deleted)', counts.users],
      ['Deleted users', counts.deletedUsers],
      ['Groups', counts.groups],
      ['Memberships', counts.memberships],
      ...sealSummaryRows(request.seal, counts.auditEntries, chain?.headHash ?? null),
      ['Audit chain verified', chainVerdict(chain)],
    ];
    for (const row of summaryRows) summary.add(row);
    summary.commit();

    const departments = orgUnitPaths(db, request.workspaceId);
    const usersSheet = splitSheet(workbook, heading, 'Users', [
      { header: 'User ID', width: 7 },
      { header: 'Username', width: 18, wrap: true },
      { header: 'First name', width: 12, wrap: true },
      { header: 'Last name', width: 14, wrap: true },
      { header: 'Email', width: 32, wrap: true },
      { header: 'User type', width: 10 },
      { header: 'Platform role', width: 14, wrap: true },
      { header: 'Status', width: 11 },
      { header: 'SSO', width: 5 },
      { header: 'Department', width: 28, wrap: true },
      { header: 'Groups', width: 7 },
      { header: 'Created', width: 19, date: true },
      { header: 'Updated', width: 19, date: true },
    ], rowsPerSheet);
    for (const user of iterateUsers(sqlite)) {
      usersSheet.add([
        user.id,
        user.username,
        user.firstName,
        user.lastName,
        user.email,
        USER_TYPE_LABELS[user.userType as UserType],
        PLATFORM_ROLE_LABELS[user.platformRole as PlatformRole],
        USER_STATUS_LABELS[user.status as UserStatus],
        user.sso ? 'Yes' : 'No',
        user.departmentId === null ? '' : (departments.get(user.departmentId) ?? ''),
        user.groupCount,
        toDate(user.createdAt),
        toDate(user.updatedAt),
      ]);
      if (tick('Users')) await breathe(workbook);
    }
    usersSheet.commit();

    const groupsSheet = splitSheet(workbook, heading, 'Groups', [
      { header: 'Group ID', width: 9 },
      { header: 'Name', width: 30, wrap: true },
      { header: 'Description', width: 56, wrap: true },
      { header: 'Members', width: 9 },
      { header: 'Created', width: 19, date: true },
      { header: 'Updated', width: 19, date: true },
    ], rowsPerSheet);
    for (const group of iterateGroups(sqlite, request.workspaceId)) {
      groupsSheet.add([group.id, group.name, group.description, group.memberCount, toDate(group.createdAt), toDate(group.updatedAt)]);
      if (tick('Groups')) await breathe(workbook);
    }
    groupsSheet.commit();

    const membershipsSheet = splitSheet(workbook, heading, 'Memberships', [
      { header: 'Group', width: 30, wrap: true },
      { header: 'Username', width: 26, wrap: true },
      { header: 'First name', width: 18, wrap: true },
      { header: 'Last name', width: 18, wrap: true },
      { header: 'Member since', width: 19, date: true },
    ], rowsPerSheet);
    for (const membership of iterateMemberships(sqlite, request.workspaceId)) {
      membershipsSheet.add([membership.groupName, membership.username, membership.firstName, membership.lastName, toDate(membership.addedAt)]);
      if (tick('Memberships')) await breathe(workbook);
    }
    membershipsSheet.commit();

    const auditSheet = splitSheet(workbook, heading, 'Audit log', [
      { header: 'Entry', width: 7 },
      { header: 'Time', width: 19, date: true },
      { header: 'Operator', width: 22, wrap: true },
      { header: 'Action', width: 18, wrap: true },
      { header: 'Target type', width: 10, wrap: true },
      { header: 'Target', width: 22, wrap: true },
      { header: 'Change', width: 48, wrap: true },
      { header: 'Affected', width: 30, wrap: true },
      // A SHA-256 in hex on two lines.
      { header: 'Hash', width: 34, wrap: true },
    ], rowsPerSheet);
    const labels = createLabelResolver(db, request.workspaceId);
    let lastId = 0;
    for (;;) {
      const batch = auditEntriesAfter(db, lastId, 1000);
      if (batch.length === 0) break;
      for (const entry of batch) {
        auditSheet.add([
          entry.id,
          toDate(entry.at),
          labels.operator(entry),
          auditActionLabel(entry.action),
          entry.targetType,
          labels.target(entry),
          summarizeChange(entry, labels),
          affectedText(entry, labels),
          entry.hash,
        ]);
        lastId = entry.id;
        if (tick('Audit log')) await breathe(workbook);
      }
    }
    auditSheet.commit();

    report('Effective permissions', done, total);
    const permissionRows = await writeEffectivePermissions(sqlite, db, workbook, heading, request.workspaceId, rowsPerSheet, tick);

    report('Finishing the file', total, total);
    await workbook.commit();
    sqlite.prepare('commit').run();
    return total - counts.users + permissionRows;
  } finally {
    sqlite.close();
  }
}
