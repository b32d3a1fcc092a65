import { defineCommand } from '@zoryx/framework';
import type {} from './types.js';

/**
 * `/balance [user]`, `!balance [@user]` and `@Bot balance [@user]`: one `run` answers all three
 * (the framework parses the prefix and mention forms against the options).
 */
export const balance = defineCommand({
  name: 'balance',
  description: "Shows a member's balance",
  options: { user: { kind: 'user', description: 'Whose balance (default: yours)' } },
  async run(interaction, { user = interaction.user }, ctx) {
    if (!interaction.guildId) {
      return interaction.reply('Balances are kept per server: use this in a server.');
    }
    const economy = ctx.extensions.require('economy');
    const [amount, circulation] = await Promise.all([
      economy.balanceOf(interaction.guildId, user.id),
      economy.circulation(interaction.guildId),
    ]);
    const who = user.id === interaction.user.id ? 'You have' : `${user.username} has`;
    return interaction.reply(
      `${who} ${amount} ${economy.currency} (${circulation} in circulation here).`,
    );
  },
});
