import { createTsupConfig } from '../../scripts/config/tsup';

// The entries share one copy of every module (splitting): the framework keeps per-client state
// in module-level WeakMaps that `@zoryx/framework` and `/internals` must both see. `/config`
// (config, env, fault policy: no discord.js) and `/env` (the environment and intents: not even
// zod) are the light ones, for a supervising main thread.
export default createTsupConfig({
  entry: {
    index: 'src/index.ts',
    internals: 'src/internals.ts',
    config: 'src/config-entry.ts',
    env: 'src/env-entry.ts',
  },
  splitting: true,
  esbuildOptions(options) {
    // The bare imports of the table and ctx augmentations (`import './settings-table.js'`) are
    // there for the bundled .d.ts, which loses a `declare module` reached only by `import type`;
    // esbuild rightly drops them from the JS (sideEffects: false) and need not say so.
    options.logOverride = { ...options.logOverride, 'ignored-bare-import': 'silent' };
  },
});
