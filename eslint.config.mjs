import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';
import vueParser from 'vue-eslint-parser';

const NODE_BUILTINS = ['node:*'];
const NODE_BARE = ['fs', 'path', 'os', 'crypto', 'child_process', 'worker_threads', 'url', 'util', 'stream', 'events'];

/** Layer rules from DESIGN.md: what each folder may import. */
const layer = (files, { patterns = [], packages = [] }, message) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: packages.map((name) => ({ name, message })),
        patterns: patterns.length > 0 ? [{ group: patterns, message }] : [],
      },
    ],
  },
});

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'release/', 'test-results/', 'playwright-report/', '.native/', 'drizzle/', '**/*.cjs'] },
  ...tseslint.configs.strict,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parser: vueParser, parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'], sourceType: 'module' } },
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-ignore': true, 'ts-expect-error': 'allow-with-description' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/multi-word-component-names': 'off',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  layer(['shared/**'], { patterns: [...NODE_BUILTINS, '**/electron/**', '**/renderer/**', 'electron/*', 'drizzle-orm/*'], packages: ['electron', ...NODE_BARE, 'vue', 'pinia', 'vuetify', 'better-sqlite3', 'drizzle-orm', 'exceljs'] },
    'shared/ is used by both processes: it may not import Electron, Node, the DOM frameworks or the other layers.'),
  layer(['renderer/**'], { patterns: [...NODE_BUILTINS, '**/electron/**', 'electron/*', 'drizzle-orm/*'], packages: ['electron', ...NODE_BARE, 'better-sqlite3', 'drizzle-orm', 'exceljs'] },
    'The renderer talks to the main process only through the api client.'),
  layer(['electron/handlers/**', 'electron/services/**', 'electron/db/**', 'electron/jobs/**'], { patterns: ['**/renderer/**', 'electron/*'], packages: ['electron'] },
    "Only electron/main and electron/preload may import 'electron'; the rest must run under plain Node."),
  layer(['electron/services/**', 'electron/handlers/**'], { patterns: ['**/renderer/**', 'electron/*'], packages: ['electron', 'better-sqlite3'] },
    'Queries live in electron/db/repos; services call repos.'),
  {
    files: ['renderer/src/components/**', 'renderer/src/views/**', 'renderer/src/App.vue'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/api', '**/api.ts'], message: 'Only Pinia stores call window.api; components use stores.' }, { group: ['electron', 'node:*', '**/electron/**'], message: 'The renderer talks to the main process only through the api client.' }] }],
    },
  },
  {
    // Tests assert on rows they just wrote, and scripts report to the terminal.
    files: ['test/**', 'build/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', 'no-console': 'off' },
  },
);
