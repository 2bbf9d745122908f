import { defineConfig } from 'vitest/config';

// The tests `npm run test:mutation` (Stryker) runs against each mutant of src/core, src/providers,
// src/tools and src/batch: the unit, provider, generated-operations, overload, observability, recipe,
// pipeline, raw, tools and batch suites. Left out: the hostile-server suites (real local sockets,
// slow per mutant; every rule they pin also has a fast test in test/core or test/providers, which
// is what this measures), the type tests, the soak, the sandbox CLI, the package builds and the
// browser.
export default defineConfig({
  test: {
    include: [
      'test/core/**/*.test.ts',
      'test/providers/**/*.test.ts',
      'test/generated/**/*.test.ts',
      'test/overload/**/*.test.ts',
      'test/observability/**/*.test.ts',
      'test/recipes/**/*.test.ts',
      'test/pipeline/**/*.test.ts',
      'test/raw/**/*.test.ts',
      'test/tools/**/*.test.ts',
      'test/batch/**/*.test.ts',
    ],
    // Generous: under Stryker's coverage instrumentation, on a loaded 2-core machine, the property-style
    // tests take long, and the redaction's 1 MB layered-escapes test took over 60 s in the dry run.
    testTimeout: 180_000,
  },
});
