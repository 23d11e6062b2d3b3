import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppEvent } from '../../shared/contract/events';
import { startCore, type Core } from '../../electron/handlers/core';
import { auditKeyFileOf, plainFileAuditKeyProvider } from '../../electron/services/auditKeys';
import { sealsFileOf } from '../../electron/services/auditSeals';
import type { Clock } from '../../electron/services/context';
import { EXPORT_WORKER_FROM_SOURCE, MIGRATIONS_FOLDER } from './paths';

export interface TestCore extends Core {
  dir: string;
  events: AppEvent[];
  /** The paths the next "save as" and "open" dialogs answer with; null means the operator cancels it. */
  dialogs: { nextExportPath: string | null; nextWorkbookToVerify: string | null; nextUserListToImport: string | null };
  dispose(): Promise<void>;
}

export interface TestCoreOptions {
  /** Start from a copy of this closed store file (with its audit key and checkpoints) instead of an empty store. */
  copyOf?: string;
  busyTimeoutMs?: number;
  clock?: Clock;
}

/** A real store in a fresh temp folder behind the real handlers, as the app and the e2e host build it. */
export async function createTestCore(options: TestCoreOptions = {}): Promise<TestCore> {
  const dir = mkdtempSync(join(tmpdir(), 'accessdesk-test-'));
  const storeFile = join(dir, 'store.sqlite');
  if (options.copyOf) {
    copyFileSync(options.copyOf, storeFile);
    for (const [from, to] of [[auditKeyFileOf(options.copyOf), auditKeyFileOf(storeFile)], [sealsFileOf(options.copyOf), sealsFileOf(storeFile)]] as const) {
      if (existsSync(from)) copyFileSync(from, to);
    }
  }
  const events: AppEvent[] = [];
  const dialogState = { nextExportPath: null as string | null, nextWorkbookToVerify: null as string | null, nextUserListToImport: null as string | null };
  const core = await startCore({
    storeFile,
    migrationsFolder: MIGRATIONS_FOLDER,
    exportWorker: EXPORT_WORKER_FROM_SOURCE,
    dialogs: {
      chooseExportFile: async () => dialogState.nextExportPath,
      chooseWorkbookToVerify: async () => dialogState.nextWorkbookToVerify,
      chooseUserListToImport: async () => dialogState.nextUserListToImport,
    },
    auditKeys: plainFileAuditKeyProvider(),
    emit: (event) => events.push(event),
    checkOutput: true,
    ...(options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: options.busyTimeoutMs }),
    ...(options.clock ? { clock: options.clock } : {}),
    onUnexpectedError: (method, error) => {
      throw new Error(`Unexpected error in ${method}: ${String(error)}`);
    },
  });
  return Object.assign(core, {
    dir,
    events,
    dialogs: dialogState,
    async dispose() {
      await core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  });
}

/** A copy of the open store (for `copyOf`) with its audit key and checkpoints, which live beside it. */
export async function backupTestStore(core: Core, file: string): Promise<void> {
  await core.store.sqlite.backup(file);
  copyFileSync(auditKeyFileOf(core.store.file), auditKeyFileOf(file));
  copyFileSync(sealsFileOf(core.store.file), sealsFileOf(file));
}

/** The event that ends a worker job (finished or failed), once the core has emitted it. */
export function jobEnd(core: TestCore, jobId: string): Promise<AppEvent> {
  return new Promise((resolve) => {
    const poll = setInterval(() => {
      const end = core.events.find((event) => (event.type === 'job.finished' || event.type === 'job.failed') && event.jobId === jobId);
      if (end) {
        clearInterval(poll);
        resolve(end);
      }
    }, 20);
  });
}

/** A clock a test moves by hand: lockouts end and deleted users come due without waiting. */
export interface ManualClock extends Clock {
  advance(ms: number): void;
  set(at: Date): void;
}

export function manualClock(start = new Date('2026-01-05T09:00:00Z')): ManualClock {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance: (ms) => {
      current += ms;
    },
    set: (at) => {
      current = at.getTime();
    },
  };
}
