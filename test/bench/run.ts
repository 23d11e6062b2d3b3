/**
 * `npm run bench`: builds a store of 100,000 users, 2,000 groups and 300,000 memberships, then times the
 * operations an administrator waits on. Prints figures; asserts nothing. The last line is one JSON object.
 *
 * Every ratio is measured in the same run as its baseline, and where both sides are cheap enough to repeat
 * their samples are interleaved, so another process taking the shared cores for a moment hurts both alike.
 */
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type Database from 'better-sqlite3';
import type { Method, MethodInput } from '../../shared/contract';
import type { AppEvent } from '../../shared/contract/events';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { openConnection } from '../../electron/db/client';
import * as schema from '../../electron/db/schema';
import { writeAuditWorkbook } from '../../electron/jobs/auditWorkbook';
import { iterateGroups, iterateMemberships, iteratePermissionHolders, iterateUsers } from '../../electron/db/repos/exportRows';
import { listGroupsWithSettings } from '../../electron/db/repos/groups';
import { orgUnitNodes, scorecardColumnsOf } from '../../electron/db/repos/permissionInputs';
import { today } from '../../electron/db/time';
import { effectivePermissions, whoHas } from '../../electron/services/permissions';
import { compactRows } from '../../shared/domain/effectivePermissions';
import { OrgTree } from '../../shared/domain/orgTree';
import { createTestCore, type TestCore } from '../support/core';
import { setUpAdmin } from '../support/operators';
import { benchAuditLog } from './auditLog';
import { benchAuditVerify } from './auditVerify';
import { benchAnonymiseDeleted } from './anonymiseDeleted';
import { benchImportInChildProcesses, describeImportBench } from './import';
import { benchBulkPreview } from './bulkPreview';
import { generateLargeStore, generatePermissionData } from './generate';

const USERS = Number(process.env.BENCH_USERS ?? 100_000);
const GROUPS = Number(process.env.BENCH_GROUPS ?? 2_000);
const MEMBERSHIPS = Number(process.env.BENCH_MEMBERSHIPS ?? 300_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 60);
const WARM_UP = 5;
const BULK_SIZE = 10_000;
/** Assign and its bare insert are single long calls; a few repetitions give a median instead of one sample. */
const ASSIGN_REPEATS = 3;
const PAGE_SIZE = 50;
const AUDIT_ENTRIES = Number(process.env.BENCH_AUDIT_ENTRIES ?? 1_000_000);
/** The permission views are single long calls: a median of a few runs after a warm-up. */
const PERMISSION_RUNS = Number(process.env.BENCH_PERMISSION_RUNS ?? 15);
const PERMISSION_WARM_UP = 3;
const EFFECTIVE_PHASE = 'Effective permissions';

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

const median = (samples: number[]) => percentile(samples, 50);
const round = (value: number) => Math.round(value * 100) / 100;

async function invokeOrThrow<M extends Method>(core: TestCore, method: M, input: MethodInput<M>): Promise<unknown> {
  const envelope = await core.invoke(method, input);
  if (!envelope.ok) throw new Error(`${method} failed: ${envelope.error.code} ${envelope.error.message}`);
  return envelope.value;
}

async function timeOnce(run: () => unknown): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

interface TimedRun {
  wallMs: number;
  cpuMs: number;
}

async function timeWithCpu(run: () => unknown): Promise<TimedRun> {
  const cpuBefore = process.cpuUsage();
  const wallMs = await timeOnce(run);
  const cpu = process.cpuUsage(cpuBefore);
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/**
 * Runs each measured step RUNS times after a warm-up (caches, statement preparation), alternating between
 * steps and rotating which goes first: on the same page, the first step reads the store's pages from the OS
 * and the next finds them in SQLite's cache, so a fixed order would favour the later step.
 */
async function timeInterleaved(steps: Record<string, (run: number) => unknown>): Promise<Record<string, number[]>> {
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(steps).map((name) => [name, []]));
  const entries = Object.entries(steps);
  for (let run = 0; run < RUNS + WARM_UP; run += 1) {
    const rotated = [...entries.slice(run % entries.length), ...entries.slice(0, run % entries.length)];
    for (const [name, step] of rotated) {
      const elapsed = await timeOnce(() => step(run));
      if (run >= WARM_UP) samples[name]?.push(elapsed);
    }
  }
  return samples;
}

