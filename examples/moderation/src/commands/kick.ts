import { defineCommand, replyEmbed } from '@zoryx/framework';
import { checkTarget } from '../target.js';
import type {} from '../types.js';

/** `/kick user [reason]` and `!kick @user [reason]`. */
export const kick = defineCommand({
  name: 'kick',
  description: 'Kicks a member from the server',
  options: {
    user: { kind: 'user', description: 'Who to kick', required: true },
    reason: { kind: 'string', description: 'Why (kept in the mod log)' },
  },
  permissions: ['KickMembers'],
  guildOnly: true,
  async run(interaction, args, ctx) {
    const target = await checkTarget(interaction, 'kick', args);
    if (!target?.member) return;
    await target.member.kick(target.reason);
    const entry = await ctx.extensions.require('moderation').record(target.guild.id, {
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
  },
});
