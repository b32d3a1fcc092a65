import { defineCommand, replyEmbed } from '@zoryx/framework';
import { DiscordAPIError } from 'discord.js';
import { startConfirmation } from '../confirmation.js';
import { checkTarget } from '../target.js';
import type {} from '../types.js';

/**
 * `/ban user [reason]` and `!ban @user [reason]` (one `run` answers both). Asks the invoker to
 * confirm with a button first.
 */
export const ban = defineCommand({
  name: 'ban',
  description: 'Bans a member from the server (asks for confirmation)',
  options: {
    user: { kind: 'user', description: 'Who to ban', required: true },
    reason: { kind: 'string', description: 'Why (kept in the mod log)' },
  },
  permissions: ['BanMembers'],
  guildOnly: true,
  async run(interaction, args, ctx) {
    const target = await checkTarget(interaction, 'ban', args);
    if (!target) return;
    const moderation = ctx.extensions.require('moderation');
    const name = target.user.username;
    const confirmation = startConfirmation(ctx, {
      nonce: interaction.id,
      invokerId: interaction.user.id,
      timeoutMs: moderation.confirmTimeoutMs,
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
  },
});
