import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { getHeapStatistics } from 'node:v8';
import type { GatewayPresenceUpdateData } from 'discord-api-types/v10';
import type { BackoffOptions } from './backoff.js';
import { SupervisorError } from './errors.js';
import type { BufferLimits } from './relay-stream.js';

/**
 * Where the supervisor logs. A pino logger fits as is; so does anything with these four methods.
 * `data` always carries a `code` for faults (`ZRX_SUPERVISOR_*`).
 */
export interface SupervisorLogger {
  debug(data: object, message: string): void;
  info(data: object, message: string): void;
  warn(data: object, message: string): void;
  error(data: object, message: string): void;
}

/** Options of {@link startSupervisor}. */
export interface SupervisorOptions {
  /**
   * The module the worker runs: a `URL`, a `file:` URL string or an absolute path. It must be
   * JavaScript (the worker imports it as is) and export a default function
   * `(relay: WorkerRelay) => Promise<bot>`; see `@zoryx/supervisor/worker`.
   */
  entry: URL | string;
  /** The bot token. Default `process.env.DISCORD_TOKEN`. Given to the worker as `DISCORD_TOKEN`. */
  token?: string;
  /**
   * Gateway intents (bitfield). Default: the framework's set, Guilds | GuildMembers |
   * GuildMessages | DirectMessages | MessageContent | GuildVoiceStates | GuildMessageReactions |
   * AutoModerationExecution. The worker's client gets the same.
   */
  intents?: number;
  /**
   * REST base URL without the version (`http://127.0.0.1:PORT/api` for the emulator). Default
   * `process.env.ZORYX_DISCORD_API`, else Discord. Given to the worker as `ZORYX_DISCORD_API`.
   */
  apiBase?: string;
  /** The gateway session. */
  gateway?: {
    /** Shards this supervisor holds (default: all of `shardCount`). */
    shardIds?: number[];
    /** Total shards (default: Discord's recommendation). */
    shardCount?: number;
    /** Presence sent with IDENTIFY (later presence updates from the worker are kept for re-IDENTIFYs). */
    initialPresence?: GatewayPresenceUpdateData;
    /** IDENTIFY's `large_threshold`. */
    largeThreshold?: number;
    /** How long to wait for the GUILD_CREATEs a READY announced, ms (default 15,000, as discord.js). */
    waitGuildTimeoutMs?: number;
  };
  /** When a worker is replaced. */
  watchdog?: {
    /** A serving worker's event loop blocked this long is a stall: the worker is terminated, ms (default 5,000). */
    blockedMs?: number;
    /**
     * The same for a worker that is still starting, ms (default 30,000): loading discord.js and
     * the framework and compiling extensions block for long stretches on a slow machine. It
     * covers only that boot work: while the activity slot names what runs (`setActivity`: an
     * extension's setup or top level), `blockedMs` applies from when it was named.
     */
    startBlockedMs?: number;
    /**
     * The worker's V8 heap limit (`resourceLimits.maxOldGenerationSizeMb`), MiB. Default: the
     * limit Node gives this process's own heap (about a quarter of the machine's memory, at most
     * 4,096 on 64-bit; `--max-old-space-size` moves it), so the bot has the heap it would have in
     * one process. A lower limit also makes V8 collect more often: under 2,048 MiB it lets the
     * heap grow less between major collections (at 1,024, 2.5× as many in the relay benchmark).
     */
    memoryMb?: number;
    /** A worker not serving this long after it was told to start is replaced, ms (default 60,000). */
    startTimeoutMs?: number;
  };
  /**
   * Keep a standby worker: spawned about a second after a worker starts serving, it imports the
   * entry (discord.js, the framework…) and waits, so a restart skips the module loading. Costs
   * one idle thread's memory. The entry's top level runs in it ahead of need: keep side effects
   * in the default function. Default true.
   */
  standby?: boolean;
  /** Limits of the buffer holding events while no worker serves. */
  buffer?: Partial<BufferLimits>;
  /** Delays between restarts after faults. */
  backoff?: Partial<BackoffOptions>;
  /** How long a worker gets for its graceful shutdown before it is terminated, ms (default 10,000). */
  shutdownTimeoutMs?: number;
  /** Close gracefully on SIGINT/SIGTERM, then exit the process. Default true. */
  handleSignals?: boolean;
  /** Extra environment variables for the worker, over a copy of `process.env`. */
  env?: Record<string, string>;
  /** Where the supervisor logs (default: warnings and errors to stderr). */
  logger?: SupervisorLogger;
}

/** The options with every default filled in. */
export interface ResolvedOptions {
  entry: string;
  token: string;
  intents: number;
  apiBase: string | undefined;
  shardIds: number[] | undefined;
  shardCount: number | undefined;
  initialPresence: GatewayPresenceUpdateData | undefined;
  largeThreshold: number | undefined;
  waitGuildTimeoutMs: number;
  blockedMs: number;
  startBlockedMs: number;
  memoryMb: number;
  startTimeoutMs: number;
  standby: boolean;
  buffer: BufferLimits;
  backoff: BackoffOptions;
  shutdownTimeoutMs: number;
  handleSignals: boolean;
  env: Record<string, string>;
  logger: SupervisorLogger;
}

