import { defineConfig, mergeConfig, type ViteUserConfig } from 'vitest/config';

/**
 * The shared vitest configuration. Packages merge their own needs on top:
 * `export default createVitestConfig({ test: { testTimeout: 20_000 } })`.
 */
export function createVitestConfig(overrides: ViteUserConfig = {}) {
  const base = defineConfig({
    test: {
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      benchmark: { include: ['bench/**/*.bench.ts'] },
      // `*.test-d.ts` type tests are compiled by each package's `typecheck` task (tsc), which CI
      // runs anyway; running them again inside `test` doubled CI time. `vitest --typecheck` runs
      // them as named tests locally.
      typecheck: { enabled: false, include: ['src/**/*.test-d.ts', 'test/**/*.test-d.ts'] },
      environment: 'node',
      pool: 'forks',
      testTimeout: 30_000,
      hookTimeout: 30_000,
      reporters: process.env.CI ? ['default'] : ['default'],
    },
  });
  return mergeConfig(base, overrides);
}
