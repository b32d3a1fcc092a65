import { createTsupConfig } from '../../scripts/config/tsup';

// kysely ships as ~260 ES modules; loading them one by one costs 90–200 ms of every bot's cold
// start. Bundling it into our dist loads it as one file (~15 ms). kysely stays a dependency: the
// public types (`Kysely<GuildTables>`, `Migration`) still come from the user's copy, and kysely
// recognises queries, `sql` fragments and plugins by shape, not by class identity.
export default createTsupConfig({ noExternal: ['kysely'] });
