import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppEvent } from '../../shared/contract/events';
import { startCore, type Core } from '../../electron/handlers/core';
import { EXPORT_WORKER_FROM_SOURCE, MIGRATIONS_FOLDER } from './paths';

export interface TestCore extends Core {
  dir: string;
  events: AppEvent[];
  /** The path the next "save as" dialog answers with; null means the operator cancels it. */
  dialogs: { nextExportPath: string | null };
  dispose(): Promise<void>;
}

export interface TestCoreOptions {
  /** Start from a copy of this closed store file instead of an empty store. */
  copyOf?: string;
  busyTimeoutMs?: number;
}

/** A real store in a fresh temp folder behind the real handlers, as the app and the e2e host build it. */
export async function createTestCore(options: TestCoreOptions = {}): Promise<TestCore> {
  const dir = mkdtempSync(join(tmpdir(), 'accessdesk-test-'));
  if (options.copyOf) copyFileSync(options.copyOf, join(dir, 'store.sqlite'));
  const events: AppEvent[] = [];
  const dialogState = { nextExportPath: null as string | null };
  const core = await startCore({
    storeFile: join(dir, 'store.sqlite'),
    migrationsFolder: MIGRATIONS_FOLDER,
    exportWorker: EXPORT_WORKER_FROM_SOURCE,
    dialogs: { chooseExportFile: async () => dialogState.nextExportPath },
    emit: (event) => events.push(event),
    checkOutput: true,
    ...(options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: options.busyTimeoutMs }),
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
