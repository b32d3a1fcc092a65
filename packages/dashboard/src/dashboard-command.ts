import { defineCommand } from '@zoryx/framework';

/**
 * `/dashboard` (bot owners): DMs a one-time login link (five minutes, single use). The link goes
 * by DM, never into the channel, where anyone could use it first.
 */
export const dashboardCommand = defineCommand({
  name: 'dashboard',
  description: 'DMs you a one-time login link to the dashboard (bot owners)',
  access: 'owner',
  async run(interaction, _args, ctx) {
    const api = ctx.extensions.get('dashboard');
    if (!api) {
      return interaction.reply({ content: 'The dashboard is not running.', flags: ['Ephemeral'] });
    }
    const link = api.createLoginLink(interaction.user.id);
    try {
      await interaction.user.send(`Your dashboard login link (one use, 5 minutes): ${link}`);
    } catch {
      return interaction.reply({
        content: 'I could not DM you: allow direct messages from this server and try again.',
        flags: ['Ephemeral'],
      });
    }
    return interaction.reply({ content: 'Sent you a login link by DM.', flags: ['Ephemeral'] });
  },
});
