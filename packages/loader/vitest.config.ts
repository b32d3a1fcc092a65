import { createVitestConfig } from '../../scripts/config/vitest.ts';

export default createVitestConfig({ test: { testTimeout: 30_000, hookTimeout: 30_000 } });
