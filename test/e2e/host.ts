import { createReadStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, relative } from 'node:path';
import type { Page } from '@playwright/test';
import type { AppEvent } from '../../shared/contract/events';
import { startCore, type Core } from '../../electron/handlers/core';
import { plainFileAuditKeyProvider } from '../../electron/services/auditKeys';
import { createCspNonce, insertCspNonce } from '../../electron/main/rendererFiles';
import { EXPORT_WORKER_FROM_SOURCE, MIGRATIONS_FOLDER, REPO_ROOT } from '../support/paths';

export const RENDERER_FOLDER = join(REPO_ROOT, 'out', 'renderer');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

/** Serves the built renderer on 127.0.0.1, as the app's custom protocol does: files from one folder only. */
function serveRenderer(): Promise<Server> {
  if (!existsSync(join(RENDERER_FOLDER, 'index.html'))) {
    throw new Error('The renderer is not built: run `npm run build` (npm run test:e2e does it first)');
  }
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://host').pathname);
    const file = normalize(join(RENDERER_FOLDER, pathname === '/' ? 'index.html' : pathname));
    if (relative(RENDERER_FOLDER, file).startsWith('..') || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end('Not found');
      return;
    }
    const contentType = MIME[extname(file)] ?? 'application/octet-stream';
    if (extname(file) === '.html') {
      // As the app:// handler does: a fresh CSP nonce per page, the only way an inline <style> may run.
      const page = insertCspNonce(readFileSync(file, 'utf8'), createCspNonce());
      response.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' }).end(page);
      return;
    }
    response.writeHead(200, { 'content-type': contentType });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Installs in the page the same transport shape the Electron preload exposes. */
const TRANSPORT_INIT_SCRIPT = `
(() => {
  const listeners = new Set();
  window.__accessdeskEmit = (event) => { for (const listener of listeners) listener(event); };
  window.accessdeskTransport = {
    invoke: (method, input) => window.__accessdeskInvoke(method, input),
    subscribe: (listener) => { listeners.add(listener); return () => listeners.delete(listener); },
  };
})();
`;

export interface Host {
  url: string;
  dir: string;
  storeFile: string;
  core: Core;
  /** What the next native "save as" and "open" dialogs answer; null is the operator pressing Cancel. */
  dialogs: { nextExportPath: string | null; nextWorkbookToVerify: string | null; nextUserListToImport: string | null };
  attach(page: Page): Promise<void>;
  close(): Promise<void>;
}

export interface HostOptions {
  /**
   * Validate every handler's output as development builds do (default). The UI bench turns it off to time
   * what a packaged app does.
   */
  checkOutput?: boolean;
}

/**
 * The Node test host from DESIGN.md: a real store in a temp folder, the same handlers the main process
 * builds, served to a real Chromium page through exposeBinding instead of Electron's IPC.
 */
export async function startHost(options: HostOptions = {}): Promise<Host> {
  const dir = mkdtempSync(join(tmpdir(), 'accessdesk-e2e-'));
  const storeFile = join(dir, 'store.sqlite');
  const pages = new Set<Page>();
  const dialogs = { nextExportPath: null as string | null, nextWorkbookToVerify: null as string | null, nextUserListToImport: null as string | null };
  const emit = (event: AppEvent) => {
    for (const page of pages) {
      if (!page.isClosed()) {
        page.evaluate((payload) => (window as unknown as { __accessdeskEmit(e: unknown): void }).__accessdeskEmit(payload), event).catch(() => undefined);
      }
    }
  };
  const core = await startCore({
    storeFile,
    migrationsFolder: MIGRATIONS_FOLDER,
    exportWorker: EXPORT_WORKER_FROM_SOURCE,
    dialogs: {
      chooseExportFile: async () => dialogs.nextExportPath,
      chooseWorkbookToVerify: async () => dialogs.nextWorkbookToVerify,
      chooseUserListToImport: async () => dialogs.nextUserListToImport,
    },
    auditKeys: plainFileAuditKeyProvider(),
    emit,
    checkOutput: options.checkOutput ?? true,
    onUnexpectedError: (method, error) => console.error(`[host] ${method} failed`, error),
  });
  const server = await serveRenderer();
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    dir,
    storeFile,
    core,
    dialogs,
    async attach(page) {
      pages.add(page);
      await page.exposeBinding('__accessdeskInvoke', (_source, method: string, input: unknown) => core.invoke(method, input));
      await page.addInitScript({ content: TRANSPORT_INIT_SCRIPT });
    },
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
