/**
 * The dry run of a bulk action for 10,000 selected users on the 100,000-user store: `bulkPreview10kMs`, the
 * median wall time of users.bulkPreview through dispatch (policy, validation, the plan for every user). Part of
 * `npm run bench`; runnable alone with `npx tsx test/bench/bulkPreview.ts`, which builds the store itself.
 */
import { performance } from 'node:perf_hooks';
import type { BulkAction, BulkPreview } from '../../shared/contract';
import { createTestCore, type TestCore } from '../support/core';
import { setUpAdmin } from '../support/operators';
import { generateLargeStore, generatePermissionData } from './generate';

const RUNS = 7;
const WARM_UP = 2;
export const BULK_PREVIEW_SIZE = 10_000;

export interface BulkPreviewFigures {
  /** Median per action kind, in ms. */
  medians: Record<string, number>;
  /** The figure the bench reports: deactivate, the commonest bulk action. */
  bulkPreview10kMs: number;
}

function medianOf(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

async function previewOnce(core: TestCore, action: BulkAction, userIds: readonly number[]): Promise<{ ms: number; preview: BulkPreview }> {
  const started = performance.now();
  const envelope = await core.invoke('users.bulkPreview', { action, userIds });
  const ms = performance.now() - started;
  if (!envelope.ok) throw new Error(`users.bulkPreview failed: ${envelope.error.code} ${envelope.error.message}`);
  return { ms, preview: envelope.value as BulkPreview };
}

/** Times the preview of several kinds for the same 10,000 users; changes nothing. */
export async function benchBulkPreview(core: TestCore, userIds: readonly number[], groupId: number, departmentId: number): Promise<BulkPreviewFigures> {
  const actions: Record<string, BulkAction> = {
    deactivate: { kind: 'deactivate' },
    setUserType: { kind: 'setUserType', userType: 'read_only' },
    setDepartment: { kind: 'setDepartment', departmentId },
    setMainGroup: { kind: 'setMainGroup', groupId },
  };
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(actions).map((name) => [name, []]));
  for (let run = 0; run < RUNS + WARM_UP; run += 1) {
    for (const [name, action] of Object.entries(actions)) {
      const { ms, preview } = await previewOnce(core, action, userIds);
      if (preview.outcomes.length !== userIds.length) throw new Error(`${name}: ${preview.outcomes.length} outcomes for ${userIds.length} users`);
      if (run >= WARM_UP) samples[name]?.push(ms);
    }
  }
  const medians = Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, Math.round(medianOf(values) * 100) / 100]));
  return { medians, bulkPreview10kMs: medians.deactivate ?? NaN };
}

/** Every n-th live user, so the selection spreads over the whole table as a real selection across pages would. */
export function spreadSelection(allUserIds: readonly number[], size = BULK_PREVIEW_SIZE): number[] {
  const step = Math.max(1, Math.floor(allUserIds.length / size));
  return allUserIds.filter((_, index) => index % step === 0).slice(0, size);
}

async function runAlone() {
  const core = await createTestCore();
  try {
    await setUpAdmin(core);
    const sqlite = core.store.sqlite;
    const data = generateLargeStore(sqlite, core.ctx.workspaceId, { users: 100_000, groups: 2_000, memberships: 300_000 });
    const perms = generatePermissionData(sqlite, core.ctx.workspaceId, data);
    sqlite.pragma('optimize');
    const figures = await benchBulkPreview(core, spreadSelection(data.userIds), data.groupIds[0] ?? 0, perms.unitIds[0] ?? 0);
    for (const [name, ms] of Object.entries(figures.medians)) console.log(`bulk preview ${name} (10,000 users): median ${ms} ms`);
    console.log(JSON.stringify({ bulkPreview10kMs: figures.bulkPreview10kMs }));
  } finally {
    await core.dispose();
  }
}

if (process.argv[1]?.endsWith('bulkPreview.ts')) {
  runAlone().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