/**
 * Guilds | GuildMembers | GuildVoiceStates | GuildMessages | GuildMessageReactions |
 * DirectMessages | MessageContent | AutoModerationExecution: the framework's default.
 */
export const DEFAULT_INTENTS = 1 | 2 | 128 | 512 | 1024 | 4096 | 32768 | 2_097_152;

function invalid(option: string, message: string, hint: string): SupervisorError {
  return new SupervisorError('ZRX_SUPERVISOR_OPTIONS_INVALID', `${option}: ${message}`, hint);
}

function positive(option: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) {
    throw invalid(
      option,
      `must be a positive number, got ${String(value)}`,
      `Pass a number > 0 or leave ${option} out.`,
    );
  }
  return value;
}

function entryUrl(entry: URL | string): string {
  if (entry instanceof URL) return entry.href;
  if (entry.startsWith('file:')) return entry;
  if (isAbsolute(entry)) return pathToFileURL(entry).href;
  throw invalid(
    'entry',
    `"${entry}" is neither a URL nor an absolute path`,
    "Pass new URL('./bot.js', import.meta.url) or an absolute path.",
  );
}

/** A logger writing warnings and errors to stderr, one line each. */
export function stderrLogger(): SupervisorLogger {
  const write = (level: string) => (data: object, message: string) => {
    process.stderr.write(`[zoryx supervisor] ${level} ${message} ${JSON.stringify(data)}\n`);
  };
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: write('warn'),
    error: write('error'),
  };
}

/** Validates the options and fills in the defaults. Throws `ZRX_SUPERVISOR_OPTIONS_INVALID`. */
export function resolveOptions(options: SupervisorOptions): ResolvedOptions {
  const token = options.token ?? process.env.DISCORD_TOKEN?.trim();
  if (!token) {
    throw invalid('token', 'no bot token', 'Pass { token } or set DISCORD_TOKEN.');
  }
  const intents = options.intents ?? DEFAULT_INTENTS;
  if (!Number.isSafeInteger(intents) || intents < 0) {
    throw invalid(
      'intents',
      `must be a bitfield, got ${String(intents)}`,
      'Combine GatewayIntentBits with |.',
    );
  }
  const apiBase = options.apiBase ?? (process.env.ZORYX_DISCORD_API?.trim() || undefined);
  if (apiBase !== undefined && !URL.canParse(apiBase)) {
    throw invalid(
      'apiBase',
      `"${apiBase}" is not a URL`,
      'Pass a REST base such as http://127.0.0.1:3000/api.',
    );
  }
  const gateway = options.gateway ?? {};
  const watchdog = options.watchdog ?? {};
  return {
    entry: entryUrl(options.entry),
    token,
    intents,
    apiBase,
    shardIds: gateway.shardIds,
    shardCount: gateway.shardCount,
    initialPresence: gateway.initialPresence,
    largeThreshold: gateway.largeThreshold,
    waitGuildTimeoutMs: positive('gateway.waitGuildTimeoutMs', gateway.waitGuildTimeoutMs, 15_000),
    blockedMs: positive('watchdog.blockedMs', watchdog.blockedMs, 5_000),
    startBlockedMs: positive('watchdog.startBlockedMs', watchdog.startBlockedMs, 30_000),
    memoryMb: positive('watchdog.memoryMb', watchdog.memoryMb, defaultMemoryMb()),
    startTimeoutMs: positive('watchdog.startTimeoutMs', watchdog.startTimeoutMs, 60_000),
    standby: options.standby ?? true,
    buffer: {
      maxEvents: positive('buffer.maxEvents', options.buffer?.maxEvents, 10_000),
      maxBytes: positive('buffer.maxBytes', options.buffer?.maxBytes, 32 * 1024 * 1024),
    },
    backoff: {
      initialMs: positive('backoff.initialMs', options.backoff?.initialMs, 100),
      maxMs: positive('backoff.maxMs', options.backoff?.maxMs, 30_000),
      resetAfterMs: positive('backoff.resetAfterMs', options.backoff?.resetAfterMs, 60_000),
    },
    shutdownTimeoutMs: positive('shutdownTimeoutMs', options.shutdownTimeoutMs, 10_000),
    handleSignals: options.handleSignals ?? true,
    env: options.env ?? {},
    logger: options.logger ?? stderrLogger(),
  };
}

/** This process's own V8 heap limit, MiB: the worker's default (see `watchdog.memoryMb`). */
export function defaultMemoryMb(): number {
  return Math.floor(getHeapStatistics().heap_size_limit / 1_048_576);
}
