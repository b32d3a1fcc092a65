import { Command } from '@sapphire/framework';
import { replyEmbed } from '@zoryx/framework';
import { DiscordAPIError } from 'discord.js';
import { startConfirmation } from '../confirmation.js';
import { checkTarget, moderationApi } from '../target.js';

/**
 * `/ban user [reason]` and `!ban @user [reason]` (the framework answers the prefix form through
 * this `chatInputRun`). Asks the invoker to confirm with a button first.
 */
export class BanCommand extends Command {
  public constructor(context: Command.LoaderContext, options: Command.Options) {
    super(context, {
      ...options,
      name: 'ban',
      description: 'Bans a member from the server (asks for confirmation)',
      requiredUserPermissions: ['BanMembers'],
      requiredClientPermissions: ['BanMembers'],
      runIn: ['GUILD_ANY'],
    });
  }

  public override registerApplicationCommands(registry: Command.Registry) {
    registry.registerChatInputCommand((builder) =>
      builder
        .setName(this.name)
        .setDescription(this.description)
        .addUserOption((o) => o.setName('user').setDescription('Who to ban').setRequired(true))
        .addStringOption((o) => o.setName('reason').setDescription('Why (kept in the mod log)')),
    );
  }

  public override async chatInputRun(interaction: Command.ChatInputCommandInteraction) {
    const target = await checkTarget(interaction, 'ban');
    if (!target) return;
    const moderation = moderationApi(this);
    const name = target.user.username;
    const confirmation = startConfirmation(interaction.client, {
      nonce: interaction.id,
      invokerId: interaction.user.id,
      timeoutMs: moderation.confirmTimeoutMs,
      signal: moderation.signal,
    });
    try {
      await interaction.reply({
        embeds: [
          replyEmbed('warning', `Ban **${name}**?\nReason: ${target.reason}`, 'Confirm ban'),
        ],
        components: [confirmation.row('Ban')],
      });
    } catch (error) {
      confirmation.stop();
      throw error;
    }
    const outcome = await confirmation.outcome;
    if (outcome.kind === 'expired' || outcome.kind === 'stopped') {
      const why = outcome.kind === 'expired' ? 'No answer in time' : 'Moderation was unloaded';
      await interaction.editReply({
        embeds: [replyEmbed('info', `${why}: ${name} was not banned.`)],
        components: [],
      });
      return;
    }
    if (outcome.kind === 'cancelled') {
      await outcome.interaction.update({
        embeds: [replyEmbed('info', `Cancelled: ${name} was not banned.`)],
        components: [],
      });
      return;
    }
    try {
      await target.guild.members.ban(target.user.id, { reason: target.reason });
    } catch (error) {
      if (!(error instanceof DiscordAPIError)) throw error;
      await outcome.interaction.update({
        embeds: [replyEmbed('error', `Discord refused to ban ${name}: ${error.message}`)],
        components: [],
      });
      return;
    }
    const entry = await moderation.record(target.guild.id, {
      action: 'ban',
      userId: target.user.id,
      moderatorId: interaction.user.id,
      reason: target.reason,
      durationMs: null,
    });
    await outcome.interaction.update({
      embeds: [
        replyEmbed(
          'success',
          `Banned **${name}** (case #${entry.caseId}).\nReason: ${entry.reason}`,
        ),
      ],
      components: [],
    });
  }
}
