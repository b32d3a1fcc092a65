import type { Guild, GuildMember, PartialGuildMember, User } from 'discord.js';
import type { EventFacts, MemberFacts } from '../engine/event-facts.js';

/** What conditions need of a member. */
export function memberFacts(member: GuildMember | PartialGuildMember): MemberFacts {
  return {
    roleIds: member.roles.cache
      .filter((role) => role.id !== member.guild.id)
      .map((role) => role.id),
    highestPosition: member.roles.highest.position,
    permissions: member.permissions.bitfield,
    accountCreatedAt: member.user.createdTimestamp,
  };
}

/** The user part of facts: id, name, bot flag, and the member when there is one. */
export function userFacts(
  user: User,
  member: GuildMember | PartialGuildMember | null | undefined,
): Pick<EventFacts, 'userId' | 'username' | 'isBot' | 'member'> {
  return {
    userId: user.id,
    username: user.username,
    isBot: user.bot,
    ...(member ? { member: memberFacts(member) } : {}),
  };
}

/** A guild member by id from the cache or Discord, or undefined when they are not a member. */
export async function fetchMember(guild: Guild, userId: string): Promise<GuildMember | undefined> {
  return (
    guild.members.cache.get(userId) ?? (await guild.members.fetch(userId).catch(() => undefined))
  );
}
