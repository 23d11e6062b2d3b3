import fc from 'fast-check';
import { isAbsolute, join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CSP_NONCE_PLACEHOLDER, createCspNonce, insertCspNonce, originOf, resolveRendererFile } from '../../../electron/main/rendererFiles';

const folder = join(sep === '/' ? '/opt' : 'C:\\Program Files', 'AccessDesk', 'renderer');

function isInsideFolder(file: string): boolean {
  const fromFolder = relative(folder, file);
  return fromFolder !== '' && fromFolder !== '..' && !fromFolder.startsWith(`..${sep}`) && !isAbsolute(fromFolder);
}

describe('resolveRendererFile', () => {
  it('maps the root to index.html and other paths to files in the folder', () => {
    expect(resolveRendererFile(folder, 'app://accessdesk/')).toBe(join(folder, 'index.html'));
    expect(resolveRendererFile(folder, 'app://accessdesk/assets/index-3f2a.js')).toBe(join(folder, 'assets', 'index-3f2a.js'));
    expect(resolveRendererFile(folder, 'app://accessdesk/assets/Roboto%20Medium.woff2?v=2')).toBe(join(folder, 'assets', 'Roboto Medium.woff2'));
  });

  it.each([
    ['../ traversal with an encoded slash', 'app://accessdesk/..%2F..%2Fetc%2Fpasswd'],
    ['fully encoded ../', 'app://accessdesk/%2e%2e%2f%2e%2e%2fetc%2fpasswd'],
    ['upper-case encoded ../', 'app://accessdesk/%2E%2E%2Fsecret.txt'],
    ['traversal from a subfolder', 'app://accessdesk/assets/..%2F..%2F..%2Fsecret.txt'],
    ['backslash traversal', 'app://accessdesk/..%5C..%5Csecret.txt'],
    ['an absolute POSIX path', 'app://accessdesk//etc/passwd'],
    ['an encoded absolute POSIX path', 'app://accessdesk/%2Fetc%2Fpasswd'],
    ['a Windows drive path', 'app://accessdesk/C:/Windows/win.ini'],
    ['an encoded Windows drive path', 'app://accessdesk/C%3A%5CWindows%5Cwin.ini'],
    ['a UNC path', 'app://accessdesk/%5C%5Cserver%5Cshare%5Cfile'],
    ['a NUL byte', 'app://accessdesk/index.html%00.js'],
    ['a malformed escape', 'app://accessdesk/%E0%A4%A'],
    ['another host', 'app://elsewhere/index.html'],
    ['another scheme', 'file:///etc/passwd'],
    ['not a URL', 'not a url'],
  ])('refuses %s', (_name, url) => {
    expect(resolveRendererFile(folder, url)).toBeNull();
  });

  it('never answers with a file outside the folder, whatever the path', () => {
    const pieces = fc.constantFrom('..', '.', '%2e%2e', '%2E.', '.%2e', '/', '\\', '%2f', '%2F', '%5c', '%5C', '%00', 'C:', '%3A', 'assets', 'index.html', '~', '%252e');
    const path = fc.array(fc.oneof(pieces, fc.string({ maxLength: 4 })), { maxLength: 12 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(path, (tail) => {
        const file = resolveRendererFile(folder, `app://accessdesk/${tail}`);
        return file === null || isInsideFolder(file);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('originOf', () => {
  it("gives app:// URLs their scheme and host, where Node's URL says 'null'", () => {
    expect(new URL('app://accessdesk/index.html').origin).toBe('null');
    expect(originOf('app://accessdesk/index.html')).toBe('app://accessdesk');
  });

  it('keeps a non-default port and drops a default one, as origins do', () => {
    expect(originOf('http://localhost:5173/src/main.ts')).toBe('http://localhost:5173');
    expect(originOf('https://example.com:443/')).toBe('https://example.com');
  });

  it('has no origin for host-less or unparsable URLs', () => {
    expect(originOf('file:///etc/passwd')).toBeNull();
    expect(originOf('about:blank')).toBeNull();
    expect(originOf('')).toBeNull();
  });
});

describe('CSP nonce', () => {
  it('is fresh for every response and long enough not to be guessed', () => {
    const nonces = new Set(Array.from({ length: 50 }, createCspNonce));
    expect(nonces.size).toBe(50);
    for (const nonce of nonces) expect(Buffer.from(nonce, 'base64')).toHaveLength(16);
  });

  it('replaces every placeholder in the page', () => {
    const html = `<meta http-equiv="Content-Security-Policy" content="style-src 'self' 'nonce-${CSP_NONCE_PLACEHOLDER}'"><meta property="csp-nonce" nonce="${CSP_NONCE_PLACEHOLDER}">`;
    const page = insertCspNonce(html, 'bm9uY2U=');
    expect(page).not.toContain(CSP_NONCE_PLACEHOLDER);
    expect(page).toBe(`<meta http-equiv="Content-Security-Policy" content="style-src 'self' 'nonce-bm9uY2U='"><meta property="csp-nonce" nonce="bm9uY2U=">`);
  });
});
