import { app, session } from 'electron';
import { originOf } from './rendererFiles';

/** Electron's security checklist: no new windows, no navigation away, no permissions, no remote content. */
export function lockDownSessions(allowedOrigins: readonly string[]): void {
  const isAllowed = (url: string): boolean => {
    const origin = originOf(url);
    return origin !== null && allowedOrigins.includes(origin);
  };
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  session.defaultSession.webRequest.onBeforeRequest((details, callback) => {
    const local = isAllowed(details.url) || details.url.startsWith('devtools:') || details.url.startsWith('data:');
    callback({ cancel: !local });
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event) => {
      if (!isAllowed(event.url)) event.preventDefault();
    });
    contents.on('will-redirect', (event) => {
      if (!isAllowed(event.url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}
