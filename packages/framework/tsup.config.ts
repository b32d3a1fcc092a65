import { createTsupConfig } from '../../scripts/config/tsup';

// Two entries share one copy of every module (splitting): the framework keeps per-client state
// in module-level WeakMaps that `@zoryx/framework` and `/internals` must both see.
export default createTsupConfig({
  entry: { index: 'src/index.ts', internals: 'src/internals.ts' },
  splitting: true,
});
