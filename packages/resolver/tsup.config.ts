import { createTsupConfig } from '../../scripts/config/tsup';

// semver ships as 47 CommonJS files; every bot's worker loads them one by one through the
// loader (~30–40 ms CPU of each cold start). Bundled into our dist they load as one file.
// semver stays a dependency for its types (`ParsedVersion`); no semver object crosses the
// package's API by identity (callers get plain data, strings and our own errors).
export default createTsupConfig({ entry: ['src/index.ts', 'src/cli.ts'], noExternal: ['semver'] });
