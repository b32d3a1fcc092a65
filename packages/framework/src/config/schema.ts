import { z } from 'zod';

const snowflake = z.string().regex(/^\d{17,20}$/, 'must be a Discord id (17–20 digits)');

const cooldownSchema = z.strictObject({
  limit: z.int().min(1).describe('Uses allowed per window.'),
  windowSeconds: z.number().min(0.5).describe('Length of the window in seconds.'),
});

/** An intake limit: a rate per user, or `false` for none. */
const intakeRuleSchema = z.union([cooldownSchema, z.literal(false)]);

const statusEntrySchema = z.strictObject({
  type: z
    .enum(['playing', 'watching', 'listening', 'competing', 'custom'])
    .default('watching')
    .describe('Activity type.'),
  text: z
    .string()
    .min(1)
    .max(128)
    .describe('Activity text; {guilds}, {users} and {commands} are replaced.'),
  presence: z.enum(['online', 'idle', 'dnd', 'invisible']).default('online'),
});

const commandOverrideSchema = z.strictObject({
  enabled: z.boolean().default(true).describe('false removes the command from every route.'),
  ownerOnly: z.boolean().optional().describe('true makes the command usable by bot owners only.'),
  cooldown: cooldownSchema.optional().describe('Overrides cooldowns.default for this command.'),
  pinned: z.boolean().optional().describe('Never fold this command under a category root.'),
  priority: z.number().optional().describe('Higher stays top-level first when folding.'),
});

/**
 * The schema of `config.json`. Every key has a default, so `{}` is a valid file; unknown keys
 * are refused so that typos surface instead of being silently ignored.
 */
export const configSchema = z.strictObject({
  $schema: z.string().optional(),
  prefix: z
    .string()
    .min(1)
    .max(5)
    .refine((p) => !/\s/.test(p), 'must not contain spaces')
    .default('!')
    .describe('Default message-command prefix; guilds may set their own.'),
  mentionPrefix: z.boolean().default(true).describe('Whether `@Bot command` works by default.'),
  owners: z
    .array(snowflake)
    .default([])
    .describe('Bot owner user ids (merged with BOT_OWNER_ID from the environment).'),
  autoReload: z.boolean().default(true).describe('Hot-reload extensions when their files change.'),
  supervise: z
    .boolean()
    .default(true)
    .describe(
      'Run the bot supervised (`zoryx start`, `runBot` of @zoryx/cli): the gateway in a supervisor, the bot in a worker thread restarted without re-identifying when an extension blocks the event loop, crashes or exhausts memory. false: one plain process.',
    ),
  status: z
    .strictObject({
      rotate: z.boolean().default(true),
      intervalSeconds: z.int().min(15).default(300),
      entries: z
        .array(statusEntrySchema)
        .default([{ type: 'watching', text: '{guilds} servers', presence: 'online' }]),
    })
    .prefault({}),
  logging: z
    .strictObject({
      level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
      dir: z.string().min(1).default('logs').describe('Folder of the rotating log files.'),
      file: z.boolean().default(true).describe('Write rotating log files.'),
      maxFileSizeMb: z.number().min(0.001).default(10),
      maxFiles: z.int().min(1).max(50).default(5),
      maxAgeDays: z
        .number()
        .min(0)
        .default(30)
        .describe('Rotated log files older than this are removed (0 keeps them all).'),
      currentRun: z
        .boolean()
        .default(true)
        .describe('Also write logs/current-run.log, holding only the current run.'),
      pretty: z
        .enum(['auto', 'always', 'never'])
        .default('auto')
        .describe('auto: pretty console output in development when pino-pretty is installed.'),
    })
    .prefault({}),
  data: z
    .strictObject({
      dir: z.string().min(1).default('data').describe('Store files and databases live here.'),
    })
    .prefault({}),
  extensions: z
    .strictObject({
      dir: z.string().min(1).default('extensions'),
      autoload: z.boolean().default(true),
      blacklist: z.array(z.string()).default([]),
      packages: z.array(z.string()).default([]).describe('npm packages to load as extensions.'),
      setupTimeoutMs: z.int().min(100).default(10_000),
      quarantine: z
        .strictObject({
          enabled: z
            .boolean()
            .default(true)
            .describe('false: faults are still logged and counted, never acted on.'),
          maxFaults: z
            .int()
            .min(1)
            .default(3)
            .describe('Faults within the window that quarantine an extension.'),
          windowMinutes: z.number().positive().default(10).describe('The window, in minutes.'),
          exempt: z
            .array(z.string())
            .default(['core'])
            .describe('Extensions never quarantined (core carries "/extensions unquarantine").'),
        })
        .prefault({})
        .describe(
          'Crash-loop breaker: an extension whose errors escape (uncaught exceptions, unhandled rejections, throwing client listeners, watchdog stalls) maxFaults times within windowMinutes is unloaded and skipped on later starts until an owner unquarantines it.',
        ),
      config: z
        .record(z.string(), z.unknown())
        .default({})
        .describe("Each extension's config, by extension name (validated by its schema)."),
    })
    .prefault({}),
  cooldowns: z
    .strictObject({
      default: cooldownSchema.default({ limit: 3, windowSeconds: 5 }),
    })
    .prefault({}),
  intake: z
    .strictObject({
      commandsPerUser: intakeRuleSchema
        .default({ limit: 10, windowSeconds: 10 })
        .describe(
          'Commands one user may start per window, over all commands and routes (slash, prefix, mention); beyond it one "slow down" notice, then silence until the window ends. Bot owners are exempt; false switches it off.',
        ),
      unknownCommandReplies: intakeRuleSchema
        .default({ limit: 1, windowSeconds: 30 })
        .describe(
          'Replies per user per window to messages that name no command (e.g. "@Bot" alone); beyond it, silence. false switches it off.',
        ),
    })
    .prefault({})
    .describe('Per-user limits on what the bot answers, against spam; cooldowns still apply.'),
  commands: z
    .record(z.string(), commandOverrideSchema)
    .default({})
    .describe('Per-command overrides, keyed by command name.'),
  slashLimit: z
    .strictObject({
      maxTopLevel: z.int().min(1).max(100).default(100),
      warningThreshold: z.int().min(1).max(100).default(90),
      safeLimit: z.int().min(1).max(100).default(95),
      fold: z.boolean().default(true),
      prefixFallback: z.boolean().default(true),
    })
    .prefault({}),
  devGuilds: z
    .array(snowflake)
    .default([])
    .describe('When set, commands register in these guilds instead of globally.'),
  components: z
    .strictObject({
      hotReload: z.boolean().default(true),
      commandSync: z.boolean().default(true),
      statusRotation: z.boolean().default(true),
      messageCommands: z.boolean().default(true),
    })
    .prefault({}),
});

/** The validated configuration, every default applied. */
export type ZoryxConfig = z.output<typeof configSchema>;
/** What may be written in `config.json` (every key optional). */
export type ZoryxConfigInput = z.input<typeof configSchema>;

// Written out without zod (the main entry has it and loads no zod); tested against this schema.
export { defaultConfig } from './defaults.js';
