import { createVitestConfig } from '../../scripts/config/vitest.ts';

export default createVitestConfig({ test: { testTimeout: 60_000, hookTimeout: 180_000 } });
