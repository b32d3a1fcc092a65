// The CLI's first step, an entry of its own (dist/compile-cache.js): bin/zoryx.mjs imports it
// alone, before the rest of the CLI is compiled, and the package entry's runBot calls it before it
// imports the run path, so Node ≥ 22.1's module compile cache covers everything loaded after it.
// The function is @zoryx/supervisor's (one small subpath module): it also hands the folder to the
// supervised worker thread through NODE_COMPILE_CACHE. See its TSDoc for the folder and opt-outs.
export {
  COMPILE_CACHE_ENV,
  type CompileCacheResult as CompileCacheStatus,
  enableCompileCache as startCompileCache,
} from '@zoryx/supervisor/compile-cache';
