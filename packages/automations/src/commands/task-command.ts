import { defineCommand, ReplyColor } from '@zoryx/framework';
import { EmbedBuilder, MessageFlags } from 'discord.js';
import { scheduleTask, TASK_PREFIX } from '../scheduling/owner-tasks.js';
import { errorEmbed } from './rules-command.js';

/** `task add|list|remove`: cron tasks for bot owners (message, hook or log), on the framework's jobs. */
export const taskCommand = defineCommand({
  name: 'task',
  description: 'Scheduled tasks (bot owners): add, list, remove',
  detail:
    'cron has 5 fields (minute hour day month weekday), UTC; weekday 0 = Sunday (the original used 0 = Monday). type message posts `content` in `channel`; hook emits automation_hook (rules with a hook trigger run); log writes the log.',
  category: 'automations',
  access: 'owner',
  options: {
    action: {
      kind: 'string',
      description: 'What to do',
      required: true,
      choices: ['add', 'list', 'remove'] as const,
    },
    name: { kind: 'string', description: 'Task name (add, remove)' },
    cron: { kind: 'string', description: 'When, e.g. "0 9 * * 1" (Mondays 09:00 UTC)' },
    type: {
      kind: 'string',
      description: 'What it does',
      choices: ['message', 'hook', 'log'] as const,
    },
    channel: { kind: 'channel', description: 'Channel (message tasks)' },
    content: { kind: 'string', description: 'Message text, hook data or log line' },
    max_runs: { kind: 'integer', description: 'Stop after this many runs', min: 1 },
  },
  async run(interaction, args, ctx) {
    const reply = (title: string, text: string, color: number = ReplyColor.info) =>
      interaction.reply({
        embeds: [new EmbedBuilder().setTitle(title).setDescription(text).setColor(color)],
        flags: MessageFlags.Ephemeral,
      });
    try {
      if (args.action === 'list') {
        const tasks = (await ctx.jobs.list()).filter((job) => job.id.startsWith(TASK_PREFIX));
        const lines = tasks.map(
          (job) =>
            `**${job.id.slice(TASK_PREFIX.length)}** \`${job.cron ?? ''}\` · runs ${job.runs}${job.maxRuns ? `/${job.maxRuns}` : ''} · next ${job.nextRunAt?.toISOString() ?? '—'}`,
        );
        return await reply(`Tasks (${tasks.length})`, lines.join('\n') || 'No tasks.');
      }
      if (args.action === 'remove') {
        const removed = await ctx.jobs.cancel(`${TASK_PREFIX}${args.name ?? ''}`);
        return await reply(
          removed ? 'Task removed' : 'No such task',
          args.name ?? '',
          removed ? ReplyColor.success : ReplyColor.warning,
        );
      }
      await scheduleTask(ctx, {
        name: args.name ?? '',
        cron: args.cron ?? '',
        type: args.type ?? 'log',
        ...(args.channel ? { channelId: args.channel.id } : {}),
        ...(interaction.guildId ? { guildId: interaction.guildId } : {}),
        ...(args.content ? { content: args.content } : {}),
        ...(args.max_runs ? { maxRuns: args.max_runs } : {}),
      });
      return await reply('Task scheduled', `**${args.name}** \`${args.cron}\``, ReplyColor.success);
    } catch (error) {
      return interaction.reply({ embeds: [errorEmbed(error)], flags: MessageFlags.Ephemeral });
    }
  },
});
