import { resolve } from 'node:path';
import { createDatabase } from '@zoryx/db';
import { HookBus } from '@zoryx/hooks';
import type { ActivitySink, HotReloaderOptions } from '@zoryx/loader';
import { AtomicStore, lockDataFolder } from '@zoryx/store';
import type { ClientOptions } from 'discord.js';
import type { Logger } from 'pino';
import { loadConfig, parseConfigInput } from '../config/config-on-demand.js';
import { applyEnv, loadDotEnv, readEnv } from '../config/env.js';
import type { ZoryxConfig, ZoryxConfigInput } from '../config/schema.js';
import { createLogger } from '../logging/create-logger.js';
import type { BotRuntime } from './bot-runtime.js';
import { ZoryxClient } from './zoryx-client.js';

/** Options of {@link createBot}. */
export interface CreateBotOptions {
  /** The bot's folder: `config.json`, `.env`, `extensions/`, `data/`, `logs/`. Default `process.cwd()`. */
  cwd?: string;
  /** Path of the config file. Default `<cwd>/config.json` (created with defaults when missing). */
  configPath?: string;
  /**
   * Configuration given in code instead of `config.json` (validated the same way; the file is
   * then neither read nor created).
   */
  config?: ZoryxConfigInput;
  /** Environment to read (default `process.env`, after loading `<cwd>/.env` into it). */
  env?: Record<string, string | undefined>;
  /** Extra discord.js client options (e.g. the emulator's `clientOptions()`). */
  clientOptions?: Partial<ClientOptions>;
  /** Use this pino logger instead of creating one from the config. */
  logger?: Logger;
  /** Install SIGINT/SIGTERM handlers. Default true. */
  handleSignals?: boolean;
  /**
   * Install `uncaughtException`/`unhandledRejection` handlers when `start()` runs, for a bot that
   * owns its process (or worker thread): an error an extension lets escape (a throwing timer, a
   * floating rejected promise, an un-awaited failing Discord call) is logged with an error id
   * and the extension's name and counted as its fault (repeated faults quarantine it), and the
   * bot keeps serving; an uncaught exception no extension can be blamed for shuts the bot down
   * gracefully and exits with code 1 (a process manager or the supervisor restarts it).
   * Default: the value of `handleSignals` (true), so a test bot with `handleSignals: false`
   * leaves the process's handlers to the test runner unless it sets this.
   */
  handleErrors?: boolean;
  /**
   * Told synchronously which extension starts running (its name) and, when that stretch
   * returns, what runs again (`null`: the bot). Plug `@zoryx/supervisor/worker`'s `setActivity`
   * in a supervised worker, so the watchdog names the extension that blocks the event loop.
   */
  activity?: ActivitySink;
  /**
   * The runtime hosting the bot, for `client.runtime`: `zoryx start`'s supervised worker passes
   * its relay here. Leave it out in one process.
   */
  runtime?: BotRuntime;
  /** Module instances shared with extension code. */
  sharedModules?: Readonly<Record<string, unknown>>;
  /** Hot reloader tuning. */
  hotReload?: HotReloaderOptions;
  /** Quiet time before command changes are planned and synced. Default 100 ms. */
  commandDebounceMs?: number;
}

/**
 * Creates a bot from its folder: reads `.env` and `config.json` (creating it with documented
 * defaults on first run), sets up logging, the hook bus, the atomic store and the databases
 * under `data/`, and returns a {@link ZoryxClient}. Call `start()` on it to go online.
 *
 * @example
 * ```ts
 * const bot = await createBot({ cwd: import.meta.dirname });
 * await bot.start();
 * ```
 */
export function createBot(options: CreateBotOptions = {}): Promise<ZoryxClient> {
  return buildBot(options);
}

/**
 * `createBot` with the bot's config already validated in this process — `config.json` or the
 * config in code, as `loadConfig` / `configSchema.parse` returned it, before the environment's
 * overrides (createBot applies those). runBot's worker takes it from its supervising thread,
 * which validated it while the worker loaded: the worker then need not load zod for it.
 * `configPath` and `config` are not read.
 */
export function createBotWithConfig(
  options: CreateBotOptions,
  validated: ZoryxConfig,
): Promise<ZoryxClient> {
  return buildBot(options, validated);
}

async function buildBot(options: CreateBotOptions, validated?: ZoryxConfig): Promise<ZoryxClient> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const env = options.env ?? process.env;
  await loadDotEnv(cwd, env);
  const zoryxEnv = readEnv(env);
  const fileConfig =
    validated ??
    (options.config === undefined
      ? (await loadConfig({ path: options.configPath ?? resolve(cwd, 'config.json') })).config
      : await parseConfigInput(options.config));
  const config = applyEnv(fileConfig, zoryxEnv);
  const logs = options.logger
    ? { logger: options.logger, close: async () => undefined }
    : createLogger({
        logging: config.logging,
        cwd,
        secrets: zoryxEnv.token ? [zoryxEnv.token] : [],
      });
  const dataDir = resolve(cwd, config.data.dir);
  // One bot per data folder: a second one would answer every message twice and race the files.
  const lock = await lockDataFolder(dataDir).catch(async (error: unknown) => {
    await logs.close();
    throw error;
  });
  const hooks = new HookBus();
  const store = new AtomicStore({
    root: dataDir,
    onCorrupt: (event) =>
      logs.logger.warn(
        {
          code: event.error.code,
          file: event.file,
          movedTo: event.movedTo,
          restoredFrom: event.restoredFrom,
        },
        event.error.message,
      ),
  });
  // Guild settings take their defaults from the config inside the client (ZoryxClient#settings).
  // ZORYX_DATABASE_URL: PostgreSQL shared by every process of a clustered bot (a schema per guild).
  const databaseUrl = env.ZORYX_DATABASE_URL?.trim();
  const db = createDatabase(
    databaseUrl
      ? { dialect: 'postgres', connectionString: databaseUrl, dir: resolve(dataDir, 'db') }
      : { dir: resolve(dataDir, 'db') },
  );
  const rest = zoryxEnv.apiBase ? { rest: { api: zoryxEnv.apiBase } } : {};
  return new ZoryxClient({
    ...rest,
    ...options.clientOptions,
    zoryx: {
      config,
      logger: logs.logger,
      hooks,
      store,
      db,
      cwd,
      ...(zoryxEnv.token ? { token: zoryxEnv.token } : {}),
      onClosed: async () => {
        await logs.close();
        await lock.release();
      },
      ...(options.sharedModules ? { sharedModules: options.sharedModules } : {}),
      ...(options.hotReload ? { hotReload: options.hotReload } : {}),
      ...(options.commandDebounceMs === undefined
        ? {}
        : { commandDebounceMs: options.commandDebounceMs }),
      ...(options.handleSignals === undefined ? {} : { handleSignals: options.handleSignals }),
      ...(options.handleErrors === undefined ? {} : { handleErrors: options.handleErrors }),
      ...(options.activity ? { activity: options.activity } : {}),
      ...(options.runtime ? { runtime: options.runtime } : {}),
    },
  });
}
