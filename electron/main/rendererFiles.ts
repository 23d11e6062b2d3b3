import { randomBytes } from 'node:crypto';
import { isAbsolute, relative, resolve, sep, win32 } from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'accessdesk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * `scheme://host[:port]` of a URL, or null when it is not one. Node's URL (the main process's) does not know
 * app:// is registered as a standard scheme and gives it the opaque origin 'null', so `.origin` cannot be
 * compared with APP_ORIGIN.
 */
export function originOf(url: string): string | null {
  try {
    const { protocol, host } = new URL(url);
    return host ? `${protocol}//${host}` : null;
  } catch {
    return null;
  }
}

/**
 * Written in renderer/index.html where the page's CSP nonce goes (the CSP meta and the csp-nonce meta that
 * Vite and Vuetify read); whoever serves the page replaces it with a fresh nonce on every response.
 */
export const CSP_NONCE_PLACEHOLDER = 'AccessDeskCspNonce';

/**
 * The file inside `folder` that an app:// URL names, or null when it names anything else: another host,
 * a path that leaves the folder (`..`, also percent-encoded), an absolute path, a backslash, or an undecodable one.
 */
export function resolveRendererFile(folder: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  const requested = path === '/' ? 'index.html' : path.slice(1);
  // No file the renderer build writes has a backslash or NUL in its name; on Windows a backslash is a separator.
  if (/[\\\0]/.test(requested) || isAbsolute(requested) || win32.isAbsolute(requested)) return null;
  const file = resolve(folder, requested);
  const fromFolder = relative(folder, file);
  if (fromFolder === '' || fromFolder === '..' || fromFolder.startsWith(`..${sep}`) || isAbsolute(fromFolder)) return null;
  return file;
}

export function createCspNonce(): string {
  return randomBytes(16).toString('base64');
}

/** The page with this response's nonce in place of the placeholder. */
export function insertCspNonce(html: string, nonce: string): string {
  return html.replaceAll(CSP_NONCE_PLACEHOLDER, nonce);
}
