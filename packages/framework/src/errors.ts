/** What a catalogue says about one code: when it is reported, and the hint it carries by default. */
interface CatalogueEntry {
  readonly meaning: string;
  readonly hint: string;
}

/**
 * Every code `@zoryx/framework` throws or reports, with when it is reported and its default hint.
 * The fault-isolation codes (`ZRX_EXTENSION_FAULT`, `ZRX_UNCAUGHT_EXCEPTION`,
 * `ZRX_UNHANDLED_REJECTION`, `ZRX_PIECE_FAILED`, `ZRX_CLIENT_ERROR`) are logged with an error id,
 * never thrown.
 *
 * @remarks The single source of these codes: {@link FrameworkErrorCode} is derived from its keys,
 * a {@link FrameworkError} without its own hint takes the one here, and docs/errors.md is
 * generated from it (`node scripts/errors-doc.mjs`).
 */
export const frameworkErrorCatalogue = {
  ZRX_CONFIG_JSON: {
    meaning: '`config.json` is not valid JSON (the message gives file, line and column)',
    hint: 'Fix the syntax at that spot; comments and trailing commas are not JSON. The file is never overwritten.',
  },
  ZRX_CONFIG_INVALID: {
    meaning:
      'a value in `config.json` breaks the schema, or a key is unknown (the message names every key path)',
    hint: 'Correct the named key (see the config table in the framework README) or delete it to use its default.',
  },
  ZRX_CONFIG_WRITE: {
    meaning: 'the default `config.json` could not be created on first run',
    hint: 'Make the folder writable, or create the file yourself (`{}` is valid).',
  },
  ZRX_ENV_INVALID: {
    meaning:
      'an environment variable is malformed (`BOT_OWNER_ID`, `ZORYX_DEV_GUILDS`, `ZORYX_DISCORD_API`, a toggle)',
    hint: 'Use comma-separated 17–20 digit ids, a URL, or true/false as the message says.',
  },
  ZRX_TOKEN_MISSING: {
    meaning: 'the bot was started without `DISCORD_TOKEN` and without an emulator',
    hint: 'Put `DISCORD_TOKEN=...` in `.env`, or start against `@zoryx/emulator` with `ZORYX_DISCORD_API`.',
  },
  ZRX_COMMAND_FAILED: {
    meaning: 'a command threw; the user sees the error id, the log line carries it with the stack',
    hint: 'Search the log for the error id shown to the user.',
  },
  ZRX_COMMAND_REPLY_EXPIRED: {
    meaning:
      'a command answered an interaction Discord no longer accepts (10062 Unknown interaction: later than 3 s without a defer; or 40060 already acknowledged); logged as a warning without a second, equally late error reply',
    hint: 'Call `interaction.deferReply()` first in commands that can take longer than 3 s; many of these at once mean the bot is overloaded.',
  },
  ZRX_COMMAND_SYNC: {
    meaning: 'registering application commands with Discord failed',
    hint: 'Read the Discord error in the message; fix the command it names, then restart or run the sync again.',
  },
  ZRX_COMMAND_OPTION_MISSING: {
    meaning:
      'a command answering a prefix invocation asked the message-backed interaction for a required option, subcommand or subcommand group the invocation does not carry (`options.getString(name, true)`, `getSubcommand()`, `getSubcommandGroup(true)`); thrown as a `TypeError`, as discord.js does',
    hint: 'Declare the option `required` in the command, or read it without `true` and handle `null`.',
  },
  ZRX_COMMAND_SLASH_ONLY: {
    meaning:
      'a command answering a prefix invocation called `showModal()`: a form needs a real interaction; thrown as a `TypeError`, as discord.js does for an interaction that cannot show one',
    hint: 'Run the command as a slash command; when it runs from a message, reply with a pointer to its slash form instead of opening the form.',
  },
  ZRX_PERMISSION_DENIED: {
    meaning:
      'a permission tier refused a command (owner-only, missing role, missing Discord permission)',
    hint: 'Ask a bot owner or the guild owner; guild owners can allow roles per command.',
  },
  ZRX_COOLDOWN: {
    meaning: 'a user ran a command more often than its cooldown allows (default 3 per 5 s)',
    hint: 'Wait the time shown, or raise `commands.<name>.cooldown` in `config.json`.',
  },
  ZRX_INTAKE_LIMITED: {
    meaning:
      'a user started more commands than `intake.commandsPerUser` allows (default 10 per 10 s, over all commands); the first refusal of the window gets a "slow down" notice, later ones no answer',
    hint: 'Wait for the window to end; for a busy bot raise `intake.commandsPerUser` in `config.json` (owners are never limited).',
  },
  ZRX_SHARED_LIMITS_UNAVAILABLE: {
    meaning:
      'the shared rate store (intake limits and cooldowns shared by several workers, e.g. Redis) failed, answered nonsense or was slower than its time limit; the hit was counted in this process instead, so the limits held per process (logged at most once a minute)',
    hint: 'Check the store (for `@zoryx/cluster`: the Redis server in `ZORYX_REDIS_URL`); limits are cluster-wide again as soon as it answers.',
  },
  ZRX_SHUTDOWN: {
    meaning: 'a step of the graceful shutdown failed (the others still ran)',
    hint: 'See the logged step; data already flushed is safe.',
  },
  ZRX_PIECE_CONFLICT: {
    meaning:
      'an extension brings a command/listener/precondition whose piece name another extension (or the framework) already uses; that extension fails to load',
    hint: "Rename one piece (`{ name: 'other', piece: MyCommand }` in the definition), or unload the other extension first.",
  },
  ZRX_PIECE_NAME: {
    meaning:
      'an extension brings a piece without a name (an anonymous class and no `name` option); that extension fails to load',
    hint: "Pass `{ name: 'my-piece', piece: MyClass }` in the definition, or give the class a name.",
  },
  ZRX_COMMAND_NO_EXTENSION: {
    meaning:
      "a command or component made with `defineCommand`/`defineComponent` ran without an owning extension (it was loaded straight into Sapphire's store), so it has no `ctx`",
    hint: 'List it in an extension: `defineExtension({ name, version, commands: [command] })` (or `components`).',
  },
  ZRX_COMPONENT_ID: {
    meaning:
      "a `defineComponent` id is empty, contains `:` or is longer than 100 characters, or `customId(data)` made an id over Discord's 100 characters",
    hint: 'Use a short id such as `poll-vote`, and short data (a key you look up in `run`).',
  },
  ZRX_GUILD_SETTING: {
    meaning:
      '`bot.settings(id)` got an id that is not a guild snowflake, or `get`/`set`/`reset` got an unknown key, or `set` got an invalid value (prefix not 1–5 characters or containing whitespace, `mentionPrefix` not a boolean, `locale` not a BCP 47 tag or null)',
    hint: "Use one of `prefix`, `mentionPrefix`, `locale` with a valid value, e.g. `bot.settings(guild.id).set('prefix', '?')`.",
  },
  ZRX_EXTENSION_FAULT: {
    meaning:
      'logged (with `errorId`, `extension` and `fault`: `uncaught-exception`, `unhandled-rejection`, `listener-error`) when an error escaped an extension: thrown from a timer or callback it started, a promise it left rejected (an un-awaited failing Discord call), or a `ctx.client` listener that threw. The bot keeps serving; the fault is counted in `data/framework/faults.json` and repeated faults quarantine the extension (`ZRX_EXT_QUARANTINED`)',
    hint: 'Search the log for the error id; fix the extension (await its promises, catch inside its callbacks); lift a quarantine with `/extensions unquarantine:<name>`',
  },
  ZRX_UNCAUGHT_EXCEPTION: {
    meaning:
      'logged as fatal when an uncaught exception cannot be attributed to any extension (by the running-extension context or the stack): the bot shuts down gracefully and exits with code 1, since its state may be corrupt; a process manager or the supervisor starts it again',
    hint: "Read the stack under the error id: the bug is in the bot's own code or a library; report it if it is in Zoryx",
  },
  ZRX_UNHANDLED_REJECTION: {
    meaning:
      'logged when a promise rejection nobody handled cannot be attributed to any extension; never fatal',
    hint: 'Read the stack under the error id and add the missing `await` or `.catch`',
  },
  ZRX_PIECE_FAILED: {
    meaning:
      "logged (with `errorId`, `extension`, `piece`) when Sapphire caught an error in a piece: a listener's `run`, a command's `registerApplicationCommands` or `autocompleteRun`, a context-menu command, an interaction handler's `parse` or `run` (the user gets the error id where one can be shown)",
    hint: 'Fix the named piece of the named extension; the log line has the stack',
  },
  ZRX_CLIENT_ERROR: {
    meaning:
      'logged when discord.js emitted an `error` event (which would end the process without a listener)',
    hint: 'Read the error; usually a network or gateway problem that discord.js recovers from',
  },
  ZRX_JOB_INVALID: {
    meaning:
      '`ctx.jobs.schedule` got a job it cannot keep: a bad id, not exactly one of `at`/`every`/`cron`, an `every` under 100 ms, a cron pattern or time zone croner rejects, a `maxRuns` that is not a whole number ≥ 1, or a payload that is not JSON (≤ 64 KiB); the message names the job and the field',
    hint: 'Fix the named field; see `ctx.jobs` in the framework README',
  },
  ZRX_JOB_HANDLER_UNKNOWN: {
    meaning:
      '`ctx.jobs.schedule` named a handler the extension has not registered with `ctx.jobs.handle`',
    hint: 'Call `ctx.jobs.handle(name, run)` in `setup` before scheduling jobs for it',
  },
  ZRX_JOB_FAILED: {
    meaning:
      'logged (with `errorId`, `extension`, `job`) when a job handler threw; a repeating job keeps its schedule, a one-shot job is retried after 30 s, 1, 2 and 4 min, then kept with its `lastError` and not run again',
    hint: 'Search the log for the error id and fix the handler; `ctx.jobs.list()` shows `lastError`',
  },
  ZRX_HOT_RELOAD_START: {
    meaning:
      'logged (with `directory`) when the hot reloader could not start watching the extensions folder after start() (chokidar missing, the folder unreadable, the system out of file watchers: `ENOSPC`); the bot keeps serving without hot reload and `hot_reload_failed` is emitted',
    hint: 'Fix the cause named in the log line (on Linux, raise `fs.inotify.max_user_watches` for ENOSPC) and restart, or set `autoReload: false`',
  },
  ZRX_EXTENSION_NO_SETTINGS: {
    meaning:
      '`bot.extensions.settingsOf` / `configure` named an extension the host knows no config schema of (unknown, never evaluated, or its definition declares no `config`)',
    hint: 'Check the name in `bot.extensions.status()`; settings exist only for extensions whose definition has a `config` schema',
  },
  ZRX_EXTENSION_SETTINGS_PATCH: {
    meaning:
      '`bot.extensions.configure` got a patch that is not a plain JSON object (a settings change is an object merged over the current config)',
    hint: 'Pass an object such as `{ "greeting": "Hi" }`; nested objects are merged, arrays replaced',
  },
} as const satisfies Record<string, CatalogueEntry>;

