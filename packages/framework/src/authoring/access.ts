import type { Client } from 'discord.js';
import { runtimeOf } from '../client/runtime.js';

/**
 * Who may run a command made with `defineCommand`, mapped onto the framework's permission tiers:
 * - `everyone`: no requirement (per-guild command roles still apply when a guild sets them);
 * - `admin`: the Administrator permission (bot owners, the guild owner and configured roles pass);
 * - `guild-owner`: the guild's owner or a bot owner, nobody else;
 * - `owner`: bot owners only (the owner-only tier, which no setting can open).
 */
export type AccessLevel = 'everyone' | 'admin' | 'guild-owner' | 'owner';

/** Whether `userId` is one of the bot owners (config `owners` + `BOT_OWNER_ID`). */
export function isBotOwner(client: Client, userId: string): boolean {
  return runtimeOf(client)?.owners.has(userId) ?? false;
}

/** Whether `userId` is a bot owner or the owner of the guild (null guild = DM = no). */
export function isGuildOwnerOrBotOwner(
  client: Client,
  userId: string,
  guild: { ownerId: string } | null,
): boolean {
  return isBotOwner(client, userId) || (guild !== null && guild.ownerId === userId);
}
