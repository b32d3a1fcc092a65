import { createTsupConfig } from '../../scripts/config/tsup';

export default createTsupConfig({ entry: ['src/index.ts', 'src/cli.ts'] });
