// What the supervisor needs before any worker runs, read the way createBot reads it: the bot
// folder's .env under the environment, config.json (or the config given in code), the
// environment's overrides on top. From the framework's light entry (no discord.js): the worker
// loads the whole framework, this thread must not load it first.
import { resolve } from 'node:path';
import {
  applyEnv,
  configSchema,
  type FaultPolicy,
  FRAMEWORK_INTENTS,
  faultPolicyOf,
  loadConfig,
  loadDotEnv,
  readEnv,
  type ZoryxConfig,
  type ZoryxConfigInput,
} from '@zoryx/framework/config';

/** The bot's settings as the supervising main thread sees them. */
export interface BotSettings {
  readonly cwd: string;
  /** The config with the environment's overrides (BOT_OWNER_ID…) applied, as the bot runs it. */
  readonly config: ZoryxConfig;
  /** The config as validated, before the environment's overrides (what the worker is handed). */
  readonly fileConfig: ZoryxConfig;
  readonly token: string | undefined;
  readonly apiBase: string | undefined;
  /** Owners from config.json and BOT_OWNER_ID: who hears of a quarantine. */
  readonly owners: readonly string[];
  /** The gateway intents of the framework's client, as a bitfield. */
  readonly intents: number;
  /** The data folder (the fault ledger lives there). */
  readonly dataDir: string;
  /** `extensions.quarantine`, or null when it is off. */
  readonly policy: FaultPolicy | null;
}

/** Reads a bot folder's settings without starting anything (the environment is not modified). */
export async function readBotSettings(options: {
  cwd: string;
  configPath?: string;
  config?: ZoryxConfigInput;
  env: Record<string, string | undefined>;
}): Promise<BotSettings> {
  const env = { ...options.env };
  await loadDotEnv(options.cwd, env);
  const zoryxEnv = readEnv(env);
  const fileConfig =
    options.config === undefined
      ? (await loadConfig({ path: options.configPath ?? resolve(options.cwd, 'config.json') }))
          .config
      : configSchema.parse(options.config);
  const config = applyEnv(fileConfig, zoryxEnv);
  return {
    cwd: options.cwd,
    config,
    fileConfig,
    token: zoryxEnv.token,
    apiBase: zoryxEnv.apiBase,
    owners: config.owners,
    intents: FRAMEWORK_INTENTS.reduce((bits, intent) => bits | intent, 0),
    dataDir: resolve(options.cwd, config.data.dir),
    policy: faultPolicyOf(config),
  };
}
