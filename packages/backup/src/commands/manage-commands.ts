import { defineCommand, replyEmbed } from '@zoryx/framework';
import { BackupError } from '../errors.js';
import { describeBackup, explain, guildIdOf, serviceOf } from './command-context.js';

const ID = {
  kind: 'string',
  description: 'The backup id (see /backuplist)',
  required: true,
} as const;

/** `/backupcreate [label]`: needs Manage Guild; one per guild per cooldown (bot owners exempt). */
export const backupCreate = defineCommand({
  name: 'backupcreate',
  description: 'Back up this server (roles, channels, settings, emojis, bans, bot settings…)',
  options: { label: { kind: 'string', description: 'A label (≤ 100 characters)' } },
  permissions: ['ManageGuild'],
  guildOnly: true,
  category: 'backup',
  async run(interaction, { label }, ctx) {
    const service = serviceOf(ctx);
    await interaction.deferReply();
    try {
      const owner = service.isBotOwner(interaction.user.id);
      const entry = await service.create(guildIdOf(interaction), {
        ...(label !== undefined ? { label } : {}),
        actor: { userId: interaction.user.id },
        cooldown: owner ? 'exempt' : 'apply',
      });
      return interaction.editReply({
        embeds: [
          replyEmbed(
            'success',
            `${describeBackup(entry)}\nSHA-256 \`${entry.checksum}\``,
            'Backup created',
          ),
        ],
      });
    } catch (error) {
      return interaction.editReply({ embeds: [replyEmbed('error', explain(error))] });
    }
  },
});

/** `/backuplist`: the guild's backups, newest first. */
export const backupList = defineCommand({
  name: 'backuplist',
  description: "List this server's backups",
  permissions: ['ManageGuild'],
  guildOnly: true,
  category: 'backup',
  async run(interaction, _args, ctx) {
    const list = await serviceOf(ctx).store.list(guildIdOf(interaction));
    const text =
      list.length === 0 ? 'No backups yet: `/backupcreate`.' : list.map(describeBackup).join('\n');
    return interaction.reply({
      embeds: [replyEmbed('info', text.slice(0, 4000), `Backups (${list.length})`)],
    });
  },
});

/** `/backupview <id>`: what a backup holds. */
export const backupView = defineCommand({
  name: 'backupview',
  description: 'Show what a backup holds',
  options: { id: ID },
  permissions: ['ManageGuild'],
  guildOnly: true,
  category: 'backup',
  async run(interaction, { id }, ctx) {
    try {
      const backup = await serviceOf(ctx).store.load(guildIdOf(interaction), id);
      const s = backup.snapshot;
      const count = (type: number) => s.channels.filter((c) => c.type === type).length;
      const lines = [
        describeBackup(backup),
        `Roles ${s.roles.length} · categories ${count(4)} · text ${count(0)} · voice ${count(2)} · announcement ${count(5)} · stage ${count(13)} · forum ${count(15)} · media ${count(16)}`,
        `Emojis ${s.emojis.length} · stickers ${s.stickers.length} · bans ${s.bans.length} · AutoMod ${s.automod.length} · members ${s.members.length}`,
        `Extensions: ${Object.keys(s.extensions).join(', ') || 'none'} · prefix \`${s.framework.prefix}\``,
        `Size ${backup.sizeBytes} bytes · SHA-256 \`${backup.checksum}\``,
        backup.notes ? `Notes: ${backup.notes}` : '',
      ];
      return interaction.reply({
        embeds: [replyEmbed('info', lines.filter(Boolean).join('\n'), 'Backup')],
      });
    } catch (error) {
      return interaction.reply({ embeds: [replyEmbed('error', explain(error))], ephemeral: true });
    }
  },
});

