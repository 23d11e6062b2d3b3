import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createMainWindow } from '../../../electron/main/mainWindow';
import { FakeBrowserWindow, userDataFolder } from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).fakeElectron);

const OPTIONS = { preload: '/app/out/preload/index.cjs', url: 'app://accessdesk/index.html', devTools: false };

beforeEach(() => {
  FakeBrowserWindow.created.length = 0;
  writeFileSync(join(userDataFolder, 'window-state.json'), '{}');
});

function openWindow(options = OPTIONS): FakeBrowserWindow {
  createMainWindow(options);
  expect(FakeBrowserWindow.created).toHaveLength(1);
  return FakeBrowserWindow.created[0]!;
}

describe('main window', () => {
  it('runs the page isolated and sandboxed, without Node, with web security on', () => {
    const preferences = openWindow().options.webPreferences;
    expect(preferences).toMatchObject({
      preload: OPTIONS.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
  });

  it('turns off middle-click (Auxclick), which would open links past the window-open handler', () => {
    expect(openWindow().options.webPreferences?.disableBlinkFeatures).toBe('Auxclick');
  });

  it('offers devtools only when told to (development builds)', () => {
    expect(openWindow().options.webPreferences?.devTools).toBe(false);
    FakeBrowserWindow.created.length = 0;
    expect(openWindow({ ...OPTIONS, devTools: true }).options.webPreferences?.devTools).toBe(true);
  });

  it('loads the app URL and shows the window only once it has painted', () => {
    const window = openWindow();
    expect(window.loadURL).toHaveBeenCalledExactlyOnceWith(OPTIONS.url);
    expect(window.show).not.toHaveBeenCalled();
    window.emit('ready-to-show');
    expect(window.show).toHaveBeenCalledOnce();
  });

  it('reopens where it was closed, maximised if it was', () => {
    const bounds = { x: 100, y: 80, width: 1200, height: 800 };
    writeFileSync(join(userDataFolder, 'window-state.json'), JSON.stringify({ bounds, maximized: true }));
    const window = openWindow();
    expect(window.options).toMatchObject(bounds);
    expect(window.maximize).toHaveBeenCalledOnce();
  });
});
