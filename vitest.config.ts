import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // PGlite is single-threaded and memory hungry: two files at a time is what 2 cores hold.
    maxWorkers: 2,
  },
});
