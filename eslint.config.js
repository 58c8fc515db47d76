// ESLint: typescript-eslint's type-checked rules (floating and misused promises above all: a
// store write nobody awaits is a write that can fail silently) and React's hooks rules.
import { globals, js, reactHooks, tseslint } from './tools/lint/index.js';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'tests/artifacts/', 'public/', 'tools/lint/node_modules/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js', 'bin/*.mjs', 'tools/lint/*.js'] }, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // Unused names: `_`-prefixed ones are deliberate (a destructured field left out).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    // The rules of hooks and effect dependencies. The plugin's React Compiler rules (refs read in
    // render, setState in effects) are left for the controllers rewrite (issue 11), which moves
    // that state out of the components.
    files: ['**/*.tsx', 'src/app/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // The geo barrel brings Clipper (a CommonJS module the bundler cannot shake off, ~37 KB gzip)
    // into whatever imports it: one import of it from the app put Clipper in the first download.
    files: ['src/app/**', 'src/embed/**', 'src/map/**', 'src/controllers/**', 'src/store/**', 'src/measure/**'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '/geo/index\\.ts$', message: 'Import the one geo module you need, not the barrel (it pulls Clipper into the bundle).' }] }],
    },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  {
    // no-base-to-string walks Playwright's page types without end on tests/e2e/embed.e2e.ts (ESLint
    // did not finish in 10 minutes); the end-to-end tests stringify only what pages return.
    files: ['tests/e2e/**/*.ts'],
    rules: { '@typescript-eslint/no-base-to-string': 'off' },
  },
);
