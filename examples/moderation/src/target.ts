import type { Command } from '@sapphire/framework';
import { replyEmbed, type ZoryxClient } from '@zoryx/framework';
import { type Guild, type GuildMember, MessageFlags, type User } from 'discord.js';
import { checkHierarchy } from './hierarchy.js';
import type { ModActionKind, ModerationApi } from './types.js';

/** A target that passed every check, with what the command needs to act. */
export interface CheckedTarget {
  readonly guild: Guild;
  readonly user: User;
  /** The target as a member, or null when they are not in the guild (only a ban allows that). */
  readonly member: GuildMember | null;
  readonly reason: string;
}

type Interaction = Command.ChatInputCommandInteraction;

/** The moderation extension's API, from the client the command runs in. */
export function moderationApi(command: Command): ModerationApi {
  return (command.container.client as ZoryxClient).extensions.api('moderation') as ModerationApi;
}

/** Answers with a yellow embed, visible only to the moderator for slash commands. */
export async function refuse(interaction: Interaction, message: string): Promise<void> {
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
 * Reads the `user` and `reason` options and applies the hierarchy rules. Answers the refusal
 * itself and returns null when the action is not allowed.
 */
export async function checkTarget(
  interaction: Interaction,
  action: ModActionKind,
): Promise<CheckedTarget | null> {
  const guild = interaction.guild;
  if (!guild) {
    await refuse(interaction, 'Moderation commands work in a server only.');
    return null;
  }
  const user = interaction.options.getUser('user', true);
  const reason = interaction.options.getString('reason')?.trim() || 'No reason given';
  const [invoker, bot, member] = await Promise.all([
    guild.members.fetch(interaction.user.id),
    guild.members.fetchMe(),
    guild.members.fetch(user.id).catch(() => null),
  ]);
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
