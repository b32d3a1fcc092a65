import { defineConfig, type Options } from 'tsup';

/**
 * The one tsup configuration every publishable package builds with:
 * ESM first, a CommonJS twin for `require` users, `.d.ts` + `.d.cts` types.
 * Packages pass only what differs (extra entry points, a CLI banner).
 */
export function createTsupConfig(overrides: Options = {}) {
  return defineConfig({
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'node20',
    platform: 'node',
    splitting: false,
    treeshake: true,
    shims: false,
    ...overrides,
  });
}
