import type { ZoryxClient } from '@zoryx/framework';
import type { Client } from 'discord.js';

/** The bot's client as a `ZoryxClient` (core commands only run inside the framework). */
export function zoryx(client: Client): ZoryxClient {
  return client as ZoryxClient;
}

/** The message prefix in effect for a guild (its own, else the config's). */
export async function prefixFor(client: Client, guildId: string | null): Promise<string> {
  const bot = zoryx(client);
  if (!guildId) return bot.config.prefix;
  try {
    return await bot.settings(guildId).get('prefix');
  } catch {
    return bot.config.prefix;
  }
}
