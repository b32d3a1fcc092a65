import { createTsupConfig } from '../../scripts/config/tsup';

// `engine` is the library without the extension (no @zoryx/framework, no discord.js): what the
// `zoryx ext` command loads.
export default createTsupConfig({ entry: ['src/index.ts', 'src/engine.ts'] });
