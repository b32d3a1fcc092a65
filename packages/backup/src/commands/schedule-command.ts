import { defineCommand, replyEmbed } from '@zoryx/framework';
import { MessageFlags } from 'discord.js';
import { explain, guildIdOf, schedulesOf } from './command-context.js';

/** `/backupschedule <action> [hours] [retention_days]`: automatic backups and retention. */
export const backupSchedule = defineCommand({
  name: 'backupschedule',
  description: 'Automatic backups every 1–168 hours, and retention',
  options: {
    action: {
      kind: 'string',
      description: 'enable, disable, status or retention',
      required: true,
      choices: ['enable', 'disable', 'status', 'retention'],
    },
    hours: {
      kind: 'integer',
      description: 'Hours between backups (1–168, default 24)',
      min: 1,
      max: 168,
    },
    retention_days: {
      kind: 'integer',
      description: 'Delete unpinned backups older than this (0 = keep)',
      min: 0,
      max: 3650,
    },
  },
  permissions: ['ManageGuild'],
  guildOnly: true,
  category: 'backup',
  async run(interaction, args, ctx) {
    const schedules = schedulesOf(ctx);
    const guildId = guildIdOf(interaction);
    try {
      if (args.action === 'enable')
        await schedules.enable(guildId, args.hours ?? 24, interaction.user.id);
      if (args.action === 'disable') await schedules.disable(guildId, interaction.user.id);
      if (args.action === 'retention')
        await schedules.retention(guildId, args.retention_days ?? 0, interaction.user.id);
      const status = await schedules.status(guildId);
      const text = [
        status.hours === null
          ? 'Automatic backups: off'
          : `Automatic backups: every ${status.hours} h`,
        status.nextRunAt ? `Next: <t:${Math.floor(status.nextRunAt.getTime() / 1000)}:R>` : '',
        `Retention: ${status.retentionDays ? `${status.retentionDays} days` : 'keep everything'}`,
      ].filter(Boolean);
      return interaction.reply({
        embeds: [replyEmbed('info', text.join('\n'), 'Backup schedule')],
      });
    } catch (error) {
      return interaction.reply({
        embeds: [replyEmbed('error', explain(error))],
        flags: MessageFlags.Ephemeral,
      });
    }
  },
});
