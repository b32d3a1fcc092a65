import { createVitestConfig } from '../../scripts/config/vitest.ts';

// The end-to-end tests install from a local registry with npm: minutes on a loaded 2-core machine
// (a 60 s limit timed out once at load 30, and the abandoned operation then held the lock).
export default createVitestConfig({ test: { testTimeout: 180_000, hookTimeout: 180_000 } });
