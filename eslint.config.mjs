import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';
import vueParser from 'vue-eslint-parser';
import layers from './build/eslint/layers.mjs';

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
  {
    // DESIGN.md's layers as an allow-list: what each folder may import is listed in build/eslint/layers.mjs.
    files: ['shared/**', 'renderer/**', 'electron/**'],
    plugins: { layers },
    rules: { 'layers/allowed-imports': ['error', { root: import.meta.dirname }] },
  },
  {
    // Wherever features put their views and components, a .vue file reaches the main process through a store.
    files: ['renderer/**/*.vue'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/api', '**/api.ts'], message: 'Only Pinia stores call window.api; components use stores.' }] }],
    },
  },
  {
    // Tests assert on rows they just wrote, and scripts report to the terminal.
    files: ['test/**', 'build/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', 'no-console': 'off' },
  },
);
