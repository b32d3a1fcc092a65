import { createTsupConfig } from '../../scripts/config/tsup';

// A command-line tool: ESM only (its library entry is for tests and tools that drive the chat).
export default createTsupConfig({ entry: ['src/index.ts', 'src/cli.ts'], format: ['esm'] });
