import { defineCommand, replyEmbed } from '@zoryx/framework';
import type {} from '../types.js';

/** `/rank [user]` and `!rank [@user]`: level, XP, position and what the next level needs. */
export const rank = defineCommand({
  name: 'rank',
  description: "Shows a member's level and XP",
  options: { user: { kind: 'user', description: 'Whose rank (default: yours)' } },
  async run(interaction, { user = interaction.user }, ctx) {
    if (!interaction.guildId) {
      await interaction.reply('Levels are kept per server: use this in a server.');
      return;
    }
    const standing = await ctx.extensions.require('leveling').rankOf(interaction.guildId, user.id);
    const body =
      standing.xp === 0
        ? `${user.username} has no XP yet: XP comes with chatting.`
        : `Level **${standing.level}** · ${standing.xp} XP · rank #${standing.position}\n` +
          `${standing.nextLevelXp - standing.xp} XP to level ${standing.level + 1}`;
    await interaction.reply({ embeds: [replyEmbed('info', body, user.username)] });
  },
});
