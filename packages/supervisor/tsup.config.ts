import { createTsupConfig } from '../../scripts/config/tsup';

// Four entries: the supervisor (`.`), the worker-side API (`./worker`: setActivity, the relay
// strategy), the compile cache alone (`./compile-cache`: a CLI enables it before it loads
// anything else) and the worker thread's bootstrap (`worker-main`, not exported: the supervisor
// starts it by file URL). `shims` gives the CommonJS build an `import.meta.url` to find that file with.
export default createTsupConfig({
  entry: {
    index: 'src/index.ts',
    worker: 'src/worker/index.ts',
    'compile-cache': 'src/compile-cache.ts',
    'worker-main': 'src/worker/worker-main.ts',
  },
  shims: true,
});
