import { defineConfig } from 'vitest/config';

/** Runs only the long crash torture (`pnpm run torture`); never part of `test`. */
export default defineConfig({
  test: {
    include: ['bench/crash-torture.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 3_600_000,
  },
});
