import { defineCommand, isGuildOwnerOrBotOwner, replyEmbed } from '@zoryx/framework';
import { BackupError } from '../errors.js';
import type { BackupProgress } from '../types.js';
import { explain, guildIdOf, serviceOf } from './command-context.js';

/** Slash option descriptions are at most 100 characters. */
const COMPONENTS_HELP =
  'Only these, comma-separated: roles, channels, settings, emojis, bans, members…';

function bar(done: number, total: number): string {
  const filled = total === 0 ? 10 : Math.round((done / total) * 10);
  return `${'▰'.repeat(filled)}${'▱'.repeat(10 - filled)} ${done}/${total}`;
}

/**
 * `/backuprestore <id> [mode] [components] [source] [confirm]`: without `confirm` it shows the
 * plan (every step count, API calls, what cannot be restored); with `confirm: true` it runs the
 * job and edits one message with its progress. Needs the guild's owner (or a bot owner);
 * restoring another guild's backup (`source`) needs ownership of both.
 */
export const backupRestore = defineCommand({
  name: 'backuprestore',
  description: 'Restore a backup into this server (shows the plan first)',
  options: {
    id: { kind: 'string', description: 'The backup id', required: true },
    mode: {
      kind: 'string',
      description: 'merge (default: create and update, delete nothing) or mirror (also delete)',
      choices: ['merge', 'mirror'],
    },
    components: { kind: 'string', description: COMPONENTS_HELP },
    source: { kind: 'string', description: "Another server's id, to restore its backup here" },
    confirm: { kind: 'boolean', description: 'Run it (otherwise only the plan is shown)' },
    cancel: { kind: 'boolean', description: 'Stop the running restore after its current step' },
  },
  access: 'guild-owner',
  guildOnly: true,
  category: 'backup',
  async run(interaction, args, ctx) {
    const service = serviceOf(ctx);
    const guildId = guildIdOf(interaction);
    await interaction.deferReply();
    try {
      if (args.cancel === true) {
        const cancelled = service.jobs.cancel(guildId);
        return interaction.editReply({
          embeds: [
            replyEmbed(
              cancelled ? 'success' : 'info',
              cancelled
                ? 'The restore stops after its current step.'
                : 'No restore is running here.',
            ),
          ],
        });
      }
      const source = args.source ?? guildId;
      if (source !== guildId) {
        const other = ctx.client.guilds.cache.get(source) ?? null;
        if (!isGuildOwnerOrBotOwner(ctx.client, interaction.user.id, other)) {
          throw new BackupError(
            'ZRX_BACKUP_GUILD',
            "Restoring another server's backup needs ownership of both servers.",
          );
        }
      }
      const options = {
        ...(args.mode === 'mirror' || args.mode === 'merge' ? { mode: args.mode } : {}),
        ...(args.components ? { components: args.components.split(',').map((c) => c.trim()) } : {}),
      };
      const planned = await service.plan(guildId, args.id, options, source);
      const deletes = planned.plan.steps
        .filter((s) => s.kind.endsWith('.delete'))
        .map((s) => s.label);
      const summary = [
        `**${planned.summary.steps}** steps, **${planned.summary.apiCalls}** Discord calls (${options.mode ?? 'merge'} mode).`,
        deletes.length > 0
          ? `Deletes: ${deletes.slice(0, 15).join(', ')}${deletes.length > 15 ? '…' : ''}`
          : '',
        planned.summary.cannotRestore.length > 0
          ? `Cannot restore:\n- ${planned.summary.cannotRestore.slice(0, 10).join('\n- ')}`
          : '',
      ].filter(Boolean);
      if (args.confirm !== true) {
        return interaction.editReply({
          embeds: [
            replyEmbed(
              'warning',
              `${summary.join('\n')}\nRun again with \`confirm: true\` to restore.`,
              'Restore plan',
            ),
          ],
        });
      }
      let lastEdit = 0;
      const stop = service.onProgress((event: BackupProgress) => {
        if (
          event.guildId !== guildId ||
          Date.now() - lastEdit < service.config.progressEditSeconds * 1000
        )
          return;
        lastEdit = Date.now();
        void interaction
          .editReply({
            embeds: [
              replyEmbed('info', `${bar(event.done, event.total)}\n${event.step}`, 'Restoring…'),
            ],
          })
          .catch(() => undefined);
      });
      try {
        const result = await service.restore(
          guildId,
          args.id,
          { ...options, actor: { userId: interaction.user.id } },
          source,
        );
        const text = [
          `Created ${result.created} · updated ${result.updated} · deleted ${result.deleted} · failed ${result.failed}`,
          result.differences.length === 0
            ? 'Verified: the server matches the backup.'
            : `Still different after verification:\n- ${result.differences.slice(0, 10).join('\n- ')}`,
        ].join('\n');
        return interaction.editReply({
          embeds: [
            replyEmbed(
              result.failed === 0 && result.differences.length === 0 ? 'success' : 'warning',
              text,
              'Restore finished',
            ),
          ],
        });
      } finally {
        stop();
      }
    } catch (error) {
      return interaction.editReply({ embeds: [replyEmbed('error', explain(error))] });
    }
  },
});

/** `/backupdiff <id> [other]`: against another backup, or the live server (default). */
export const backupDiff = defineCommand({
  name: 'backupdiff',
  description: 'Compare a backup with another backup or with the server as it is now',
  options: {
    id: { kind: 'string', description: 'The backup id', required: true },
    other: { kind: 'string', description: 'Another backup id (default: the live server)' },
  },
  permissions: ['ManageGuild'],
  guildOnly: true,
  category: 'backup',
  async run(interaction, { id, other }, ctx) {
    await interaction.deferReply();
    try {
      const diff = await serviceOf(ctx).diff(guildIdOf(interaction), id, other ?? 'live');
      const list = (title: string, items: string[]) =>
        items.length === 0
          ? ''
          : `**${title} (${items.length})**\n${items.slice(0, 8).join('\n')}${items.length > 8 ? '\n…' : ''}`;
      const text = [
        list('Added', diff.added),
        list('Removed', diff.removed),
        list('Changed', diff.changed),
      ]
        .filter(Boolean)
        .join('\n\n');
      return interaction.editReply({
        embeds: [
          replyEmbed('info', text || 'No differences.', `Diff of ${id} vs ${other ?? 'live'}`),
        ],
      });
    } catch (error) {
      return interaction.editReply({ embeds: [replyEmbed('error', explain(error))] });
    }
  },
});
