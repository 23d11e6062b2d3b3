import { app, net, protocol, session } from 'electron';
import { join, normalize, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://accessdesk`;

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer from app://accessdesk/, refusing any path outside its folder. */
export function serveRenderer(folder: string): void {
  protocol.handle(APP_SCHEME, (request) => {
    const { host, pathname } = new URL(request.url);
    const file = normalize(join(folder, decodeURIComponent(pathname === '/' ? '/index.html' : pathname)));
    if (host !== 'accessdesk' || relative(folder, file).startsWith('..')) {
      return new Response('Not found', { status: 404 });
    }
    return net.fetch(pathToFileURL(file).toString());
  });
}

/** Electron's security checklist: no new windows, no navigation away, no permissions, no remote content. */
export function lockDownSessions(allowedOrigins: readonly string[]): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  session.defaultSession.webRequest.onBeforeRequest((details, callback) => {
    const url = new URL(details.url);
    const local = allowedOrigins.includes(url.origin) || url.protocol === 'devtools:' || url.protocol === 'data:';
    callback({ cancel: !local });
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event, url) => {
      if (!allowedOrigins.includes(new URL(url).origin)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}
