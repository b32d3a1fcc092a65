import { defineCommand } from '@zoryx/framework';
import { SessionStore } from './auth/sessions.js';

/**
 * `/dashboard` (bot owners): DMs a one-time login link (five minutes, single use). The link goes
 * by DM, never into the channel, where anyone could use it first. `/dashboard logout_all:true`
 * revokes every dashboard session of the caller instead (a lost laptop, a shared browser).
 */
export const dashboardCommand = defineCommand({
  name: 'dashboard',
  description: 'DMs you a one-time login link to the dashboard (bot owners)',
  access: 'owner',
  options: {
    logout_all: { kind: 'boolean', description: 'Revoke all your dashboard sessions instead' },
  },
  async run(interaction, { logout_all }, ctx) {
    if (logout_all) {
      const revoked = await new SessionStore(ctx.db, 0).revokeUser(interaction.user.id);
      return interaction.reply({
        content: `Revoked ${revoked} dashboard session(s).`,
        flags: ['Ephemeral'],
      });
    }
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
