import { defineConfig } from 'vitest/config';

// The tests `npm run test:mutation` (Stryker) runs against each mutant of src/core and src/providers:
// the unit and provider tests (as when the score was first measured), without the hostile-server
// suites (real sockets, which make each mutant slow), the type tests, the soak or the package builds.
export default defineConfig({
  test: {
    include: ['test/core/**/*.test.ts', 'test/providers/**/*.test.ts', 'test/generated/**/*.test.ts'],
    testTimeout: 15_000,
  },
});
