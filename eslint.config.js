// ESLint flat config. Besides the usual TypeScript and Vue rules it enforces the import layering of DESIGN §6:
// shared is the bottom layer; server, electron and renderer each depend on shared only, never on each other.
import { builtinModules } from 'node:module';
import { defineConfig, globalIgnores } from 'eslint/config';
import { builtinRules } from 'eslint/use-at-your-own-risk';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Relative imports that climb into another top-level folder, e.g. `../../server/config.ts`. */
const folders = (names, why) => ({
  regex: `^(\\.\\./)+(${names.join('|')})(/|$)`,
  message: why,
});
/** Node's built-in modules, with or without the `node:` prefix. */
const NODE_BUILTINS = {
  regex: `^(node:.*|(${builtinModules.map(escape).join('|')})(/.*)?)$`,
  message: 'This layer runs without Node (shared: everywhere; renderer: in the sandboxed page or a browser).',
};
const ELECTRON = {
  regex: '^electron(/.*)?$',
  message: 'Only electron/ may use Electron; everything else also runs in a browser or a plain Node server.',
};

const layer = (...patterns) => ['error', { patterns }];

const SHARED_WHY = 'shared/ is the bottom layer: it imports nothing of ours.';
const SHARED_RULE = layer(folders(['server', 'electron', 'renderer', 'tests'], SHARED_WHY), NODE_BUILTINS, ELECTRON);
const SERVER_RULE = layer(folders(['renderer', 'electron'], 'server/ may import shared/ only.'), ELECTRON);
const ELECTRON_RULE = layer(
  folders(['renderer', 'server'], 'electron/ may import shared/ only; talk to the server over HTTP.'),
);
const RENDERER_FOLDERS = folders(
  ['server', 'electron'],
  'renderer/ may import shared/ only; use the API or window.bridge.',
);
const RENDERER_RULE = layer(RENDERER_FOLDERS, NODE_BUILTINS, ELECTRON);

const CODE = ['**/*.{ts,mts,cts,js,mjs,cjs,vue}'];

// ESLint's own recommended rules (what @eslint/js would give), read from ESLint itself so no extra package is needed.
const CORE_RECOMMENDED = Object.fromEntries(
  [...builtinRules].filter(([, rule]) => rule.meta?.docs?.recommended).map(([name]) => [name, 'error']),
);

// Prettier owns layout (also in .vue templates); eslint-plugin-vue's layout rules would fight it on every save.
const VUE_LAYOUT_OFF = Object.fromEntries(
  Object.entries(pluginVue.rules)
    .filter(([, rule]) => rule.meta?.type === 'layout')
    .map(([name]) => [`vue/${name}`, 'off']),
);

export default defineConfig([
  globalIgnores([
    '**/node_modules/',
    'dist/',
    'out/',
    '.portal-data/',
    'test-results/',
    'playwright-report/',
    'coverage/',
    '.tmp/',
  ]),

  { linterOptions: { reportUnusedDisableDirectives: 'error' } },

  { files: CODE, rules: CORE_RECOMMENDED },
  ...tseslint.configs.recommended.map((config) => ({ ...config, files: config.files ?? CODE })),
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: {
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'], sourceType: 'module' },
    },
    // TypeScript itself reports undefined names; no-undef does not understand type-only identifiers.
    rules: { ...VUE_LAYOUT_OFF, 'no-undef': 'off' },
  },
  {
    files: CODE,
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // DESIGN §6: `as const` objects and unions instead of enums.
      'no-restricted-syntax': [
        'error',
        { selector: 'TSEnumDeclaration', message: 'Use an `as const` object + union.' },
      ],
    },
  },

  // Globals per folder: what each layer really runs in.
  { files: ['server/**', 'tests/**', 'electron/**', '*.{js,ts,mjs,cjs}'], languageOptions: { globals: globals.node } },
  { files: ['renderer/**'], languageOptions: { globals: globals.browser } },
  // Playwright callbacks (page.evaluate) run in the browser.
  { files: ['tests/e2e/**'], languageOptions: { globals: { ...globals.node, ...globals.browser } } },

  // Layering (DESIGN §6). One block per folder: a later block would replace, not extend, the rule's options.
  { files: ['shared/**'], rules: { 'no-restricted-imports': SHARED_RULE } },
  { files: ['server/**'], rules: { 'no-restricted-imports': SERVER_RULE } },
  {
    // openDatabase caches prepared statements by their SQL; a mode set on one (pluck, raw, expand) would leak to every
    // other use of the same SQL. Map rows in the repo instead.
    files: ['server/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...['pluck', 'raw', 'expand'].map((property) => ({
          property,
          message: 'Prepared statements are shared (server/db/open.ts): map the rows instead of changing the mode.',
        })),
      ],
    },
  },
  { files: ['electron/**'], rules: { 'no-restricted-imports': ELECTRON_RULE } },
  { files: ['renderer/**'], rules: { 'no-restricted-imports': RENDERER_RULE } },
  {
    // Vite config files run in Node at build time, not in the page: Node built-ins are fine there.
    files: ['renderer/**/*.config.{ts,js,mts,mjs}'],
    languageOptions: { globals: globals.node },
    rules: { 'no-restricted-imports': layer(RENDERER_FOLDERS, ELECTRON) },
  },
  {
    // Unit tests beside the code run under vitest in Node (e.g. reading message files); they still may not reach
    // into other layers.
    files: ['renderer/**/*.test.ts'],
    languageOptions: { globals: globals.node },
    rules: { 'no-restricted-imports': layer(RENDERER_FOLDERS, ELECTRON) },
  },
  {
    files: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': layer(folders(['server', 'electron', 'renderer', 'tests'], SHARED_WHY), ELECTRON),
    },
  },
]);