/** `/backupdelete <id>`: not for pinned backups. */
export const backupDelete = defineCommand({
  name: 'backupdelete',
  description: 'Delete a backup (unpin it first if pinned)',
  options: { id: ID },
  permissions: ['ManageGuild'],
  guildOnly: true,
  category: 'backup',
  async run(interaction, { id }, ctx) {
    const service = serviceOf(ctx);
    try {
      await service.store.delete(guildIdOf(interaction), id);
      await service.audit.record(guildIdOf(interaction), {
        action: 'delete',
        userId: interaction.user.id,
        backupId: id,
        detail: '',
      });
      return interaction.reply({ embeds: [replyEmbed('success', `Backup \`${id}\` deleted.`)] });
    } catch (error) {
      return interaction.reply({ embeds: [replyEmbed('error', explain(error))], ephemeral: true });
    }
  },
});

/** `/backuppin <id>`: toggles the pin (pinned backups survive deletion and retention). */
export const backupPin = defineCommand({
  name: 'backuppin',
  description: 'Pin or unpin a backup (pinned ones are never deleted)',
  options: { id: ID },
  permissions: ['ManageGuild'],
  guildOnly: true,
  category: 'backup',
  async run(interaction, { id }, ctx) {
    const service = serviceOf(ctx);
    try {
      const guildId = guildIdOf(interaction);
      const entry = await service.store.entry(guildId, id);
      await service.store.update(guildId, id, { pinned: !entry.pinned });
      await service.audit.record(guildId, {
        action: entry.pinned ? 'unpin' : 'pin',
        userId: interaction.user.id,
        backupId: id,
        detail: '',
      });
      return interaction.reply({
        embeds: [
          replyEmbed('success', `Backup \`${id}\` ${entry.pinned ? 'unpinned' : 'pinned'}.`),
        ],
      });
    } catch (error) {
      return interaction.reply({ embeds: [replyEmbed('error', explain(error))], ephemeral: true });
    }
  },
});

/** `/backupnote <id> [note] [label]`: notes ≤ 500, labels ≤ 100 characters. */
export const backupNote = defineCommand({
  name: 'backupnote',
  description: "Set a backup's note (≤ 500) or label (≤ 100)",
  options: {
    id: ID,
    note: { kind: 'string', description: 'The note (empty clears it)' },
    label: { kind: 'string', description: 'A new label' },
  },
  permissions: ['ManageGuild'],
  guildOnly: true,
  category: 'backup',
  async run(interaction, { id, note, label }, ctx) {
    const service = serviceOf(ctx);
    try {
      if (note !== undefined && note.length > 500)
        throw new BackupError(
          'ZRX_BACKUP_INPUT',
          `A note has at most 500 characters (got ${note.length}).`,
        );
      if (label !== undefined && label.length > 100)
        throw new BackupError(
          'ZRX_BACKUP_INPUT',
          `A label has at most 100 characters (got ${label.length}).`,
        );
      const guildId = guildIdOf(interaction);
      await service.store.update(guildId, id, {
        ...(note !== undefined ? { notes: note } : {}),
        ...(label !== undefined ? { label } : {}),
      });
      await service.audit.record(guildId, {
        action: label !== undefined ? 'label' : 'note',
        userId: interaction.user.id,
        backupId: id,
        detail: (label ?? note ?? '').slice(0, 100),
      });
      return interaction.reply({ embeds: [replyEmbed('success', `Backup \`${id}\` updated.`)] });
    } catch (error) {
      return interaction.reply({ embeds: [replyEmbed('error', explain(error))], ephemeral: true });
    }
  },
});

/** `/backupverify <id>`: re-reads the snapshot and images and checks their SHA-256. */
export const backupVerify = defineCommand({
  name: 'backupverify',
  description: "Check a backup's integrity (SHA-256 of the snapshot and its images)",
  options: { id: ID },
  permissions: ['ManageGuild'],
  guildOnly: true,
  category: 'backup',
  async run(interaction, { id }, ctx) {
    try {
      const result = await serviceOf(ctx).verify(guildIdOf(interaction), id, {
        userId: interaction.user.id,
      });
      return interaction.reply({
        embeds: [
          result.ok
            ? replyEmbed('success', `Backup \`${id}\` is intact.`)
            : replyEmbed('error', `Backup \`${id}\` is damaged: ${result.problem}`),
        ],
      });
    } catch (error) {
      return interaction.reply({ embeds: [replyEmbed('error', explain(error))], ephemeral: true });
    }
  },
});
