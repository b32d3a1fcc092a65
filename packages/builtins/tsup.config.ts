import { createTsupConfig } from '../../scripts/config/tsup';

// One entry per built-in extension, so a bot can load each one as an npm-package extension
// (`@zoryx/builtins/core`, …) and switch it off by leaving it out of config.json.
export default createTsupConfig({
  entry: {
    index: 'src/index.ts',
    'core/index': 'src/core/index.ts',
    'registry/index': 'src/registry/index.ts',
    'hooks/index': 'src/hooks/index.ts',
    'diagnostics/index': 'src/diagnostics/index.ts',
    'limits/index': 'src/limits/index.ts',
  },
});
