import { mkdtempSync, rmSync } from 'node:fs';
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

/** A real store in a fresh temp folder behind the real handlers, as the app and the e2e host build it. */
export async function createTestCore(): Promise<TestCore> {
  const dir = mkdtempSync(join(tmpdir(), 'accessdesk-test-'));
  const events: AppEvent[] = [];
  const dialogState = { nextExportPath: null as string | null };
  const core = await startCore({
    storeFile: join(dir, 'store.sqlite'),
    migrationsFolder: MIGRATIONS_FOLDER,
    exportWorker: EXPORT_WORKER_FROM_SOURCE,
    dialogs: { chooseExportFile: async () => dialogState.nextExportPath },
    emit: (event) => events.push(event),
    checkOutput: true,
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
