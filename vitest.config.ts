import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Benchmarks measure the machine; keep test files from competing for its two cores.
    fileParallelism: false,
    // One temporary directory per test run, removed at its end (test/setup/temp-dir.ts).
    globalSetup: ['test/setup/temp-dir.ts'],
  },
});
