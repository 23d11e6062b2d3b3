/**
 * `npm run bench`: builds a store of 100,000 users, 2,000 groups and 300,000 memberships, then times the
 * operations an administrator waits on. Prints figures; asserts nothing. The last line is one JSON object.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Method, MethodInput } from '../../shared/contract';
import type { AppEvent } from '../../shared/contract/events';
import { createTestCore, type TestCore } from '../support/core';
import { setUpAdmin } from '../support/operators';
import { generateLargeStore } from './generate';

const USERS = Number(process.env.BENCH_USERS ?? 100_000);
const GROUPS = Number(process.env.BENCH_GROUPS ?? 2_000);
const MEMBERSHIPS = Number(process.env.BENCH_MEMBERSHIPS ?? 300_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 60);

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

const round = (value: number) => Math.round(value * 100) / 100;

async function timeCalls<M extends Method>(core: TestCore, method: M, inputs: () => MethodInput<M>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < RUNS + 5; i += 1) {
    const input = inputs();
    const started = performance.now();
    const envelope = await core.invoke(method, input);
    const elapsed = performance.now() - started;
    if (!envelope.ok) throw new Error(`${method} failed: ${envelope.error.message}`);
    if (i >= 5) samples.push(elapsed); // the first runs warm caches and statement preparation
  }
  return samples;
}

function report(name: string, samples: number[]) {
  const p50 = percentile(samples, 50);
  const p95 = percentile(samples, 95);
  console.log(`${name.padEnd(22)} p50 ${p50.toFixed(2).padStart(8)} ms   p95 ${p95.toFixed(2).padStart(8)} ms   (${samples.length} runs)`);
  return { p50, p95 };
}

async function main() {
  const core = await createTestCore();
  try {
    await setUpAdmin(core);
    let started = performance.now();
    const data = generateLargeStore(core.store.sqlite, core.ctx.workspaceId, { users: USERS, groups: GROUPS, memberships: MEMBERSHIPS });
    core.store.sqlite.pragma('optimize');
    console.log(`generated ${data.userIds.length} users, ${data.groupIds.length} groups, ${data.memberships} memberships in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const livePages = Math.floor((USERS * 0.95) / 50);
    let cursor = 0;
    const pageNumbers = Array.from({ length: RUNS + 5 }, (_, i) => 1 + Math.floor(((i * 7919) % 1000) / 1000 * livePages));
    const pageInput = () => ({ page: pageNumbers[cursor++ % pageNumbers.length] ?? 1, pageSize: 50, sortBy: 'lastName' as const });
    const usersPage = report('users page (random)', await timeCalls(core, 'users.list', pageInput));
    const usersFirstPage = report('users page 1', await timeCalls(core, 'users.list', () => ({ page: 1, pageSize: 50, sortBy: 'lastName' as const })));

    // The same two statements the list runs, as bare prepared statements, on the same pages.
    const rawPage = core.store.sqlite.prepare(
      `select id, username, first_name, last_name, email, user_type, status, platform_role, sso, group_count from users
       where deleted_at is null and +status in ('pending', 'active')
       order by last_name collate nocase asc, first_name collate nocase asc, id asc limit 50 offset ?`,
    );
    const rawCount = core.store.sqlite.prepare(`select count(*) from users where deleted_at is null and status in ('pending', 'active')`);
    cursor = 0;
    const rawSamples: number[] = [];
    for (let i = 0; i < RUNS + 5; i += 1) {
      const page = pageNumbers[cursor++ % pageNumbers.length] ?? 1;
      const t = performance.now();
      rawPage.all((page - 1) * 50);
      rawCount.pluck().get();
      if (i >= 5) rawSamples.push(performance.now() - t);
    }
    const raw = report('users page raw SQL', rawSamples);

    const search = report('users search "ann"', await timeCalls(core, 'users.list', () => ({ search: 'ann', page: 1, pageSize: 50, sortBy: 'lastName' as const })));
    let groupCursor = 0;
    const members = report('group members page', await timeCalls(core, 'groups.members', () => ({ groupId: data.groupIds[(groupCursor++ * 37) % data.groupIds.length] ?? 1, page: 1, pageSize: 50 })));

    const target = await core.invoke('groups.create', { name: 'Bench assign target' });
    if (!target.ok) throw new Error(target.error.message);
    const targetId = (target.value as { id: number }).id;
    const tenThousand = data.userIds.slice(0, 10_000);
    started = performance.now();
    const assigned = await core.invoke('memberships.add', { groupId: targetId, userIds: tenThousand });
    const assignMs = performance.now() - started;
    if (!assigned.ok) throw new Error(assigned.error.message);
    console.log(`assign 10,000 users     ${assignMs.toFixed(1)} ms (one transaction, one audit entry)`);

    core.dialogs.nextExportPath = join(core.dir, 'bench.xlsx');
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 25);
    started = performance.now();
    const exportStart = await core.invoke('exports.start', {});
    if (!exportStart.ok) throw new Error(exportStart.error.message);
    const jobId = (exportStart.value as { jobId: string }).jobId;
    const end = await new Promise<AppEvent>((resolve) => {
      const poll = setInterval(() => {
        const event = core.events.find((e) => (e.type === 'job.finished' || e.type === 'job.failed') && e.jobId === jobId);
        if (event) {
          clearInterval(poll);
          resolve(event);
        }
      }, 20);
    });
    const exportMs = performance.now() - started;
    clearInterval(sampler);
    if (end.type !== 'job.finished') throw new Error(`export failed: ${JSON.stringify(end)}`);
    console.log(`export workbook         ${(exportMs / 1000).toFixed(2)} s, ${end.rows} rows, peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MB (whole process)`);

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
        usersPageRawP50Ms: round(raw.p50),
        usersPageRawRatio: round(usersPage.p50 / raw.p50),
      }),
    );
  } finally {
    await core.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
