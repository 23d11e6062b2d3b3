import { net, protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { APP_SCHEME, createCspNonce, insertCspNonce, resolveRendererFile } from './rendererFiles';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

/**
 * Serves the built renderer from app://accessdesk/, refusing any path outside its folder. Pages get a fresh
 * CSP nonce per response, so Vuetify's theme <style> can run without 'unsafe-inline'.
 */
export function serveRenderer(folder: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveRendererFile(folder, request.url);
    if (!file) return notFound();
    if (extname(file) !== '.html') return net.fetch(pathToFileURL(file).toString());
    let html: string;
    try {
      html = await readFile(file, 'utf8');
    } catch {
      return notFound();
    }
    return new Response(insertCspNonce(html, createCspNonce()), {
      headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
    });
  });
}
