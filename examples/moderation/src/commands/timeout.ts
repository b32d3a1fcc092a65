import { defineCommand, replyEmbed } from '@zoryx/framework';
import { checkTarget, refuse } from '../target.js';
import { parseTimeoutDuration } from '../timeout-duration.js';
import type {} from '../types.js';

/** `/timeout user duration [reason]` and `!timeout @user 10m [reason]`. */
export const timeout = defineCommand({
  name: 'timeout',
  description: 'Times a member out (they cannot talk or react for a while)',
  options: {
    user: { kind: 'user', description: 'Who to time out', required: true },
    duration: {
      kind: 'string',
      description: 'How long: 90s, 10m, 1h, 2d (28d at most)',
      required: true,
    },
    reason: { kind: 'string', description: 'Why (kept in the mod log)' },
  },
  permissions: ['ModerateMembers'],
  guildOnly: true,
  async run(interaction, args, ctx) {
    const duration = parseTimeoutDuration(args.duration);
    if (!duration.ok) {
      await refuse(interaction, duration.message);
      return;
    }
    const target = await checkTarget(interaction, 'timeout', args);
    if (!target?.member) return;
    await target.member.timeout(duration.ms, target.reason);
    const entry = await ctx.extensions.require('moderation').record(target.guild.id, {
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
  },
});
