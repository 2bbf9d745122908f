import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // A safety net against hangs, not a speed check: CI's 2 cores may be busy, and no test
    // depends on real time (they run on src/testing/test-clock.ts, exported as TestClock from memwire/testing).
    testTimeout: 60_000,
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.test.json' },
  },
});
