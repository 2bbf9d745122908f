import { defineConfig } from 'vitest/config';

// The tests `npm run test:mutation` (Stryker) runs against each mutant of src/core and src/providers:
// the unit, provider and generated-list tests, the hostile-server suites (real local sockets; each
// mutant runs only the tests that cover it), the observability tests and the recipes. Left out: the
// type tests, the soak, the sandbox CLI, the package builds and the browser, which are slow per
// mutant and pin nothing these do not.
export default defineConfig({
  test: {
    include: [
      'test/core/**/*.test.ts',
      'test/providers/**/*.test.ts',
      'test/generated/**/*.test.ts',
      'test/hostile/**/*.test.ts',
      'test/observability/**/*.test.ts',
      'test/recipes/**/*.test.ts',
    ],
    // Generous: under Stryker's coverage instrumentation, on a loaded 2-core machine, the property-style tests take long.
    testTimeout: 60_000,
  },
});
