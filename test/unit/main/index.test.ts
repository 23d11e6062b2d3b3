import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../../electron/handlers/core';
import { lastArgument, type InvokeHandler } from './fakeElectron';

// The wiring is under test here, not the store: the core is a stand-in that answers every call.
vi.mock('../../../electron/handlers/core', () => ({
  startCore: vi.fn(async (): Promise<Partial<Core>> => ({ invoke: async () => ({ ok: true, value: null }), close: async () => undefined })),
}));

const DEV_SERVER_URL = 'http://localhost:5173/';

type Fakes = typeof import('./fakeElectron');

/**
 * Runs electron/main/index.ts as Electron would, once per process: here on fresh modules per test, so on
 * fresh fakes, which `prepare` sets up before the module runs.
 */
async function runMainProcess(prepare: (fakes: Fakes) => void): Promise<Fakes> {
  vi.resetModules();
  const fakes = await import('./fakeElectron');
  vi.doMock('electron', () => fakes.fakeElectron);
  prepare(fakes);
  await import('../../../electron/main/index');
  return fakes;
}

async function startedWindow({ packaged }: { packaged: boolean }) {
  const fakes = await runMainProcess(({ fakeElectron }) => {
    fakeElectron.app.isPackaged = packaged;
  });
  await vi.waitFor(() => expect(fakes.FakeBrowserWindow.created).toHaveLength(1));
  return { ...fakes, window: fakes.FakeBrowserWindow.created[0]! };
}

function topFrameEvent(url: string) {
  const mainFrame = { url, parent: null };
  return { senderFrame: mainFrame, sender: { mainFrame } };
}

beforeEach(() => {
  // Electron sets it for packaged apps; plain Node has none.
  Object.defineProperty(process, 'resourcesPath', { value: '/opt/AccessDesk/resources', configurable: true });
  // Set in both cases: a packaged app must ignore it, whoever sets it.
  vi.stubEnv('ELECTRON_RENDERER_URL', DEV_SERVER_URL);
});

afterEach(() => vi.unstubAllEnvs());

describe('main process start-up', () => {
  it('registers app:// as privileged before the app is ready, as Electron requires', async () => {
    const { fakeElectron } = await runMainProcess(({ fakeElectron }) => {
      fakeElectron.app.whenReady.mockImplementation(() => new Promise<undefined>(() => undefined));
    });
    expect(fakeElectron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledOnce();
    expect(fakeElectron.protocol.handle).not.toHaveBeenCalled();
  });

  it('packaged: loads app://accessdesk without devtools, and ignores ELECTRON_RENDERER_URL for the page and for IPC', async () => {
    const { fakeElectron, window } = await startedWindow({ packaged: true });
    expect(window.loadURL).toHaveBeenCalledWith('app://accessdesk/index.html');
    expect(window.options.webPreferences?.devTools).toBe(false);
    const handle = lastArgument<InvokeHandler>(fakeElectron.ipcMain.handle, 1);
    expect(await handle(topFrameEvent(DEV_SERVER_URL), 'session.status', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await handle(topFrameEvent('app://accessdesk/index.html'), 'session.status', {})).toEqual({ ok: true, value: null });
  });

  it('development: loads the dev server with devtools, and lets that origin call the store', async () => {
    const { fakeElectron, window } = await startedWindow({ packaged: false });
    expect(window.loadURL).toHaveBeenCalledWith(DEV_SERVER_URL);
    expect(window.options.webPreferences?.devTools).toBe(true);
    const handle = lastArgument<InvokeHandler>(fakeElectron.ipcMain.handle, 1);
    expect(await handle(topFrameEvent(DEV_SERVER_URL), 'session.status', {})).toEqual({ ok: true, value: null });
  });

  it('locks the session down, serves app:// and checks IPC senders before the page loads', async () => {
    const { fakeElectron, window } = await startedWindow({ packaged: true });
    const order = (mock: { mock: { invocationCallOrder: number[] } }) => mock.mock.invocationCallOrder[0] ?? Infinity;
    const firstWindowLoad = order(window.loadURL);
    expect(order(fakeElectron.session.defaultSession.setPermissionRequestHandler)).toBeLessThan(firstWindowLoad);
    expect(order(fakeElectron.session.defaultSession.webRequest.onBeforeRequest)).toBeLessThan(firstWindowLoad);
    expect(order(fakeElectron.protocol.handle)).toBeLessThan(firstWindowLoad);
    expect(order(fakeElectron.ipcMain.handle)).toBeLessThan(firstWindowLoad);
  });

  it('a second instance quits instead of opening a second writer on the store', async () => {
    const { fakeElectron, FakeBrowserWindow } = await runMainProcess(({ fakeElectron }) => {
      fakeElectron.app.requestSingleInstanceLock.mockReturnValue(false);
    });
    expect(fakeElectron.app.quit).toHaveBeenCalled();
    expect(fakeElectron.app.whenReady).not.toHaveBeenCalled();
    expect(FakeBrowserWindow.created).toHaveLength(0);
  });
});
