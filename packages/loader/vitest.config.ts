import { createVitestConfig } from '../../scripts/config/vitest';

export default createVitestConfig({ test: { testTimeout: 30_000, hookTimeout: 30_000 } });
