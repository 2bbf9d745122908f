import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The browser test: headless Chromium against the sandbox, outside `npm test` (whose include,
// test/**/*.test.ts, does not match *.browser.ts). Run after `npm run build`:
//   npx vitest run --config test/browser/vitest.config.ts
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: ['test/browser/**/*.browser.ts'],
    // Every wait inside is bounded at a few seconds; these only catch what slips through.
    testTimeout: 15_000,
    hookTimeout: 30_000,
    fileParallelism: false,
  },
});
