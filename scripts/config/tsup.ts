import { defineConfig, type Options } from 'tsup';

/**
 * The one tsup configuration every publishable package builds with:
 * ESM first, a CommonJS twin for `require` users, `.d.ts` + `.d.cts` types.
 * Packages pass only what differs (extra entry points, a CLI banner).
 *
 * Tree shaking is esbuild's own. tsup's extra Rollup pass (`treeshake: true`) is kept only where
 * split ESM chunks must become CommonJS (`splitting: true`, the framework): elsewhere it removed
 * nothing worth having and printed a warning for every extension entry, whose default export
 * (the extension) sits beside named ones — the CommonJS shape is the same without it.
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
    treeshake: overrides.splitting === true,
    shims: false,
    ...overrides,
  });
}
