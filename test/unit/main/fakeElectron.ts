import type { BrowserWindowConstructorOptions } from 'electron';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';

// Stands in for the 'electron' module under plain Node: each test file does
// vi.mock('electron', async () => (await import('./fakeElectron')).fakeElectron)
// and then inspects what electron/main registered on these fakes.

type Listener = (...args: never[]) => unknown;

export class FakeEmitter {
  private readonly listeners = new Map<string, Listener[]>();

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  once(event: string, listener: Listener): this {
    return this.on(event, listener);
  }

  emit(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as (...values: unknown[]) => unknown)(...args);
  }

  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
}

export class FakeBrowserWindow extends FakeEmitter {
  static readonly created: FakeBrowserWindow[] = [];
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.created;
  }

  readonly webContents = { send: vi.fn<(channel: string, payload: unknown) => void>() };
  readonly maximize = vi.fn();
  readonly show = vi.fn();
  readonly loadURL = vi.fn(async (_url: string) => undefined);
  destroyed = false;

  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
    FakeBrowserWindow.created.push(this);
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  isMaximized(): boolean {
    return false;
  }

  getNormalBounds() {
    return { x: 0, y: 0, width: 1360, height: 860 };
  }
}

export type ProtocolHandler = (request: Request) => Response | Promise<Response>;
export type PermissionRequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;
export type PermissionCheckHandler = (contents: unknown, permission: string) => boolean;
export type BeforeRequestListener = (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void;
export type InvokeHandler = (event: unknown, ...args: unknown[]) => Promise<unknown>;

export const userDataFolder = mkdtempSync(join(tmpdir(), 'accessdesk-main-test-'));

export const fakeElectron = {
  app: Object.assign(new FakeEmitter(), {
    isPackaged: true,
    getPath: vi.fn((_name: string) => userDataFolder),
    setPath: vi.fn(),
    getAppPath: vi.fn(() => userDataFolder),
    requestSingleInstanceLock: vi.fn(() => true),
    whenReady: vi.fn(async () => undefined),
    quit: vi.fn(),
    exit: vi.fn(),
  }),
  Menu: { buildFromTemplate: vi.fn((template: unknown) => template), setApplicationMenu: vi.fn() },
  dialog: { showErrorBox: vi.fn(), showMessageBoxSync: vi.fn(() => 1), showSaveDialog: vi.fn() },
  shell: { openPath: vi.fn() },
  BrowserWindow: FakeBrowserWindow,
  protocol: {
    registerSchemesAsPrivileged: vi.fn(),
    handle: vi.fn<(scheme: string, handler: ProtocolHandler) => void>(),
  },
  net: { fetch: vi.fn(async (url: string) => new Response(`fetched ${url}`)) },
  session: {
    defaultSession: {
      setPermissionRequestHandler: vi.fn<(handler: PermissionRequestHandler) => void>(),
      setPermissionCheckHandler: vi.fn<(handler: PermissionCheckHandler) => void>(),
      webRequest: { onBeforeRequest: vi.fn<(listener: BeforeRequestListener) => void>() },
    },
  },
  ipcMain: { handle: vi.fn<(channel: string, handler: InvokeHandler) => void>() },
  screen: { getAllDisplays: vi.fn(() => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }]) },
};

/** The one argument a fake was last called with, failing the test when it was never called. */
export function lastArgument<T>(mock: { mock: { calls: unknown[][] } }, index = 0): T {
  const call = mock.mock.calls.at(-1);
  if (!call) throw new Error('expected electron/main to have registered a handler');
  return call[index] as T;
}
