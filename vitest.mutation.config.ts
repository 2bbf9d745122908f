import { defineConfig } from 'vitest/config';

// The tests `npm run test:mutation` (Stryker) runs against each mutant of src/core and src/providers:
// the unit, provider and hostile-server tests, without the type tests, the soak or the package builds.
export default defineConfig({
  test: {
    include: [
      'test/core/**/*.test.ts',
      'test/providers/**/*.test.ts',
      'test/hostile/**/*.test.ts',
      'test/generated/**/*.test.ts',
    ],
    testTimeout: 60_000,
  },
});
