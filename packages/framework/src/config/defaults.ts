// The documented defaults of config.json, without zod: `@zoryx/framework` itself does not load
// zod (it loads on the first validation, see config-on-demand.ts), and `defaultConfig()` is part
// of its main entry. defaults.test.ts checks this equals what the schema makes of `{}`.
import type { ZoryxConfig } from './schema.js';

/** The configuration a fresh `config.json` holds: every documented default (a new object). */
export function defaultConfig(): ZoryxConfig {
  return {
    prefix: '!',
    mentionPrefix: true,
    owners: [],
    autoReload: true,
    supervise: true,
    status: {
      rotate: true,
      intervalSeconds: 300,
      entries: [{ type: 'watching', text: '{guilds} servers', presence: 'online' }],
    },
    logging: {
      level: 'info',
      dir: 'logs',
      file: true,
      maxFileSizeMb: 10,
      maxFiles: 5,
      maxAgeDays: 30,
      currentRun: true,
      pretty: 'auto',
    },
    data: { dir: 'data' },
    extensions: {
      dir: 'extensions',
      autoload: true,
      blacklist: [],
      packages: [],
      setupTimeoutMs: 10_000,
      quarantine: { enabled: true, maxFaults: 3, windowMinutes: 10, exempt: ['core'] },
      config: {},
    },
    cooldowns: { default: { limit: 3, windowSeconds: 5 } },
    intake: {
      commandsPerUser: { limit: 10, windowSeconds: 10 },
      unknownCommandReplies: { limit: 1, windowSeconds: 30 },
    },
    commands: {},
    slashLimit: {
      maxTopLevel: 100,
      warningThreshold: 90,
      safeLimit: 95,
      fold: true,
      prefixFallback: true,
    },
    devGuilds: [],
    components: {
      hotReload: true,
      commandSync: true,
      statusRotation: true,
      messageCommands: true,
    },
  };
}
