import { defineCommand } from '@zoryx/framework';
import type {} from './types.js';

/** `/daily`, `!daily` and `@Bot daily`: claims the member's daily coins. */
export const daily = defineCommand({
  name: 'daily',
  description: 'Claims your daily coins',
  async run(interaction, _args, ctx) {
    if (!interaction.guildId) {
      return interaction.reply('Daily rewards are kept per server: use this in a server.');
    }
    const result = await ctx.extensions
      .require('daily')
      .claim(interaction.guildId, interaction.user.id);
    if (!result.ok) {
      return interaction.reply(
        `You already claimed your daily coins. Come back <t:${Math.ceil(result.nextClaimAt / 1000)}:R>.`,
      );
    }
    return interaction.reply(
      `You claimed ${result.amount} coins (streak: ${result.streak}). Balance: ${result.balance}.`,
    );
  },
});
