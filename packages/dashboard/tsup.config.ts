import { createTsupConfig } from '../../scripts/config/tsup';

// Two entries: the extension (`.`) and the probe port's thread (`probe-worker`, not exported:
// probe-server.ts starts it by file URL). `shims` gives the CommonJS build an `import.meta.url`
// to find that file with.
export default createTsupConfig({
  entry: { index: 'src/index.ts', 'probe-worker': 'src/probes/probe-worker.ts' },
  shims: true,
});
