import { beforeAll, describe, expect, it, vi } from 'vitest';
import { lockDownSessions } from '../../../electron/main/security';
import {
  FakeEmitter,
  fakeElectron,
  lastArgument,
  type BeforeRequestListener,
  type PermissionCheckHandler,
  type PermissionRequestHandler,
} from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).fakeElectron);

const APP_ORIGIN = 'app://accessdesk';

type WindowOpenHandler = (details: { url: string }) => { action: string };

/** A webContents as far as the lock-down sees it. */
class FakeWebContents extends FakeEmitter {
  readonly setWindowOpenHandler = vi.fn<(handler: WindowOpenHandler) => void>();
}

function navigationEvent(url: string) {
  return { url, preventDefault: vi.fn() };
}

let contents: FakeWebContents;

beforeAll(() => {
  lockDownSessions([APP_ORIGIN]);
  contents = new FakeWebContents();
  fakeElectron.app.emit('web-contents-created', {}, contents);
});

describe('session lock-down', () => {
  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen'])('denies the %s permission request', (permission) => {
    const handler = lastArgument<PermissionRequestHandler>(fakeElectron.session.defaultSession.setPermissionRequestHandler);
    const callback = vi.fn();
    handler({}, permission, callback);
    expect(callback).toHaveBeenCalledExactlyOnceWith(false);
  });

  it('answers every permission check with no', () => {
    const check = lastArgument<PermissionCheckHandler>(fakeElectron.session.defaultSession.setPermissionCheckHandler);
    expect(['media', 'clipboard-sanitized-write', 'hid'].map((permission) => check({}, permission))).toEqual([false, false, false]);
  });

  it.each([
    ['https://example.com/tracker.js', true],
    ['http://127.0.0.1:5173/', true],
    ['file:///etc/passwd', true],
    ['app://elsewhere/index.html', true],
    ['app://accessdesk/assets/index.js', false],
    ['devtools://devtools/bundled/inspector.html', false],
    ['data:image/png;base64,iVBORw0KGgo=', false],
  ])('cancels a request to %s: %s', (url, cancel) => {
    const listener = lastArgument<BeforeRequestListener>(fakeElectron.session.defaultSession.webRequest.onBeforeRequest);
    const callback = vi.fn();
    listener({ url }, callback);
    expect(callback).toHaveBeenCalledExactlyOnceWith({ cancel });
  });
});

describe('every web contents', () => {
  it('may open no new window, whatever the URL', () => {
    const openHandler = lastArgument<WindowOpenHandler>(contents.setWindowOpenHandler);
    expect(openHandler({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(openHandler({ url: `${APP_ORIGIN}/index.html` })).toEqual({ action: 'deny' });
  });

  it.each(['will-navigate', 'will-redirect'])('is stopped on %s to another origin, not within the app', (eventName) => {
    const away = navigationEvent('https://example.com/phish');
    const malformed = navigationEvent('not a url');
    const within = navigationEvent(`${APP_ORIGIN}/index.html`);
    for (const event of [away, malformed, within]) contents.emit(eventName, event);
    expect(away.preventDefault).toHaveBeenCalled();
    expect(malformed.preventDefault).toHaveBeenCalled();
    expect(within.preventDefault).not.toHaveBeenCalled();
  });

  it('may attach no webview', () => {
    const event = navigationEvent(`${APP_ORIGIN}/index.html`);
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.preventDefault).toHaveBeenCalled();
  });
});
