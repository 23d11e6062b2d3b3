import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerAppScheme, serveRenderer } from '../../../electron/main/appProtocol';
import { CSP_NONCE_PLACEHOLDER } from '../../../electron/main/rendererFiles';
import { REPO_ROOT } from '../../support/paths';
import { fakeElectron, lastArgument, type ProtocolHandler } from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).fakeElectron);

const PAGE = `<!doctype html><html><head>
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; style-src 'self' 'nonce-${CSP_NONCE_PLACEHOLDER}'">
<meta property="csp-nonce" nonce="${CSP_NONCE_PLACEHOLDER}">
</head><body></body></html>`;

let root: string;
let rendererFolder: string;
let handler: ProtocolHandler;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'accessdesk-protocol-'));
  rendererFolder = join(root, 'renderer');
  mkdirSync(join(rendererFolder, 'assets'), { recursive: true });
  writeFileSync(join(rendererFolder, 'index.html'), PAGE);
  writeFileSync(join(rendererFolder, 'assets', 'index.js'), 'export {};');
  writeFileSync(join(root, 'secret.txt'), 'not for the page');
  serveRenderer(rendererFolder);
  handler = lastArgument<ProtocolHandler>(fakeElectron.protocol.handle, 1);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

beforeEach(() => fakeElectron.net.fetch.mockClear());

function nonceOf(html: string): { policy: string | undefined; meta: string | undefined } {
  return {
    policy: /'nonce-([^']+)'/.exec(html)?.[1],
    meta: /property="csp-nonce" nonce="([^"]+)"/.exec(html)?.[1],
  };
}

describe('app:// protocol', () => {
  it('is registered as a standard, secure scheme and handled under the same name', () => {
    registerAppScheme();
    expect(fakeElectron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(fakeElectron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
  });

  it('serves index.html with a fresh nonce in the CSP and in the csp-nonce meta', async () => {
    const first = await handler(new Request('app://accessdesk/'));
    const second = await handler(new Request('app://accessdesk/index.html'));
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toContain('text/html');
    const [firstHtml, secondHtml] = [await first.text(), await second.text()];
    expect(firstHtml).not.toContain(CSP_NONCE_PLACEHOLDER);
    const firstNonce = nonceOf(firstHtml);
    expect(firstNonce.policy).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(firstNonce.meta).toBe(firstNonce.policy);
    expect(nonceOf(secondHtml).policy).not.toBe(firstNonce.policy);
  });

  it('hands other files in the folder to net.fetch as file URLs', async () => {
    await handler(new Request('app://accessdesk/assets/index.js'));
    expect(fakeElectron.net.fetch).toHaveBeenCalledWith(pathToFileURL(join(rendererFolder, 'assets', 'index.js')).toString());
  });

  it.each([
    'app://accessdesk/..%2Fsecret.txt',
    'app://accessdesk/%2e%2e%2fsecret.txt',
    'app://accessdesk/assets/..%2F..%2Fsecret.txt',
    'app://accessdesk/%2Fetc%2Fpasswd',
    'app://accessdesk//etc/passwd',
    'app://elsewhere/index.html',
  ])('answers 404 to %s without touching the file system', async (url) => {
    const response = await handler(new Request(url));
    expect(response.status).toBe(404);
    expect(fakeElectron.net.fetch).not.toHaveBeenCalled();
  });

  it('answers 404 to the absolute path of a file beside the folder', async () => {
    const response = await handler(new Request(`app://accessdesk/${encodeURIComponent(join(root, 'secret.txt'))}`));
    expect(response.status).toBe(404);
    expect(fakeElectron.net.fetch).not.toHaveBeenCalled();
  });

  it('looks only inside the folder when the URL parser has already resolved an encoded ../', async () => {
    await handler(new Request('app://accessdesk/%2e%2e/%2e%2e/secret.txt'));
    expect(fakeElectron.net.fetch.mock.calls).toEqual([[pathToFileURL(join(rendererFolder, 'secret.txt')).toString()]]);
  });
});

describe('renderer/index.html', () => {
  const html = readFileSync(join(REPO_ROOT, 'renderer', 'index.html'), 'utf8');
  const policy = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';

  it('allows no inline styles or scripts but nonce-carrying ones, and no eval', () => {
    expect(policy).toContain(`style-src 'self' 'nonce-${CSP_NONCE_PLACEHOLDER}'`);
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain('unsafe-eval');
    expect(policy).toContain("object-src 'none'");
  });

  it('carries the placeholder where Vite and Vuetify read the nonce', () => {
    expect(html).toContain(`<meta property="csp-nonce" nonce="${CSP_NONCE_PLACEHOLDER}" />`);
  });
});
