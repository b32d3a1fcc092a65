import { createVitestConfig } from '../../scripts/config/vitest.ts';

export default createVitestConfig(
  {},
  { isolated: ['test/sapphire.test.ts', 'test/example-sapphire.test.ts'] },
);
