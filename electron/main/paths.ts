import { app } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The store file: `--store=<file>` or ACCESSDESK_STORE (tests, several stores), else the user-data folder. */
export function storeFilePath(argv: readonly string[] = process.argv): string {
  const flag = argv.find((arg) => arg.startsWith('--store='));
  if (flag) return flag.slice('--store='.length);
  if (process.env.ACCESSDESK_STORE) return process.env.ACCESSDESK_STORE;
  return join(app.getPath('userData'), 'store.sqlite');
}

export function migrationsFolder(): string {
  return app.isPackaged ? join(process.resourcesPath, 'drizzle') : join(app.getAppPath(), 'drizzle');
}

/**
 * In development the native module in node_modules is built for Node (tests run there), so `npm start`
 * builds a second copy for Electron's ABI into .native/ and the store opens with that one.
 * Packaged apps are rebuilt for Electron by electron-builder and use the default.
 */
export function electronNativeBinding(): string | undefined {
  if (app.isPackaged) return undefined;
  const file = join(app.getAppPath(), '.native', `electron-${process.versions.electron}`, 'better_sqlite3.node');
  return existsSync(file) ? file : undefined;
}

export function exportWorkerFile(): string {
  return join(__dirname, 'exportWorker.js');
}

export function preloadFile(): string {
  return join(__dirname, '..', 'preload', 'index.cjs');
}

export function rendererFolder(): string {
  return join(__dirname, '..', 'renderer');
}

/** Tests run several app instances side by side; each needs its own user-data folder (and single-instance lock). */
export function applyUserDataOverride(): void {
  const dir = process.env.ACCESSDESK_USER_DATA;
  if (dir) app.setPath('userData', dir);
}
