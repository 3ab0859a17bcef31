// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import i18next from 'eslint-plugin-i18next';
import globals from 'globals';
import { importX, createNodeResolver } from 'eslint-plugin-import-x';
import { builtinModules } from 'node:module';

const nodeModules = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const nodeAndElectron = {
  paths: [...nodeModules, 'electron', 'better-sqlite3'].map((name) => ({
    name,
    message: 'This layer runs without Node or Electron; go through the API contract instead.',
  })),
};

const coreWithoutElectron = { name: 'electron', message: 'The core runs without Electron (command line, browser host, tests).' };
const coreAboveIt = { group: ['**/electron/main/**', '**/electron/preload/**', '**/renderer/**'], message: 'The core depends on nothing above it.' };
const endpointWithoutElectron = { name: 'electron', message: 'The endpoint runs on a server without Electron.' };
const endpointNeverImports = ['react', 'react-dom', '**/renderer/**', '**/electron/main/**', '**/electron/preload/**', '**/electron/host/**'];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bin/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // One program per environment, most restrictive first, so shared/ is linted without DOM or Node.
        project: ['./tsconfig.shared.json', './tsconfig.renderer.json', './tsconfig.electron.json', './tsconfig.node.json', './tsconfig.endpoint.json', './tsconfig.e2e.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { ...globals.node } },
  },
  // Boundary rules: the architecture in DESIGN.md, enforced.
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { ...nodeAndElectron, patterns: [{ group: ['react', 'react-dom', '**/electron/**', '**/renderer/**'], message: 'shared/ is pure TypeScript used by every part.' }] }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'process', 'Buffer', '__dirname', 'require'],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks, i18next },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { ...nodeAndElectron, patterns: [{ group: ['**/electron/**'], message: 'The renderer talks to the core only through window.chamber.' }] }],
      'no-restricted-globals': ['error', 'process', 'Buffer', '__dirname', 'require'],
      // Every user-facing string goes through i18next.
      'i18next/no-literal-string': ['error', { mode: 'jsx-text-only' }],
      // HTML from outside (Modern.gov agenda text) is shown only through the sanitising SafeHtml.
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Show outside HTML with components/SafeHtml, the one reviewed place that sets inner HTML.' },
        { selector: "AssignmentExpression > MemberExpression[property.name=/^(innerHTML|outerHTML)$/]", message: 'Show outside HTML with components/SafeHtml.' },
        { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'Show outside HTML with components/SafeHtml.' },
      ],
    },
  },
  {
    files: ['renderer/src/components/SafeHtml.tsx'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // Renderer unit tests run in Node and read the real locale files from disk.
    files: ['renderer/**/*.test.ts'],
    rules: { 'no-restricted-imports': 'off', 'no-restricted-globals': 'off' },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [coreWithoutElectron], patterns: [coreAboveIt, { group: ['**/endpoint/**'], message: 'The core and the endpoint meet only in shared/ and node/.' }] }],
    },
  },
  {
    // Core tests may start the real endpoint, through its test helper and nothing else of it.
    files: ['electron/core/**/*.test.ts', 'electron/core/**/testing/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [coreWithoutElectron], patterns: [coreAboveIt, { regex: '(^|/)endpoint/(?!testing/)', message: 'Core tests reach the endpoint only through endpoint/testing/.' }] }],
    },
  },
  {
    // The council endpoint is a Node server: no Electron, no DOM, and nothing of the desktop app; what it
    // shares with the core lives in shared/ and node/.
    files: ['endpoint/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [endpointWithoutElectron], patterns: [{ group: [...endpointNeverImports, '**/electron/**'], message: 'The endpoint depends only on shared/, node/ and Node.' }] }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'sessionStorage'],
    },
  },
  {
    // Endpoint tests may use the desktop core's sample packs and sync clients to drive it as a device would.
    files: ['endpoint/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [endpointWithoutElectron], patterns: [{ group: endpointNeverImports, message: 'The endpoint depends only on shared/, node/ and Node.' }] }],
    },
  },
  {
    // Node code the desktop core and the endpoint both use, so it may use neither.
    files: ['node/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'node/ runs in the endpoint too, without Electron.' }], patterns: [{ group: ['react', 'react-dom', '**/renderer/**', '**/electron/**', '**/endpoint/**'], message: 'node/ is shared by the core and the endpoint, so it imports neither.' }] }],
    },
  },
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.mjs', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.mjs', '.js', '.json'] })],
    },
    rules: {
      // Type-only imports are erased at build time, so only runtime cycles count.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: nodeModules.map((name) => ({ name, message: 'The sandboxed preload exposes the contract and nothing else.' })) }],
    },
  },
);
