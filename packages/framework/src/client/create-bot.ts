import { resolve } from 'node:path';
import { createDatabase } from '@zoryx/db';
import { HookBus } from '@zoryx/hooks';
import type { HotReloaderOptions } from '@zoryx/loader';
import { AtomicStore } from '@zoryx/store';
import type { ClientOptions } from 'discord.js';
import type { Logger } from 'pino';
import { applyEnv, loadDotEnv, readEnv } from '../config/env.js';
import { loadConfig } from '../config/load-config.js';
import { configSchema, type ZoryxConfigInput } from '../config/schema.js';
import { createLogger } from '../logging/create-logger.js';
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
export async function createBot(options: CreateBotOptions = {}): Promise<ZoryxClient> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const env = options.env ?? process.env;
  await loadDotEnv(cwd, env);
  const zoryxEnv = readEnv(env);
  const fileConfig =
    options.config === undefined
      ? (await loadConfig({ path: options.configPath ?? resolve(cwd, 'config.json') })).config
      : configSchema.parse(options.config);
  const config = applyEnv(fileConfig, zoryxEnv);
  const logs = options.logger
    ? { logger: options.logger, close: async () => undefined }
    : createLogger({ logging: config.logging, cwd });
  const dataDir = resolve(cwd, config.data.dir);
  const hooks = new HookBus();
  const store = new AtomicStore({ root: dataDir });
  // Guild settings take their defaults from the config inside the client (ZoryxClient#settings).
  const db = createDatabase({ dir: resolve(dataDir, 'db') });
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
      onClosed: logs.close,
      ...(options.sharedModules ? { sharedModules: options.sharedModules } : {}),
      ...(options.hotReload ? { hotReload: options.hotReload } : {}),
      ...(options.commandDebounceMs === undefined
        ? {}
        : { commandDebounceMs: options.commandDebounceMs }),
      ...(options.handleSignals === undefined ? {} : { handleSignals: options.handleSignals }),
    },
  });
}
