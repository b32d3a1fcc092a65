import type { DashboardContext } from '../context.js';

/**
 * Whether `userId` manages `guildId` right now: the guild's owner, or a cached member with Manage
 * Server. Read from the bot's caches on every request; a guild or member the bot does not see
 * counts as "no" (fails closed), so a demoted manager loses access at once.
 */
export function managesGuild(
  client: DashboardContext['client'],
  userId: string,
  guildId: string,
): boolean {
  const guild = client.guilds.cache.get(guildId);
  if (!guild) return false;
  if (guild.ownerId === userId) return true;
  const member = guild.members.cache.get(userId);
  if (!member) return false;
  try {
    return member.permissions.has('ManageGuild');
  } catch {
    return false;
  }
}

/** The ids of the guilds `userId` manages now. */
export function managedGuildIds(client: DashboardContext['client'], userId: string): string[] {
  return [...client.guilds.cache.keys()].filter((id) => managesGuild(client, userId, id));
}
