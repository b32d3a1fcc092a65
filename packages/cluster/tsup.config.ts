import { createTsupConfig } from '../../scripts/config/tsup';

// Two entries: the library, and the `cluster` extension (`@zoryx/cluster/extension`), which loads
// the framework; the library does not, so a gateway process never pays for the bot's code.
export default createTsupConfig({ entry: ['src/index.ts', 'src/extension.ts'] });
