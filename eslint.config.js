// `npm run lint`: ESLint with typescript-eslint's type-aware rules on the TypeScript (checked
// against tsconfig.test.json, which includes src, tests, examples and scripts, and
// tsconfig.sandbox.json, which has src/sandbox: tsconfig.json, which the test project extends,
// excludes it), and the recommended rules on the plain JavaScript scripts. generated/ is written
// by npm run generate.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'generated/**',
      'dist/**',
      'docs/api/**',
      'reports/**',
      '.stryker-tmp/**',
      'node_modules/**',
      'bench/.snapshot/**',
      'test/readme/.run-*/**',
    ],
  }, // bench/.snapshot: the bench's copy of dist
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.test.json', './tsconfig.sandbox.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // The project's conventions for a deliberately unused name: a `_`-prefixed parameter (a base
      // method's, which overrides use) and a property destructured away to omit it from `...rest`.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // A function a newcomer can follow in one pass: past 15 paths, split it.
    files: ['src/**/*.ts'],
    rules: { complexity: ['error', 15] },
  },
  {
    // Type-level tests (vitest's typecheck mode) are only type-checked, never run: the promises
    // their calls return are never created, so none can float, and methods are referenced only so
    // that expectTypeOf can read their parameter types, never called without their object.
    files: ['test/**/*.test-d.ts'],
    rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/unbound-method': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
