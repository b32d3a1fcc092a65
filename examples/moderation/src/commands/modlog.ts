import { defineCommand, replyEmbed } from '@zoryx/framework';
import { formatModAction } from '../mod-log-format.js';
import { refuse } from '../target.js';
import type {} from '../types.js';

/** How many entries `modlog` shows. */
const SHOWN = 10;

/** `/modlog [user]` and `!modlog [@user]`: the newest entries of the server's mod log. */
export const modlog = defineCommand({
  name: 'modlog',
  description: "Shows the server's latest moderation actions",
  options: { user: { kind: 'user', description: 'Only the actions on this member' } },
  permissions: ['ModerateMembers'],
  guildOnly: true,
  async run(interaction, { user }, ctx) {
    if (!interaction.guildId) {
      await refuse(interaction, 'The mod log is kept per server: use this in a server.');
      return;
    }
    const entries = await ctx.extensions.require('moderation').history(interaction.guildId, {
      limit: SHOWN,
      ...(user ? { userId: user.id } : {}),
    });
    const title = user ? `Mod log of ${user.username}` : 'Mod log';
    const body =
      entries.length === 0
        ? 'No moderation actions recorded.'
        : entries.map(formatModAction).join('\n');
    await interaction.reply({ embeds: [replyEmbed('info', body, title)] });
  },
});
