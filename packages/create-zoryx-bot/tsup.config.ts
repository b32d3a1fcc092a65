import { createTsupConfig } from '../../scripts/config/tsup';

// ESM only: @clack/prompts is ESM only, and a CLI has no `require` users. The library entry
// (`run`) is ESM too; attw checks it with the esm-only profile.
export default createTsupConfig({ entry: ['src/index.ts', 'src/cli.ts'], format: ['esm'] });
