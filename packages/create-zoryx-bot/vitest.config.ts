import { createVitestConfig } from '../../scripts/config/vitest.ts';

// Spawned end-to-end runs (a real `npm install`, `git init`) take seconds on a busy 2-core box.
export default createVitestConfig({
  test: { testTimeout: 60_000, hookTimeout: 60_000, globalSetup: ['test/global-setup.ts'] },
});
