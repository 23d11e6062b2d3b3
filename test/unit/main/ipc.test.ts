import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../../electron/handlers/core';
import { broadcast, serveIpc } from '../../../electron/main/ipc';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../../shared/contract/channels';
import type { AppEvent } from '../../../shared/contract/events';
import { FakeBrowserWindow, fakeElectron, lastArgument, type InvokeHandler } from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).fakeElectron);

const APP_ORIGIN = 'app://accessdesk';
const DEV_SERVER_ORIGIN = 'http://localhost:5173';

interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

const invoke = vi.fn(async (method: string, input: unknown) => ({ ok: true as const, value: { method, input } }));
const core = { invoke } as unknown as Core;
let handle: InvokeHandler;

beforeAll(() => {
  serveIpc(core, [APP_ORIGIN, DEV_SERVER_ORIGIN]);
  expect(fakeElectron.ipcMain.handle).toHaveBeenCalledWith(INVOKE_CHANNEL, expect.any(Function));
  handle = lastArgument<InvokeHandler>(fakeElectron.ipcMain.handle, 1);
});

beforeEach(() => invoke.mockClear());

/** An invoke event from a window whose top frame shows `topUrl`, sent by `sender` (the top frame by default). */
function eventFrom(topUrl: string, sender: (top: FakeFrame) => FakeFrame | null = (top) => top) {
  const mainFrame: FakeFrame = { url: topUrl, parent: null };
  return { senderFrame: sender(mainFrame), sender: { mainFrame } };
}

const FORBIDDEN = { ok: false, error: { code: 'forbidden', message: 'This window may not use the store' } };

describe('IPC sender check', () => {
  it("passes the app's own top frame through to the core", async () => {
    const result = await handle(eventFrom(`${APP_ORIGIN}/index.html`), 'users.list', { page: 1 });
    expect(invoke).toHaveBeenCalledExactlyOnceWith('users.list', { page: 1 });
    expect(result).toEqual({ ok: true, value: { method: 'users.list', input: { page: 1 } } });
  });

  it('accepts the development server origin it was given', async () => {
    await handle(eventFrom(`${DEV_SERVER_ORIGIN}/`), 'session.status', {});
    expect(invoke).toHaveBeenCalledOnce();
  });

  it.each([
    ['a subframe of the app page', eventFrom(`${APP_ORIGIN}/index.html`, (top) => ({ url: `${APP_ORIGIN}/frame.html`, parent: top }))],
    ['a frame that is not the window’s main frame', eventFrom(`${APP_ORIGIN}/index.html`, () => ({ url: `${APP_ORIGIN}/index.html`, parent: null }))],
    ['a frame destroyed before the message arrived', eventFrom(`${APP_ORIGIN}/index.html`, () => null)],
    ['a top frame on a remote origin', eventFrom('https://example.com/')],
    ['a top frame on a look-alike app host', eventFrom('app://accessdesk.example/index.html')],
    ['a top frame on file://', eventFrom('file:///tmp/index.html')],
    ['a top frame with no parsable URL', eventFrom('')],
  ])('rejects %s without calling the core', async (_name, event) => {
    expect(await handle(event, 'users.list', {})).toEqual(FORBIDDEN);
    expect(invoke).not.toHaveBeenCalled();
  });
});

describe('broadcast', () => {
  it('pushes an event to every window still open, on the event channel', () => {
    const open = new FakeBrowserWindow({});
    const closed = new FakeBrowserWindow({});
    closed.destroyed = true;
    const event: AppEvent = { type: 'data.changed', domains: ['users'] };
    broadcast(event);
    expect(open.webContents.send).toHaveBeenCalledExactlyOnceWith(EVENT_CHANNEL, event);
    expect(closed.webContents.send).not.toHaveBeenCalled();
  });
});
