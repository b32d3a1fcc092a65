import { defineCommand, replyEmbed } from '@zoryx/framework';
import type { Snapshot } from '../snapshot/schema.js';
import { describeBackup, explain, guildIdOf, schedulesOf, serviceOf } from './command-context.js';

/**
 * The original's drift: Σ |now − backup| over roles, categories, text and voice channels and
 * emojis; under 3 minimal, under 10 moderate, else significant.
 */
export function driftOf(backup: Snapshot, live: Snapshot): { drift: number; level: string } {
  const count = (s: Snapshot) => [
    s.roles.length,
    s.channels.filter((c) => c.type === 4).length,
    s.channels.filter((c) => c.type === 0 || c.type === 5).length,
    s.channels.filter((c) => c.type === 2 || c.type === 13).length,
    s.emojis.length,
  ];
  const now = count(live);
  const drift = count(backup).reduce(
    (sum, value, index) => sum + Math.abs((now[index] ?? 0) - value),
    0,
  );
  return { drift, level: drift < 3 ? 'minimal' : drift < 10 ? 'moderate' : 'significant' };
}

/** `/backup [view]`: overview, list, compare (drift), audit, stats of this server's backups. */
export const backupDashboard = defineCommand({
  name: 'backup',
  description: "This server's backups: overview, list, compare, audit, stats",
  options: {
    view: {
      kind: 'string',
      description: 'What to show (default overview)',
      choices: ['overview', 'list', 'compare', 'audit', 'stats'],
    },
  },
  permissions: ['ManageGuild'],
  guildOnly: true,
  category: 'backup',
  cooldown: { limit: 1, seconds: 10 },
  async run(interaction, { view }, ctx) {
    const service = serviceOf(ctx);
    const guildId = guildIdOf(interaction);
    await interaction.deferReply();
    try {
      const list = await service.store.list(guildId);
      let text: string;
      switch (view ?? 'overview') {
        case 'list':
          text = list.slice(0, 15).map(describeBackup).join('\n') || 'No backups yet.';
          break;
        case 'compare': {
          const latest = list[0];
          if (!latest) {
            text = 'No backup to compare with.';
            break;
          }
          const backup = await service.store.load(guildId, latest.id);
          const { drift, level } = driftOf(backup.snapshot, await service.captureLive(guildId));
          const diff = await service.diff(guildId, latest.id, 'live');
          text = `Latest backup ${describeBackup(latest)}\nDrift **${drift}** (${level}) · ${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed`;
          break;
        }
        case 'audit':
          text =
            (await service.audit.list(guildId, 10))
              .map(
                (e) =>
                  `<t:${Math.floor(Date.parse(e.at) / 1000)}:R> **${e.action}** by <@${e.userId}>${e.backupId ? ` \`${e.backupId}\`` : ''} ${e.detail}`,
              )
              .join('\n') || 'Nothing yet.';
          break;
        case 'stats': {
          const bytes = list.reduce((sum, e) => sum + e.sizeBytes, 0);
          text = `${list.length} backups (${list.filter((e) => e.pinned).length} pinned, ${list.filter((e) => e.auto).length} automatic), ${(bytes / 1024).toFixed(1)} KiB of snapshots`;
          break;
        }
        default: {
          const status = await schedulesOf(ctx).status(guildId);
          text = [
            `**${list.length}/${service.config.maxPerGuild}** backups`,
            list[0] ? `Latest: ${describeBackup(list[0])}` : 'No backups yet: `/backupcreate`.',
            `Automatic: ${status.hours ? `every ${status.hours} h` : 'off'} · retention: ${status.retentionDays ? `${status.retentionDays} days` : 'off'}`,
          ].join('\n');
        }
      }
      return interaction.editReply({
        embeds: [replyEmbed('info', text.slice(0, 4000), `Backups · ${view ?? 'overview'}`)],
      });
    } catch (error) {
      return interaction.editReply({ embeds: [replyEmbed('error', explain(error))] });
    }
  },
});

/** `/backupstats`: storage of every guild's backups (bot owners). */
export const backupStats = defineCommand({
  name: 'backupstats',
  description: 'Backup storage across all servers (bot owners)',
  access: 'owner',
  category: 'backup',
  async run(interaction, _args, ctx) {
    const db = ctx.db.main;
    const snapshots = await db
      .selectFrom('backup_snapshots')
      .select(['guild_id', 'size_bytes'])
      .execute();
    const assets = await db.selectFrom('backup_assets').select(['hash']).execute();
    const jobs = await db.selectFrom('backup_jobs').select(['status']).execute();
    const bytes = snapshots.reduce((sum, row) => sum + Number(row.size_bytes), 0);
    const text = [
      `${snapshots.length} backups in ${new Set(snapshots.map((r) => r.guild_id)).size} servers, ${(bytes / 1024).toFixed(1)} KiB`,
      `${assets.length} images (stored once each)`,
      `Restores: ${jobs.filter((j) => j.status === 'finished').length} finished, ${jobs.filter((j) => j.status === 'running').length} running, ${jobs.filter((j) => j.status === 'cancelled').length} cancelled`,
    ].join('\n');
    return interaction.reply({ embeds: [replyEmbed('info', text, 'Backup storage')] });
  },
});
