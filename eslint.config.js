// `npm run lint`: ESLint with typescript-eslint's type-aware rules on the TypeScript (checked
// against tsconfig.test.json, which includes src, tests, examples and scripts), and the
// recommended rules on the plain JavaScript scripts. generated/ is written by npm run generate.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['generated/**', 'dist/**', 'docs/api/**', 'reports/**', '.stryker-tmp/**', 'node_modules/**'] },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { project: './tsconfig.test.json', tsconfigRootDir: import.meta.dirname } },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
