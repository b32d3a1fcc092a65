import { createVitestConfig } from '../../scripts/config/vitest';

export default createVitestConfig();
