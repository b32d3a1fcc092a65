import { createVitestConfig } from '../../scripts/config/vitest.ts';

export default createVitestConfig();
