// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The linter holds the project's boundaries (DESIGN.md): shared/ imports nothing from client/,
 * server/, the DOM or Node; client/ and server/ never import each other; no `.only` in tests;
 * no floating promises on the server. Style is prettier's job, types are tsc's: the rule set
 * stays small on purpose. tests/unit/lint-boundaries.test.ts plants a violation of each rule.
 */

/** `import … from '…/client/…'` however many `../` it takes, and the folder itself. */
const folder = (name) => [`**/${name}`, `**/${name}/**`];

const NODE_BUILTINS = [...builtinModules.filter((m) => !m.startsWith('_')), 'node:*'];

/**
 * Only shared/zod.ts imports zod's values: it switches zod to jitless before any schema is
 * built, so no page trips the CSP with `new Function`. Types may come from zod directly.
 */
const zodDoor = {
  name: 'zod',
  allowTypeImports: true,
  message: "Import { z } from shared/zod.ts: it sets zod's jitless mode before any schema is built.",
};

/**
 * One `no-restricted-imports` per folder: flat config replaces a rule's options rather than
 * merging them, so each folder gets its whole list here.
 */
function restrictImports(patterns, paths = [zodDoor]) {
  return {
    '@typescript-eslint/no-restricted-imports': ['error', { paths, patterns }],
  };
}

/** Globals that exist only in a browser or only in Node; shared/ runs in both. */
const HOST_GLOBALS = [
  ...['window', 'document', 'navigator', 'location', 'localStorage', 'sessionStorage', 'indexedDB'],
  ...['HTMLElement', 'Element', 'Node', 'Image', 'requestAnimationFrame', 'self'],
  ...['process', 'Buffer', 'global', '__dirname', '__filename', 'require', 'module'],
].map((name) => ({ name, message: 'shared/ runs in the browser and in Node: pass what it needs in.' }));

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', 'data/**', 'test-results/**', 'coverage/**', '**/*.staging-*/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Svelte's reactive Map/Set suggestion: our record maps are `$state.raw`, replaced whole
      // on change, and the other collections are deliberately not reactive.
      'svelte/prefer-svelte-reactivity': 'off',
      // The control-character regexes here are the sanitisers that strip them from names.
      'no-control-regex': 'off',
      // Underscore marks a parameter or binding kept on purpose (a callback's shape, a discarded field).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] },
    },
  },
  // Where code runs decides which globals exist.
  // __GRARECO_TEST_HOOK__ is vite's build-time define (client/build-flags.d.ts); ESLint does
  // not read .d.ts globals, and .svelte files keep no-undef on.
  {
    files: ['client/**'],
    languageOptions: { globals: { ...globals.browser, __GRARECO_TEST_HOOK__: 'readonly' } },
  },
  {
    files: ['server/**', 'tests/**', 'bench/**', 'scripts/**', '*.config.*', '*.js', '*.mjs'],
    languageOptions: { globals: globals.node },
  },
  { files: ['shared/**'], languageOptions: { globals: globals['shared-node-browser'] } },

  // Boundaries between the three code bases.
  {
    files: ['shared/**'],
    rules: {
      ...restrictImports([
        {
          group: [...folder('client'), ...folder('server')],
          message: 'shared/ imports nothing from client/ or server/.',
        },
        { group: NODE_BUILTINS, message: 'shared/ runs in the browser too: no Node modules.' },
      ]),
      'no-restricted-globals': ['error', ...HOST_GLOBALS],
    },
  },
  { files: ['shared/zod.ts'], rules: restrictImports([], []) },
  {
    files: ['client/**'],
    rules: restrictImports([
      { group: folder('server'), message: 'client/ talks to server/ only through shared/.' },
    ]),
  },
  {
    files: ['server/**'],
    rules: restrictImports([
      { group: folder('client'), message: 'server/ talks to client/ only through shared/.' },
    ]),
  },

  // A focused test left in would silently skip the rest of the suite.
  {
    files: ['tests/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          // it.only, describe.only, test.only and their chains (it.concurrent.only, it.only.each).
          selector:
            'MemberExpression[property.name="only"]:matches([object.name=/^(it|test|describe|suite)$/], [object.object.name=/^(it|test|describe|suite)$/])',
          message: '`.only` skips every other test; remove it before committing.',
        },
      ],
    },
  },

  // Type-aware, and only where it pays: a promise nobody awaits on the server is an
  // unhandled rejection waiting to end the process. server/tsconfig.json keeps the program
  // the project service builds to server/ and what it imports (not client/ and tests/).
  {
    files: ['server/**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },
);
