import type { ExtensionContext } from '@zoryx/framework';
import type { Guild, GuildMember, Message, Role, SendableChannels } from 'discord.js';

/** A role given at a level: `role` is the role's id or its exact name. */
export interface RoleReward {
  readonly level: number;
  readonly role: string;
}

/** What a level-up does, from the extension's config. */
export interface LevelUpSettings {
  readonly rewards: readonly RoleReward[];
  readonly announce: boolean;
  /** Channel id or name for announcements; the message's channel when unset or missing. */
  readonly announceChannel?: string | undefined;
}

function findRole(guild: Guild, idOrName: string): Role | undefined {
  return guild.roles.cache.get(idOrName) ?? guild.roles.cache.find((r) => r.name === idOrName);
}

function announcementChannel(message: Message<true>, idOrName?: string): SendableChannels {
  const { guild } = message;
  const configured = idOrName
    ? (guild.channels.cache.get(idOrName) ??
      guild.channels.cache.find((c) => c.name === idOrName && c.isSendable()))
    : undefined;
  return configured?.isSendable() ? configured : message.channel;
}

/**
 * Gives the member every reward role up to their new level that they lack (so a missed reward is
 * caught up), then announces the level. A role the bot cannot give (above its own, deleted) is
 * logged and skipped: a level-up never fails because of a reward.
 */
export async function celebrateLevelUp(
  message: Message<true>,
  member: GuildMember,
  level: number,
  settings: LevelUpSettings,
  logger: ExtensionContext['logger'],
): Promise<string[]> {
  const due = settings.rewards
    .filter((reward) => reward.level <= level)
    .map((reward) => ({ reward, role: findRole(message.guild, reward.role) }));
  for (const { reward, role } of due) {
    if (!role) logger.warn({ reward }, 'reward role not found in this guild; skipped');
  }
  const toGive = [
    ...new Set(due.flatMap(({ role }) => (role && !member.roles.cache.has(role.id) ? [role] : []))),
  ];
  let given: Role[] = [];
  if (toGive.length > 0) {
    try {
      await member.roles.add(toGive, `Level ${level} reward`);
      given = toGive;
    } catch (error) {
      logger.warn(
        { err: error, roles: toGive.map((r) => r.id) },
        "could not give reward roles; move the bot's role above them",
      );
    }
  }
  if (settings.announce) {
    const roles =
      given.length > 0 ? ` New role: ${given.map((r) => `**${r.name}**`).join(', ')}.` : '';
    await announcementChannel(message, settings.announceChannel).send({
      content: `🎉 <@${member.id}> reached level **${level}**!${roles}`,
      allowedMentions: { users: [member.id] },
    });
  }
  return given.map((r) => r.id);
}
