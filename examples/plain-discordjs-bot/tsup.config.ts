import { createTsupConfig } from '../../scripts/config/tsup';

// An application, not a library: one ESM entry point, no type declarations, no CommonJS twin.
export default createTsupConfig({ format: ['esm'], dts: false });
