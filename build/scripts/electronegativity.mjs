// `npm run lint:electron`: Electronegativity over the app's Electron surface, failing on any finding.
// It scans one folder at a time, and its CSP check needs the page and the main process in the same scan, so
// the electron/ sources, the page (renderer/index.html, which carries the CSP) and package.json (for the
// Electron version, whose defaults the checks depend on) are copied into one temporary folder.
// The "available security fixes" check, and the version report that only feeds it, are left out: they download
// Electron's release list, which needs the network, and judge the pinned Electron version, not our code.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const EXCLUDED_CHECKS = ['availablesecurityfixesglobalcheck', 'electronversionjsoncheck'];

// Before every scan the tool asks a server for newer translations of its messages and waits for it to fail
// when offline. Its bundled English messages are all a lint step needs, so its loader is replaced by one
// that only configures them.
const require = createRequire(import.meta.url);
const toolRequire = createRequire(require.resolve('@doyensec/electronegativity'));
const translationsLoader = toolRequire.resolve('./locales/i18n');
const i18n = toolRequire('i18n');
require.cache[translationsLoader] = {
  id: translationsLoader,
  filename: translationsLoader,
  loaded: true,
  exports: async () => {
    i18n.configure({ locales: ['en-US'], defaultLocale: 'en-US', directory: dirname(translationsLoader), updateFiles: false, objectNotation: true, register: globalThis });
  },
};
const electronegativity = toolRequire('./runner');

const scanFolder = mkdtempSync(join(tmpdir(), 'accessdesk-electronegativity-'));
try {
  cpSync(join(root, 'electron'), join(scanFolder, 'electron'), { recursive: true });
  cpSync(join(root, 'renderer', 'index.html'), join(scanFolder, 'renderer', 'index.html'));
  cpSync(join(root, 'package.json'), join(scanFolder, 'package.json'));

  const { issues, errors } = await electronegativity({ input: scanFolder, isRelative: true, excludeFromScan: EXCLUDED_CHECKS, customScan: [] });
  const parseErrors = errors.filter((error) => !error.tolerable);
  for (const error of parseErrors) console.error(`could not parse ${error.file}: ${error.message}`);
  for (const issue of issues) {
    const review = issue.manualReview ? ' (review required)' : '';
    console.error(`${issue.id}${review} ${issue.file}:${issue.location.line}:${issue.location.column} ${issue.description} ${issue.shortenedURL}`);
  }
  console.log(`electronegativity: ${issues.length} finding(s), ${parseErrors.length} parse error(s)`);
  process.exitCode = issues.length > 0 || parseErrors.length > 0 ? 1 : 0;
} finally {
  rmSync(scanFolder, { recursive: true, force: true });
}