function report(name: string, samples: number[] | undefined) {
  const values = samples ?? [];
  const p50 = percentile(values, 50);
  const p95 = percentile(values, 95);
  console.log(`${name.padEnd(26)} p50 ${p50.toFixed(2).padStart(8)} ms   p95 ${p95.toFixed(2).padStart(8)} ms   (${values.length} runs)`);
  return { p50, p95 };
}

function printSingle(name: string, ms: number, note = '') {
  console.log(`${name.padEnd(26)} ${ms.toFixed(1).padStart(9)} ms ${note}`);
}

/** Live, active users with no platform role that no earlier step has touched, so every one of them changes. */
function untouchedActiveUsers(sqlite: Database.Database, count: number, notIn: ReadonlySet<number>): number[] {
  const ids = sqlite
    .prepare(`select id from users where deleted_at is null and status = 'active' and platform_role = 'none' order by id desc`)
    .pluck()
    .all() as number[];
  return ids.filter((id) => !notIn.has(id)).slice(0, count);
}

/** The job's end, and when (performance.now(), to the 20 ms poll) each progress phase was first seen. */
async function waitForJobEnd(core: TestCore, jobId: string, phases: Map<string, number> = new Map()): Promise<AppEvent> {
  return new Promise<AppEvent>((resolve) => {
    let seen = 0;
    const poll = setInterval(() => {
      const now = performance.now();
      for (; seen < core.events.length; seen += 1) {
        const e = core.events[seen];
        if (e?.type === 'job.progress' && e.jobId === jobId && !phases.has(e.phase)) phases.set(e.phase, now);
      }
      const event = core.events.find((e) => (e.type === 'job.finished' || e.type === 'job.failed') && e.jobId === jobId);
      if (event) {
        clearInterval(poll);
        resolve(event);
      }
    }, 20);
  });
}

/** Median wall and CPU time: other sessions' load on the two shared cores swings wall time several-fold. */
async function medianOf(run: () => unknown, runs = PERMISSION_RUNS): Promise<{ median: number; cpuMedian: number; samples: number[] }> {
  const samples: number[] = [];
  const cpuSamples: number[] = [];
  for (let i = 0; i < runs + PERMISSION_WARM_UP; i += 1) {
    const timed = await timeWithCpu(run);
    if (i >= PERMISSION_WARM_UP) {
      samples.push(timed.wallMs);
      cpuSamples.push(timed.cpuMs);
    }
  }
  return { median: median(samples), cpuMedian: median(cpuSamples), samples };
}

/** The Effective permissions sheet's rows for the bare writer: the engine's compact rows, no labels. */
function* bareEffectiveRows(sqlite: Database.Database, workspaceId: number): Generator<object> {
  const db = drizzle(sqlite, { schema });
  const tree = new OrgTree(orgUnitNodes(db, workspaceId));
  const columns = scorecardColumnsOf(db, workspaceId);
  const groups = new Map(listGroupsWithSettings(db, workspaceId).map((group) => [group.id, group]));
  for (const batch of iteratePermissionHolders(sqlite, workspaceId, today())) {
    for (const user of batch) {
      const input = user.memberships.flatMap((m) => {
        const group = groups.get(m.groupId);
        return group ? [{ id: group.id, name: group.name, membership: m.isMain ? ('main' as const) : ('extra' as const), settings: group.settings }] : [];
      });
      for (const row of compactRows({ tree, columns, user: { departmentId: user.departmentId, userType: user.userType }, groups: input })) {
        yield { userId: user.id, username: user.username, ...row };
      }
    }
  }
}

/**
 * The baseline for the export: the same rows from the same queries, streamed by a bare WorkbookWriter with
 * no styles, labels, frozen panes, filters, widths or formula guard.
 */
