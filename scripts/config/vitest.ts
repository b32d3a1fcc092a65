import { configDefaults, defineConfig, mergeConfig, type ViteUserConfig } from 'vitest/config';

const INCLUDE = ['src/**/*.test.ts', 'test/**/*.test.ts'];

/** What a package's tests need beyond the shared defaults. */
export interface VitestPackageOptions {
  /**
   * Test files that must each get fresh modules (globs). By default the files a worker runs share
   * its module cache: discord.js, Sapphire and the framework are imported once per worker rather
   * than once per file, which cut CI's test time several-fold (imports were most of it). Files
   * that build a raw `SapphireClient` (Sapphire keeps registries in module state) list here.
   */
  isolated?: string[];
}

/**
 * The shared vitest configuration. Packages merge their own needs on top:
 * `export default createVitestConfig({ test: { testTimeout: 20_000 } })`.
 */
export function createVitestConfig(
  overrides: ViteUserConfig = {},
  { isolated = [] }: VitestPackageOptions = {},
) {
  const base = defineConfig({
    test: {
      // With isolated files the two projects below hold the includes (a project that extends the
      // root concatenates the root's include with its own).
      include: isolated.length === 0 ? INCLUDE : [],
      benchmark: { include: ['bench/**/*.bench.ts'] },
      // `*.test-d.ts` type tests are compiled by each package's `typecheck` task (tsc), which CI
      // runs anyway; running them again inside `test` doubled CI time. `vitest --typecheck` runs
      // them as named tests locally.
      typecheck: { enabled: false, include: ['src/**/*.test-d.ts', 'test/**/*.test-d.ts'] },
      environment: 'node',
      pool: 'forks',
      isolate: false,
      testTimeout: 30_000,
      hookTimeout: 30_000,
      ...(isolated.length === 0
        ? {}
        : {
            projects: [
              {
                extends: true,
                test: {
                  name: 'shared',
                  include: INCLUDE,
                  exclude: [...configDefaults.exclude, ...isolated],
                },
              },
              { extends: true, test: { name: 'isolated', include: isolated, isolate: true } },
            ],
          }),
    },
  });
  return mergeConfig(base, overrides);
}
