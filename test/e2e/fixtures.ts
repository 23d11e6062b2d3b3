import { _electron as electron, test as base, expect, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/paths';
import { startHost } from './host';

/** `browser` (default): Debian Chromium + the Node test host. `electron`: the built app via _electron.launch. */
export type Target = 'browser' | 'electron';
export const TARGET: Target = process.env.ACCESSDESK_E2E_TARGET === 'electron' ? 'electron' : 'browser';

export interface AppUnderTest {
  target: Target;
  page: Page;
  /** A folder for files the test writes (exports), removed afterwards. */
  dir: string;
  /** Makes the next "save as" dialog answer with this path. */
  answerSaveDialog(file: string): Promise<void>;
}

export const test = base.extend<{ app: AppUnderTest }>({
  app: async ({ page }, use) => {
    if (TARGET === 'browser') {
      const host = await startHost();
      await host.attach(page);
      await page.goto(host.url);
      await use({
        target: 'browser',
        page,
        dir: host.dir,
        answerSaveDialog: async (file) => {
          host.dialogs.nextExportPath = file;
        },
      });
      await host.close();
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), 'accessdesk-e2e-electron-'));
    const electronApp = await electron.launch({
      args: [join(REPO_ROOT, 'out', 'main', 'index.js'), `--store=${join(dir, 'store.sqlite')}`],
      cwd: REPO_ROOT,
      env: { ...process.env, ACCESSDESK_USER_DATA: join(dir, 'user-data') },
    });
    const window = await electronApp.firstWindow();
    await use({
      target: 'electron',
      page: window,
      dir,
      answerSaveDialog: async (file) => {
        await electronApp.evaluate(({ dialog }, filePath) => {
          dialog.showSaveDialog = (() => Promise.resolve({ canceled: false, filePath })) as typeof dialog.showSaveDialog;
        }, file);
      },
    });
    await electronApp.close();
    rmSync(dir, { recursive: true, force: true });
  },
});

export { expect };
