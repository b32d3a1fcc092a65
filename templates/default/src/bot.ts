import { resolve } from 'node:path';
import { type CreateBotOptions, createBot, type ZoryxClient } from '@zoryx/framework';
import { PingCommand } from './commands/ping.js';

/** The bot's folder (config.json, .env, extensions/, data/): one level above src/ and dist/. */
export const botRoot = resolve(import.meta.dirname, '..');

/**
 * Creates the bot: the framework's client configured from `config.json` and `.env`, with the
 * extensions in `extensions/` and this bot's own commands. Tests pass emulator options here.
 */
export async function createMyBot(options: CreateBotOptions = {}): Promise<ZoryxClient> {
  const bot = await createBot({ cwd: botRoot, ...options });
  // Commands of the bot itself; extensions bring theirs through defineExtension({ commands }).
  await bot.stores.loadPiece({ store: 'commands', name: 'ping', piece: PingCommand });
  return bot;
}
