import { Command } from '@sapphire/framework';
import { replyEmbed } from '@zoryx/framework';
import { checkTarget, moderationApi, refuse } from '../target.js';
import { parseTimeoutDuration } from '../timeout-duration.js';

/** `/timeout user duration [reason]` and `!timeout @user 10m [reason]`. */
export class TimeoutCommand extends Command {
  public constructor(context: Command.LoaderContext, options: Command.Options) {
    super(context, {
      ...options,
      name: 'timeout',
      description: 'Times a member out (they cannot talk or react for a while)',
      requiredUserPermissions: ['ModerateMembers'],
      requiredClientPermissions: ['ModerateMembers'],
      runIn: ['GUILD_ANY'],
    });
  }

  public override registerApplicationCommands(registry: Command.Registry) {
    registry.registerChatInputCommand((builder) =>
      builder
        .setName(this.name)
        .setDescription(this.description)
        .addUserOption((o) => o.setName('user').setDescription('Who to time out').setRequired(true))
        .addStringOption((o) =>
          o
            .setName('duration')
            .setDescription('How long: 90s, 10m, 1h, 2d (28d at most)')
            .setRequired(true),
        )
        .addStringOption((o) => o.setName('reason').setDescription('Why (kept in the mod log)')),
    );
  }

  public override async chatInputRun(interaction: Command.ChatInputCommandInteraction) {
    const duration = parseTimeoutDuration(interaction.options.getString('duration', true));
    if (!duration.ok) {
      await refuse(interaction, duration.message);
      return;
    }
    const target = await checkTarget(interaction, 'timeout');
    if (!target?.member) return;
    await target.member.timeout(duration.ms, target.reason);
    const entry = await moderationApi(this).record(target.guild.id, {
      action: 'timeout',
      userId: target.user.id,
      moderatorId: interaction.user.id,
      reason: target.reason,
      durationMs: duration.ms,
    });
    const until = Math.floor((entry.createdAt + duration.ms) / 1000);
    await interaction.reply({
      embeds: [
        replyEmbed(
          'success',
          `Timed out **${target.user.username}** until <t:${until}:f> (case #${entry.caseId}).\nReason: ${entry.reason}`,
        ),
      ],
    });
  }
}
