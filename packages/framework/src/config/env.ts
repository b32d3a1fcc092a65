import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { FrameworkError } from '../errors.js';
import type { ZoryxConfig } from './schema.js';

/** What the framework reads from the environment. Never logged: `token` is a secret. */
export interface ZoryxEnv {
  /** `DISCORD_TOKEN`. */
  token: string | undefined;
  /** `BOT_OWNER_ID`, a comma-separated list of user ids. */
  ownerIds: string[];
  /** `ZORYX_DISCORD_API`: REST base URL (e.g. the emulator's `http://127.0.0.1:PORT/api`). */
  apiBase: string | undefined;
  /** `ZORYX_AUTO_RELOAD`, `ZORYX_COMMAND_SYNC`, `ZORYX_MESSAGE_COMMANDS` (true/false). */
  toggles: { autoReload?: boolean; commandSync?: boolean; messageCommands?: boolean };
  /** `ZORYX_LOG_LEVEL`. */
  logLevel: string | undefined;
  /** `ZORYX_DEV_GUILDS`, comma-separated guild ids. */
  devGuilds: string[] | undefined;
}

const TRUE = new Set(['1', 'true', 'yes', 'y', 'on']);
const FALSE = new Set(['0', 'false', 'no', 'n', 'off']);

/**
 * Loads `<dir>/.env` (if present) into `env` without overriding variables that are already set,
 * using Node's own `util.parseEnv`. Returns the names that were set (never the values).
 */
export async function loadDotEnv(
  dir: string,
  env: Record<string, string | undefined> = process.env,
): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(resolve(dir, '.env'), 'utf8');
  } catch {
    return [];
  }
  const set: string[] = [];
  for (const [key, value] of Object.entries(parseEnv(text))) {
    if (env[key] !== undefined) continue;
    env[key] = value;
    set.push(key);
  }
  return set;
}

/**
 * Reads and validates the framework's environment variables.
 * Throws `ZRX_ENV_INVALID` naming the variable when one is malformed.
 */
export function readEnv(env: Record<string, string | undefined> = process.env): ZoryxEnv {
  const toggles: ZoryxEnv['toggles'] = {};
  const autoReload = flag(env, 'ZORYX_AUTO_RELOAD');
  if (autoReload !== undefined) toggles.autoReload = autoReload;
  const commandSync = flag(env, 'ZORYX_COMMAND_SYNC');
  if (commandSync !== undefined) toggles.commandSync = commandSync;
  const messageCommands = flag(env, 'ZORYX_MESSAGE_COMMANDS');
  if (messageCommands !== undefined) toggles.messageCommands = messageCommands;
  const apiBase = env.ZORYX_DISCORD_API?.trim() || undefined;
  if (apiBase !== undefined && !URL.canParse(apiBase)) {
    throw new FrameworkError(
      'ZRX_ENV_INVALID',
      `ZORYX_DISCORD_API is not a URL: "${apiBase}"`,
      'Set it to a REST base URL such as http://127.0.0.1:3000/api, or unset it to use Discord.',
    );
  }
  return {
    token: env.DISCORD_TOKEN?.trim() || undefined,
    ownerIds: idList(env, 'BOT_OWNER_ID') ?? [],
    apiBase,
    toggles,
    logLevel: env.ZORYX_LOG_LEVEL?.trim() || undefined,
    devGuilds: idList(env, 'ZORYX_DEV_GUILDS'),
  };
}

/** Applies environment overrides on top of the file config (the environment wins). */
export function applyEnv(config: ZoryxConfig, env: ZoryxEnv): ZoryxConfig {
  const level = env.logLevel as ZoryxConfig['logging']['level'] | undefined;
  return {
    ...config,
    owners: [...new Set([...config.owners, ...env.ownerIds])],
    autoReload: env.toggles.autoReload ?? config.autoReload,
    devGuilds: env.devGuilds ?? config.devGuilds,
    logging: { ...config.logging, level: level ?? config.logging.level },
    components: {
      ...config.components,
      commandSync: env.toggles.commandSync ?? config.components.commandSync,
      messageCommands: env.toggles.messageCommands ?? config.components.messageCommands,
    },
  };
}

function flag(env: Record<string, string | undefined>, name: string): boolean | undefined {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return undefined;
  if (TRUE.has(raw)) return true;
  if (FALSE.has(raw)) return false;
  throw new FrameworkError(
    'ZRX_ENV_INVALID',
    `${name} must be a boolean, got "${env[name]}"`,
    `Use one of true/false, yes/no, on/off, 1/0 for ${name}.`,
  );
}

function idList(env: Record<string, string | undefined>, name: string): string[] | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  const ids = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = ids.filter((id) => !/^\d{17,20}$/.test(id));
  if (bad.length > 0) {
    throw new FrameworkError(
      'ZRX_ENV_INVALID',
      `${name} contains values that are not Discord ids: ${bad.map((b) => `"${b}"`).join(', ')}`,
      `Set ${name} to a comma-separated list of 17–20 digit ids (Developer Mode → Copy User ID).`,
    );
  }
  return ids;
}