async function writeBareWorkbook(sqlite: Database.Database, outputFile: string, workspaceId: number): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: outputFile, useStyles: false, useSharedStrings: false });
  let rows = 0;
  const stream = (name: string, source: Iterable<object>) => {
    const sheet = workbook.addWorksheet(name);
    for (const row of source) {
      sheet.addRow(Object.values(row)).commit();
      rows += 1;
    }
    sheet.commit();
  };
  sqlite.prepare('begin').run();
  try {
    stream('Users', iterateUsers(sqlite));
    stream('Groups', iterateGroups(sqlite, workspaceId));
    stream('Memberships', iterateMemberships(sqlite, workspaceId));
    stream(
      'Audit log',
      sqlite.prepare('select id, at, operator_label, action, target_type, target_label, change, hash from audit_log order by id').iterate() as Iterable<object>,
    );
    // Unsplit: the bare writer ignores Excel's row limit, as it ignores everything else.
    stream(EFFECTIVE_PHASE, bareEffectiveRows(sqlite, workspaceId));
  } finally {
    sqlite.prepare('commit').run();
  }
  await workbook.commit();
  return rows;
}

async function main() {
  const core = await createTestCore();
  try {
    await setUpAdmin(core);
    const sqlite = core.store.sqlite;
    let started = performance.now();
    const data = generateLargeStore(sqlite, core.ctx.workspaceId, { users: USERS, groups: GROUPS, memberships: MEMBERSHIPS });
    const perms = generatePermissionData(sqlite, core.ctx.workspaceId, data);
    sqlite.pragma('optimize');
    console.log(`generated ${data.userIds.length} users, ${data.groupIds.length} groups, ${data.memberships} memberships in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    console.log(
      `  permissions: ${perms.unitIds.length} units, ${perms.workGrants} work and ${perms.columnGrants} column grants, ${perms.templateGroups} template groups, ` +
        `${perms.localAdminGroups} Local admin groups, ${perms.columnGrantGroups} with column grants, ${perms.mainMemberships} main memberships, ${perms.endedMemberships} ended`,
    );

    // Users page through the contract, interleaved with the same page's two statements as bare prepared statements.
    const livePages = Math.floor((USERS * 0.95) / PAGE_SIZE);
    const pageNumbers = Array.from({ length: RUNS + WARM_UP }, (_, i) => 1 + Math.floor((((i * 7919) % 1000) / 1000) * livePages));
    const pageAt = (run: number) => pageNumbers[run % pageNumbers.length] ?? 1;
    const rawPage = sqlite.prepare(
      `select id, username, first_name, last_name, email, user_type, status, platform_role, sso, group_count from users
       where deleted_at is null and +status in ('pending', 'active')
       order by last_name collate nocase asc, first_name collate nocase asc, id asc limit ${PAGE_SIZE} offset ?`,
    );
    const rawCount = sqlite.prepare(`select count(*) from users where deleted_at is null and status in ('pending', 'active')`).pluck();
    const pages = await timeInterleaved({
      core: (run) => invokeOrThrow(core, 'users.list', { page: pageAt(run), pageSize: PAGE_SIZE, sortBy: 'lastName' }),
      raw: (run) => {
        rawPage.all((pageAt(run) - 1) * PAGE_SIZE);
        rawCount.get();
      },
    });
    const usersPage = report('users page (random)', pages.core);
    const raw = report('users page raw SQL', pages.raw);

    // Search against the unfiltered first page: same page, size and sort, only the search differs.
    const searches = await timeInterleaved({
      firstPage: () => invokeOrThrow(core, 'users.list', { page: 1, pageSize: PAGE_SIZE, sortBy: 'lastName' }),
      search: () => invokeOrThrow(core, 'users.list', { search: 'ann', page: 1, pageSize: PAGE_SIZE, sortBy: 'lastName' }),
    });
    const usersFirstPage = report('users page 1', searches.firstPage);
    const search = report('users search "ann"', searches.search);

    const groupMembers = await timeInterleaved({
      members: (run) => invokeOrThrow(core, 'groups.members', { groupId: data.groupIds[(run * 37) % data.groupIds.length] ?? 1, page: 1, pageSize: PAGE_SIZE }),
    });
    const members = report('group members page', groupMembers.members);

    // One user's full matrix (every unit, area and column, with reasons) through the service the window calls.
    let cells = 0;
    const oneUser = await medianOf(() => {
      cells = effectivePermissions(core.ctx, { userId: perms.measuredUserId }).cells.length;
    });
    printSingle('effective perms one user', oneUser.median, `median of ${oneUser.samples.length}, CPU ${oneUser.cpuMedian.toFixed(1)} ms (${perms.unitIds.length} units, ${perms.measuredGroupIds.length} groups, ${cells} cells)`);
    let holders = 0;
    const whoHasUnit = await medianOf(() => {
      holders = whoHas(core.ctx, { unitId: perms.sampleUnitId, target: { kind: 'area', area: 'text', columnId: null }, page: 1, pageSize: PAGE_SIZE }).total;
    });
    printSingle('who has (unit, text)', whoHasUnit.median, `median of ${whoHasUnit.samples.length}, CPU ${whoHasUnit.cpuMedian.toFixed(1)} ms (${holders} holders)`);

    // Assign 10,000 users to an empty group through the contract, against the same rows inserted by a bare
    // prepared statement into another empty group (rows deleted again, so the store is as it was).
    const tenThousand = data.userIds.slice(0, BULK_SIZE);
    const insertMembership = sqlite.prepare('insert into memberships (group_id, user_id, added_at) values (?, ?, ?)');
    const insertAll = sqlite.transaction((groupId: number, at: string) => {
      for (const userId of tenThousand) insertMembership.run(groupId, userId, at);
    });
    const assignSamples: number[] = [];
    const rawAssignSamples: number[] = [];
    for (let repeat = 0; repeat < ASSIGN_REPEATS; repeat += 1) {
      const target = (await invokeOrThrow(core, 'groups.create', { name: `Bench assign target ${repeat}` })) as { id: number };
      assignSamples.push(await timeOnce(() => invokeOrThrow(core, 'memberships.add', { groupId: target.id, userIds: tenThousand })));
      const bare = (await invokeOrThrow(core, 'groups.create', { name: `Bench bare insert target ${repeat}` })) as { id: number };
      rawAssignSamples.push(await timeOnce(() => insertAll(bare.id, new Date().toISOString())));
      sqlite.prepare('delete from memberships where group_id = ?').run(bare.id);
    }
    const assignMs = median(assignSamples);
    const rawAssignMs = median(rawAssignSamples);
    printSingle('assign 10,000 users', assignMs, `median of ${ASSIGN_REPEATS} (${assignSamples.map((ms) => ms.toFixed(0)).join(', ')})`);
    printSingle('bare insert 10,000 rows', rawAssignMs, `median of ${ASSIGN_REPEATS} (${rawAssignSamples.map((ms) => ms.toFixed(0)).join(', ')})`);

    // The export as the app runs it: a worker job, with the whole process's peak memory.
    core.dialogs.nextExportPath = join(core.dir, 'bench.xlsx');
    const rssBeforeExport = process.memoryUsage().rss;
    let peakRss = rssBeforeExport;
    const cpuBeforeExport = process.cpuUsage();
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 25);
    started = performance.now();
    const exportStart = (await invokeOrThrow(core, 'exports.start', {})) as { jobId: string };
    const phases = new Map<string, number>();
    const end = await waitForJobEnd(core, exportStart.jobId, phases);
    const exportEnded = performance.now();
    const exportCpu = process.cpuUsage(cpuBeforeExport);
    const exportCpuMs = (exportCpu.user + exportCpu.system) / 1000;
    const exportMs = exportEnded - started;
    clearInterval(sampler);
    if (end.type !== 'job.finished') throw new Error(`export failed: ${JSON.stringify(end)}`);
    console.log(`export workbook (job)      ${(exportMs / 1000).toFixed(2)} s, ${end.rows} rows, peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MB (whole process, worker included)`);
    // From the phase's first progress event to the finished file (the zip's last flush included).
    const effectiveStarted = phases.get(EFFECTIVE_PHASE) ?? started;
    const effectiveExportMs = exportEnded - effectiveStarted;
    const effectiveSheetRows = sqlite.prepare('select count(*) from users where deleted_at is null').pluck().get() as number;
    console.log(`  of which Effective permissions sheet ${(effectiveExportMs / 1000).toFixed(2)} s for ${effectiveSheetRows} users`);
    console.log(
      `  process CPU during the job ${(exportCpuMs / 1000).toFixed(1)} s (the main thread only polls); RSS ${(rssBeforeExport / 2 ** 20).toFixed(0)} MB before, ` +
        `+${((peakRss - rssBeforeExport) / 2 ** 20).toFixed(0)} MB at the peak`,
    );

    // The ratio compares the same function and the bare writer in this process, worker start-up left out,
    // in the order bare, workbook, workbook, bare. Other sessions' load on the shared cores swings one run's
    // wall time by 2x, so the ratio uses this process's CPU time (zip compression on libuv's threads
    // included) of each side's cheaper run; wall times are printed and kept alongside.
    const request = { storeFile: core.store.file, workspaceId: core.ctx.workspaceId, operatorLabel: 'Bench' };
    const readConnection = openConnection(core.store.file, { readonly: true });
    let bareRows = 0;
    const timeBare = () =>
      timeWithCpu(async () => {
        bareRows = await writeBareWorkbook(readConnection, join(core.dir, 'bare.xlsx'), core.ctx.workspaceId);
      });
    const timeWorkbook = () => timeWithCpu(() => writeAuditWorkbook({ ...request, outputFile: join(core.dir, 'direct.xlsx') }, () => undefined));
    const bareRuns = [await timeBare()];
    const workbookRuns = [await timeWorkbook(), await timeWorkbook()];
    bareRuns.push(await timeBare());
    readConnection.close();
    const cheapest = (runs: TimedRun[]) => runs.reduce((best, run) => (run.cpuMs < best.cpuMs ? run : best));
    const bareExport = cheapest(bareRuns);
    const workbookExport = cheapest(workbookRuns);
    const describeRuns = (runs: TimedRun[]) => runs.map((run) => `${(run.wallMs / 1000).toFixed(2)} s (CPU ${(run.cpuMs / 1000).toFixed(2)} s)`).join(', ');
    console.log(`export workbook (direct)   ${describeRuns(workbookRuns)}`);
    console.log(`export bare writer         ${describeRuns(bareRuns)}, ${bareRows} rows`);

    // Bulk changes through the contract on users no earlier step touched (the assigned ones are left alone).
    const touched = new Set(tenThousand);
    const toDeactivate = untouchedActiveUsers(sqlite, BULK_SIZE, touched);
    for (const id of toDeactivate) touched.add(id);
    const toDelete = untouchedActiveUsers(sqlite, BULK_SIZE, touched);
    // The dry run of a bulk action for the same 10,000 users, before anything changes them.
    const bulkPreview = await benchBulkPreview(core, toDeactivate, data.groupIds[0] ?? 0, perms.unitIds[0] ?? 0);
    for (const [name, ms] of Object.entries(bulkPreview.medians)) printSingle(`bulk preview ${name} (10,000 users, median)`, ms, '');
    let outcome: unknown;
    const bulkDeactivateMs = await timeOnce(async () => {
      outcome = await invokeOrThrow(core, 'users.setStatus', { userIds: toDeactivate, status: 'deactivated' });
    });
    printSingle('deactivate 10,000 users', bulkDeactivateMs, summarizeBulk(outcome));
    const bulkDeleteMs = await timeOnce(async () => {
      outcome = await invokeOrThrow(core, 'users.delete', { userIds: toDelete });
    });
    printSingle('delete 10,000 users', bulkDeleteMs, summarizeBulk(outcome));

    // The audit log at a million entries, in a store of its own.
    const audit = await benchAuditLog(AUDIT_ENTRIES);
    console.log(`audit log: ${audit.entries.toLocaleString('en')} entries generated in ${(audit.generateMs / 1000).toFixed(1)} s`);
    for (const [name, page] of Object.entries(audit.pages)) report(`audit: ${name}`, page);
    // Verifying that whole chain in the worker "Verify chain" starts: real HMACs and person values to check.
    const verify = await benchAuditVerify(AUDIT_ENTRIES);
    printSingle('audit verify (worker)', verify.verifyMs, `${verify.entries} entries, ${verify.personValues} person values, ${verify.progressEvents} progress events (largest step ${verify.largestProgressStep}), ok ${String(verify.result.ok)}; generated in ${(verify.generateMs / 1000).toFixed(1)} s`);
    // "Anonymise all deleted users" for 10,000 with history, in a 100,000-user store of its own.
    const anonymise = await benchAnonymiseDeleted();
    printSingle('anonymise 10,000 deleted users', anonymise.anonymiseMs, `${anonymise.personValuesErased} person values erased`);

    // Importing 50,000 users from CSV and from XLSX, each in a process of its own (see test/bench/import.ts).
    const imports = benchImportInChildProcesses();
    console.log(describeImportBench(imports.csv));
    console.log(describeImportBench(imports.xlsx));

    console.log(
      JSON.stringify({
        users: USERS,
        groups: GROUPS,
        memberships: data.memberships,
        runs: RUNS,
        usersPageP50Ms: round(usersPage.p50),
        usersPageP95Ms: round(usersPage.p95),
        usersFirstPageP95Ms: round(usersFirstPage.p95),
        usersSearchP50Ms: round(search.p50),
        usersSearchP95Ms: round(search.p95),
        groupMembersPageP50Ms: round(members.p50),
        groupMembersPageP95Ms: round(members.p95),
        assign10kMs: round(assignMs),
        exportMs: Math.round(exportMs),
        exportPeakRssMb: Math.round(peakRss / 2 ** 20),
        effectivePermsOneUserMs: round(oneUser.median),
        effectivePermsOneUserCpuMs: round(oneUser.cpuMedian),
        whoHasUnitMs: round(whoHasUnit.median),
        whoHasUnitCpuMs: round(whoHasUnit.cpuMedian),
        effectivePermsAllUsersExportMs: Math.round(effectiveExportMs),
        effectivePermsExportPeakRssMb: Math.round(peakRss / 2 ** 20),
        effectivePermsExportRssGrowthMb: Math.round((peakRss - rssBeforeExport) / 2 ** 20),
        exportJobCpuMs: Math.round(exportCpuMs),
        usersPageRawP50Ms: round(raw.p50),
        usersPageRawP95Ms: round(raw.p95),
        usersPageRawRatio: round(usersPage.p95 / raw.p95),
        usersSearchRatio: round(search.p95 / usersFirstPage.p95),
        bulkDeactivate10kMs: round(bulkDeactivateMs),
        bulkDelete10kMs: round(bulkDeleteMs),
        bulkPreview10kMs: round(bulkPreview.bulkPreview10kMs),
        assignRaw10kMs: round(rawAssignMs),
        assign10kRawRatio: round(assignMs / rawAssignMs),
        exportWorkbookMs: Math.round(workbookExport.wallMs),
        exportBareMs: Math.round(bareExport.wallMs),
        exportWorkbookCpuMs: Math.round(workbookExport.cpuMs),
        exportBareCpuMs: Math.round(bareExport.cpuMs),
        exportRawRatio: round(workbookExport.cpuMs / bareExport.cpuMs),
        exportRawWallRatio: round(workbookExport.wallMs / bareExport.wallMs),
        auditEntries: audit.entries,
        auditPageAt1MMs: round(audit.auditPageAt1MMs),
        auditPageAt1MP95Ms: round(audit.auditPageAt1MP95Ms),
        auditUnfilteredPageAt1MMs: round(audit.auditUnfilteredPageAt1MMs),
        auditTextPageAt1MMs: round(audit.auditTextPageAt1MMs),
        auditVerify1MMs: Math.round(verify.verifyMs),
        anonymiseAllDeleted10kMs: Math.round(anonymise.anonymiseMs),
        ...imports.summary,
      }),
    );
  } finally {
    await core.dispose();
  }
}

function summarizeBulk(outcome: unknown): string {
  if (typeof outcome !== 'object' || outcome === null) return '';
  const { changed, skipped } = outcome as { changed?: unknown; skipped?: unknown };
  return `(changed ${String(changed)}, skipped ${String(skipped)})`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
