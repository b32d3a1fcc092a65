import { Command } from '@sapphire/framework';
import { replyEmbed } from '@zoryx/framework';
import { checkTarget, moderationApi } from '../target.js';

/** `/kick user [reason]` and `!kick @user [reason]`. */
export class KickCommand extends Command {
  public constructor(context: Command.LoaderContext, options: Command.Options) {
    super(context, {
      ...options,
      name: 'kick',
      description: 'Kicks a member from the server',
      requiredUserPermissions: ['KickMembers'],
      requiredClientPermissions: ['KickMembers'],
      runIn: ['GUILD_ANY'],
    });
  }

  public override registerApplicationCommands(registry: Command.Registry) {
    registry.registerChatInputCommand((builder) =>
      builder
        .setName(this.name)
        .setDescription(this.description)
        .addUserOption((o) => o.setName('user').setDescription('Who to kick').setRequired(true))
        .addStringOption((o) => o.setName('reason').setDescription('Why (kept in the mod log)')),
    );
  }

  public override async chatInputRun(interaction: Command.ChatInputCommandInteraction) {
    const target = await checkTarget(interaction, 'kick');
    if (!target?.member) return;
    await target.member.kick(target.reason);
    const entry = await moderationApi(this).record(target.guild.id, {
      action: 'kick',
      userId: target.user.id,
      moderatorId: interaction.user.id,
      reason: target.reason,
      durationMs: null,
    });
    await interaction.reply({
      embeds: [
        replyEmbed(
          'success',
          `Kicked **${target.user.username}** (case #${entry.caseId}).\nReason: ${entry.reason}`,
        ),
      ],
    });
  }
}
