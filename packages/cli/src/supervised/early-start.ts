// What the supervisor needs before its worker can be spawned — the token, the API base and
// whether to supervise at all — read without loading zod or the framework: then the worker starts
// loading the bot while this thread reads and validates the rest of the settings (bot-settings.ts).
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ZoryxConfigInput } from '@zoryx/framework';
import { loadDotEnv, readEnv } from '@zoryx/framework/env';
import { rawDataDir } from '../boot-bundle/boot-bundle-folder.js';

/** Where a bot's settings come from (the options of `readBotSettings`). */
export interface SettingsSource {
  readonly cwd: string;
  readonly configPath?: string;
  readonly config?: ZoryxConfigInput;
  readonly env: Record<string, string | undefined>;
}

/** What starting the supervisor early needs. */
export interface EarlyStart {
  readonly token: string;
  readonly apiBase: string | undefined;
  /** config's `data.dir` as written (unvalidated): where the boot bundle is. */
  readonly dataDir?: string | undefined;
}

/**
 * The token and API base when the bot is to run supervised (`supervise`, else config's
 * `supervise`, default true) and both can be read without the full settings; `null` otherwise —
 * no token, a malformed variable, a config file that is not JSON or whose `supervise` is not a
 * boolean: the caller then reads the full settings first, which reports each of them properly.
 */
export async function earlyStart(
  source: SettingsSource,
  supervise: boolean | undefined,
): Promise<EarlyStart | null> {
  const config = await rawConfig(source);
  if ((supervise ?? (config === INVALID ? undefined : superviseOf(config))) !== true) return null;
  const env = { ...source.env };
  await loadDotEnv(source.cwd, env);
  let token: string | undefined;
  let apiBase: string | undefined;
  try {
    ({ token, apiBase } = readEnv(env));
  } catch {
    return null;
  }
  return token
    ? { token, apiBase, dataDir: config === INVALID ? undefined : rawDataDir(config) }
    : null;
}

/** config's `supervise` as createBot will read it (a missing file gets the defaults: true). */
const INVALID = Symbol('config.json is not JSON or unreadable');

/** The config as given (code) or in config.json, unvalidated; `undefined` when there is no file. */
async function rawConfig(source: SettingsSource): Promise<unknown> {
  if (source.config !== undefined) return source.config;
  let text: string;
  try {
    text = await readFile(source.configPath ?? resolve(source.cwd, 'config.json'), 'utf8');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : INVALID;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return INVALID;
  }
}

/** `supervise` of a raw config: true when absent, `undefined` when it is not a boolean. */
function superviseOf(config: unknown): boolean | undefined {
  if (typeof config !== 'object' || config === null) return config === undefined ? true : undefined;
  const value = (config as { supervise?: unknown }).supervise;
  if (value === undefined) return true;
  return typeof value === 'boolean' ? value : undefined;
}
