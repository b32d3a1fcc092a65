import type { ZoryxClient } from '@zoryx/framework';

/** The message prefix in effect for a guild (its own, else the config's). */
export async function prefixFor(bot: ZoryxClient, guildId: string | null): Promise<string> {
  if (!guildId) return bot.config.prefix;
  try {
    return await bot.settings(guildId).get('prefix');
  } catch {
    return bot.config.prefix;
  }
}
