import { type CommandInteraction, replyEmbed } from '@zoryx/framework';
import {
  type Guild,
  type GuildMember,
  MessageFlags,
  type PermissionFlagsBits,
  type User,
} from 'discord.js';
import { checkHierarchy } from './hierarchy.js';
import type { ModActionKind } from './types.js';

/** A target that passed every check, with what the command needs to act. */
export interface CheckedTarget {
  readonly guild: Guild;
  readonly user: User;
  /** The target as a member, or null when they are not in the guild (only a ban allows that). */
  readonly member: GuildMember | null;
  readonly reason: string;
}

/** The Discord permission the bot needs for each action, and its name as Discord shows it. */
const BOT_PERMISSION: Record<ModActionKind, [keyof typeof PermissionFlagsBits, string]> = {
  ban: ['BanMembers', 'Ban Members'],
  kick: ['KickMembers', 'Kick Members'],
  timeout: ['ModerateMembers', 'Timeout Members'],
};

/** Answers with a yellow embed, visible only to the moderator for slash commands. */
export async function refuse(interaction: CommandInteraction, message: string): Promise<void> {
  await interaction.reply({
    embeds: [replyEmbed('warning', message)],
    flags: MessageFlags.Ephemeral,
  });
}

/** The member's highest role position (0 = only `@everyone`). */
function positionOf(member: GuildMember): number {
  return member.roles.highest.position;
}

/**
 * Checks that the bot may take the action (its Discord permission) and applies the hierarchy
 * rules to the `user` and `reason` options. Answers the refusal itself and returns null when
 * the action is not allowed.
 */
export async function checkTarget(
  interaction: CommandInteraction,
  action: ModActionKind,
  options: { user: User; reason: string | undefined },
): Promise<CheckedTarget | null> {
  const guild = interaction.guild;
  if (!guild) {
    await refuse(interaction, 'Moderation commands work in a server only.');
    return null;
  }
  const { user } = options;
  const reason = options.reason?.trim() || 'No reason given';
  const [invoker, bot, member] = await Promise.all([
    guild.members.fetch(interaction.user.id),
    guild.members.fetchMe(),
    guild.members.fetch(user.id).catch(() => null),
  ]);
  const [permission, permissionName] = BOT_PERMISSION[action];
  if (!bot.permissions.has(permission)) {
    await refuse(
      interaction,
      `I need the **${permissionName}** permission in this server to ${action === 'timeout' ? 'time members out' : `${action} members`}.`,
    );
    return null;
  }
  if (!member && action !== 'ban') {
    await refuse(interaction, `${user.username} is not a member of this server.`);
    return null;
  }
  const refusal = checkHierarchy({
    action,
    ownerId: guild.ownerId,
    invoker: { id: invoker.id, position: positionOf(invoker) },
    bot: { id: bot.id, position: positionOf(bot) },
    target: {
      id: user.id,
      name: user.username,
      ...(member ? { position: positionOf(member) } : {}),
    },
  });
  if (refusal) {
    await refuse(interaction, refusal.message);
    return null;
  }
  return { guild, user, member, reason };
}
