import { resolve } from 'node:path';
import { type CreateBotOptions, createBot, type ZoryxClient } from '@zoryx/framework';

/** The bot's folder (config.json, .env, extensions/, data/): one level above src/ and dist/. */
export const botRoot = resolve(import.meta.dirname, '..');

/**
 * Creates the bot: the framework's client configured from `config.json` and `.env`. Everything
 * it does comes from extensions: the folders in `extensions/` (ping, economy, daily) and the
 * built-in packages listed in `config.json`.
 */
export function createMyBot(options: CreateBotOptions = {}): Promise<ZoryxClient> {
  return createBot({ cwd: botRoot, ...options });
}