/** Every stable error code `@zoryx/framework` throws or reports: the keys of {@link frameworkErrorCatalogue}. */
export type FrameworkErrorCode = keyof typeof frameworkErrorCatalogue;

/**
 * The error class of `@zoryx/framework`: a stable `code`, a message naming what was wrong and
 * where, and a `hint` with a concrete fix.
 *
 * @example
 * ```ts
 * try { await loadConfig({ path: 'config.json' }); }
 * catch (error) { if (error instanceof FrameworkError) console.error(error.code, error.hint); }
 * ```
 */
export class FrameworkError extends Error {
  /** Stable machine-readable code, e.g. `ZRX_CONFIG_INVALID`. */
  public readonly code: FrameworkErrorCode;
  /** A concrete next step for the person who sees the error. */
  public readonly hint: string;

  /** Takes the catalogue's hint for `code`. */
  public constructor(code: FrameworkErrorCode, message: string, options?: { cause?: unknown });
  /** `hint` names a concrete fix for this case; `undefined` takes the catalogue's hint. */
  public constructor(
    code: FrameworkErrorCode,
    message: string,
    hint: string | undefined,
    options?: { cause?: unknown },
  );
  public constructor(
    code: FrameworkErrorCode,
    message: string,
    hintOrOptions?: string | { cause?: unknown },
    options?: { cause?: unknown },
  ) {
    super(message, typeof hintOrOptions === 'object' ? hintOrOptions : options);
    this.name = 'FrameworkError';
    this.code = code;
    this.hint =
      typeof hintOrOptions === 'string' ? hintOrOptions : frameworkErrorCatalogue[code].hint;
  }
}

/**
 * A coded error where a discord.js contract throws a `TypeError` (the option getters and
 * `showModal` of the interaction that lets a slash command answer a prefix invocation): callers
 * that catch `TypeError` as they would with discord.js still do, and it carries the same `code`
 * and `hint` as a {@link FrameworkError}.
 */
export class FrameworkTypeError extends TypeError {
  /** Stable machine-readable code, e.g. `ZRX_COMMAND_OPTION_MISSING`. */
  public readonly code: FrameworkErrorCode;
  /** A concrete next step for the person who sees the error. */
  public readonly hint: string;

  /** `hint` defaults to the catalogue's hint for `code`; pass a more specific one when you can. */
  public constructor(code: FrameworkErrorCode, message: string, hint?: string) {
    super(message);
    this.name = 'FrameworkTypeError';
    this.code = code;
    this.hint = hint ?? frameworkErrorCatalogue[code].hint;
  }
}
