import type { APIEmoji } from 'discord-api-types/v10';
import type { GuildRecord } from '../state/records.js';
import type { World } from './world.js';

/** Adds a custom emoji to a guild and dispatches GUILD_EMOJIS_UPDATE with the full list. */
export function createEmoji(
  world: World,
  guild: GuildRecord,
  name: string,
  animated = false,
): APIEmoji & { id: string } {
  const emoji: APIEmoji & { id: string } = {
    id: world.ids.next(),
    name,
    roles: [],
    require_colons: true,
    managed: false,
    animated,
    available: true,
  };
  guild.emojis.push(emoji);
  world.dispatch('GUILD_EMOJIS_UPDATE', { guild_id: guild.id, emojis: guild.emojis }, guild.id);
  world.notifyChange();
  return emoji;
}
