import { defineCommand, replyEmbed } from '@zoryx/framework';
import type {} from '../types.js';

/** How many members the leaderboard shows. */
const SHOWN = 10;

/** `/leaderboard` and `!leaderboard`: the members with the most XP. */
export const leaderboard = defineCommand({
  name: 'leaderboard',
  description: 'Shows the members with the most XP',
  async run(interaction, _args, ctx) {
    if (!interaction.guildId) {
      await interaction.reply('Levels are kept per server: use this in a server.');
      return;
    }
    const top = await ctx.extensions.require('leveling').leaderboard(interaction.guildId, SHOWN);
    const body =
      top.length === 0
        ? 'Nobody has XP yet.'
        : top
            .map((r) => `**${r.position}.** <@${r.userId}> · level ${r.level} · ${r.xp} XP`)
            .join('\n');
    await interaction.reply({ embeds: [replyEmbed('info', body, 'Leaderboard')] });
  },
});
