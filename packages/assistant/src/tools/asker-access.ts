import { type AccessLevel, isBotOwner, type ZoryxClient } from '@zoryx/framework';

const RANK: Readonly<Record<AccessLevel, number>> = {
  everyone: 0,
  admin: 1,
  'guild-owner': 2,
  owner: 3,
};

/** Whether someone with `held` passes a requirement of `needed` (a bot owner passes all). */
export function holds(held: AccessLevel, needed: AccessLevel): boolean {
  return RANK[held] >= RANK[needed];
}

/**
 * The highest access level `userId` holds, as the framework's tiers grant it: a bot owner, the
 * guild's owner, a member with Administrator in `guildId`, or everyone. Outside a guild (or for a
 * guild or member the bot cannot see) only bot ownership counts.
 */
export async function accessOf(
  bot: ZoryxClient,
  userId: string,
  guildId: string | undefined,
): Promise<AccessLevel> {
  if (isBotOwner(bot, userId)) return 'owner';
  const guild = guildId === undefined ? undefined : bot.guilds.cache.get(guildId);
  if (!guild) return 'everyone';
  if (guild.ownerId === userId) return 'guild-owner';
  const member = await guild.members.fetch(userId).catch(() => null);
  return member?.permissions.has('Administrator') ? 'admin' : 'everyone';
}
