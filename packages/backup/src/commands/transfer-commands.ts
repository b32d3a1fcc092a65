import { defineCommand, replyEmbed } from '@zoryx/framework';
import { AttachmentBuilder, MessageFlags } from 'discord.js';
import { BackupError } from '../errors.js';
import { exportBackup, importBackup } from '../transfer.js';
import { describeBackup, explain, guildIdOf, serviceOf } from './command-context.js';

/** Exported files are at most this large (Discord's upload limit for bots without boosts). */
const MAX_FILE = 10 * 1024 * 1024;

/** `/backupexport <id>`: the backup as a JSON file (images included). Guild owner or bot owner. */
export const backupExport = defineCommand({
  name: 'backupexport',
  description: 'Download a backup as a JSON file',
  options: { id: { kind: 'string', description: 'The backup id', required: true } },
  access: 'guild-owner',
  guildOnly: true,
  category: 'backup',
  async run(interaction, { id }, ctx) {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    try {
      const guildId = guildIdOf(interaction);
      const json = await exportBackup(serviceOf(ctx), guildId, id, { userId: interaction.user.id });
      const file = new AttachmentBuilder(Buffer.from(json), {
        name: `backup_${guildId}_${id}.json`,
      });
      return interaction.editReply({
        files: [file],
        content: `Backup \`${id}\` (${json.length} bytes).`,
      });
    } catch (error) {
      return interaction.editReply({ embeds: [replyEmbed('error', explain(error))] });
    }
  },
});

/** `/backupimport <file>`: a file from `/backupexport` (or the original bot) as a new backup. */
export const backupImport = defineCommand({
  name: 'backupimport',
  description: 'Import a backup file (from /backupexport) into this server',
  options: { file: { kind: 'attachment', description: 'The JSON file', required: true } },
  access: 'guild-owner',
  guildOnly: true,
  category: 'backup',
  async run(interaction, { file }, ctx) {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    try {
      if (file.size > MAX_FILE)
        throw new BackupError('ZRX_BACKUP_INPUT', `The file is over ${MAX_FILE} bytes.`);
      const response = await fetch(file.url, { signal: AbortSignal.timeout(15_000) });
      const entry = await importBackup(
        serviceOf(ctx),
        guildIdOf(interaction),
        await response.text(),
        { userId: interaction.user.id },
      );
      return interaction.editReply({
        embeds: [replyEmbed('success', describeBackup(entry), 'Backup imported')],
      });
    } catch (error) {
      return interaction.editReply({ embeds: [replyEmbed('error', explain(error))] });
    }
  },
});
