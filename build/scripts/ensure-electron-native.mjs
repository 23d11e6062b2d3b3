// `npm start` runs the app under Electron, whose ABI differs from Node's. node_modules keeps the Node build of
// better-sqlite3 (tests run under Node); this builds a second copy for Electron into .native/ once, and the
// main process opens the store with it (see electron/main/paths.ts). Nothing to do when it is already there.
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const electronVersion = require('electron/package.json').version;
const target = join(root, '.native', `electron-${electronVersion}`, 'better_sqlite3.node');

if (existsSync(target)) process.exit(0);

console.log(`Building better-sqlite3 for Electron ${electronVersion} (once; about a minute)…`);
const work = mkdtempSync(join(tmpdir(), 'accessdesk-native-'));
const source = dirname(require.resolve('better-sqlite3/package.json'));
const copy = join(work, 'better-sqlite3');
cpSync(source, copy, { recursive: true, filter: (path) => !path.includes(`${join('better-sqlite3', 'build')}`) });

// npm passes its own config (such as a Node headers dir) to children; none of it applies to Electron.
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_config_')));
execFileSync(
  process.execPath,
  [require.resolve('node-gyp/bin/node-gyp.js'), 'rebuild', '--release', '--runtime=electron', `--target=${electronVersion}`, '--dist-url=https://electronjs.org/headers'],
  { cwd: copy, env, stdio: 'inherit' },
);
mkdirSync(dirname(target), { recursive: true });
copyFileSync(join(copy, 'build', 'Release', 'better_sqlite3.node'), target);
rmSync(work, { recursive: true, force: true });
console.log(`Built ${target}`);
