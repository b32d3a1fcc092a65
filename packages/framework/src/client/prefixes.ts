import type { Message } from 'discord.js';
import type { ZoryxConfig } from '../config/schema.js';

/** Per-guild prefix settings (the guild database's `prefix` and `mentionPrefix`). */
export interface PrefixSettings {
  prefix(guildId: string): Promise<string>;
  mentionPrefix(guildId: string): Promise<boolean>;
}

/**
 * Builds Sapphire's `fetchPrefix`: the guild's prefix (default from config) plus `<@bot>` and
 * `<@!bot>` when the mention prefix is on for that guild (or globally in DMs). Sapphire's own
 * mention prefix is switched off (`disableMentionPrefix`) because it cannot be toggled per guild.
 */
export function createPrefixResolver(
  config: () => ZoryxConfig,
  settings: PrefixSettings | undefined,
  botId: () => string | null,
): (message: Message) => Promise<string[]> {
  return async (message) => {
    const current = config();
    let prefix = current.prefix;
    let mention = current.mentionPrefix;
    if (message.guildId && settings) {
      try {
        [prefix, mention] = await Promise.all([
          settings.prefix(message.guildId),
          settings.mentionPrefix(message.guildId),
        ]);
      } catch {
        // A broken guild database must not make the bot deaf: fall back to the defaults.
      }
    }
    const id = botId();
    return mention && id ? [prefix, `<@${id}>`, `<@!${id}>`] : [prefix];
  };
}
