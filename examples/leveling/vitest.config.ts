import { createVitestConfig } from '../../scripts/config/vitest.ts';

// Each test file boots one real bot against @zoryx/emulator (Sapphire keeps its registries in
// module-global state, so one bot per file, each file in its own process).
export default createVitestConfig({ test: { testTimeout: 30_000, hookTimeout: 60_000 } });
