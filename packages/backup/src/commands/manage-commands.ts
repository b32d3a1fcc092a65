import {
  type ArgsOf,
  type CommandEntry,
  type CommandInteraction,
  defineCommand,
  type OptionsSpec,
  replyEmbed,
} from '@zoryx/framework';
import { MessageFlags } from 'discord.js';
import type { BackupService } from '../service.js';
import { assertTextLength } from '../text-limits.js';
import { describeBackup, explain, guildIdOf, serviceOf } from './command-context.js';

const ID = {
  kind: 'string',
  description: 'The backup id (see /backuplist)',
  required: true,
} as const;

/** What a {@link backupCommand} works with: the parsed options, the bot's service, the guild. */
interface BackupCommandRun<O extends OptionsSpec> {
  readonly interaction: CommandInteraction;
  readonly args: ArgsOf<O>;
  readonly service: BackupService;
  readonly guildId: string;
}

/**
 * A Manage Guild, guild-only command of the `backup` category on one of the guild's backups.
 * `answer` returns the reply's embed; a coded error it throws is replied instead, ephemeral
 * and with its hint (any other error is thrown on, as is a failure of the reply itself).
 */
function backupCommand<const O extends OptionsSpec>(definition: {
  name: string;
  description: string;
  options: O;
  answer: (run: BackupCommandRun<O>) => Promise<ReturnType<typeof replyEmbed>>;
}): CommandEntry {
  return defineCommand<O>({
    name: definition.name,
    description: definition.description,
    options: definition.options,
    permissions: ['ManageGuild'],
    guildOnly: true,
    category: 'backup',
    async run(interaction, args, ctx) {
      let embed: ReturnType<typeof replyEmbed>;
      try {
        const service = serviceOf(ctx);
        embed = await definition.answer({
          interaction,
          args,
          service,
          guildId: guildIdOf(interaction),
        });
      } catch (error) {
        return interaction.reply({
          embeds: [replyEmbed('error', explain(error))],
          flags: MessageFlags.Ephemeral,
        });
      }
      return interaction.reply({ embeds: [embed] });
    },
  });
}

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
export const backupView = backupCommand({
  name: 'backupview',
  description: 'Show what a backup holds',
  options: { id: ID },
  async answer({ args: { id }, service, guildId }) {
    const backup = await service.store.load(guildId, id);
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
    return replyEmbed('info', lines.filter(Boolean).join('\n'), 'Backup');
  },
});

/** `/backupdelete <id>`: not for pinned backups. */
export const backupDelete = backupCommand({
  name: 'backupdelete',
  description: 'Delete a backup (unpin it first if pinned)',
  options: { id: ID },
  async answer({ interaction, args: { id }, service, guildId }) {
    await service.store.delete(guildId, id);
    await service.audit.record(guildId, {
      action: 'delete',
      userId: interaction.user.id,
      backupId: id,
      detail: '',
    });
    return replyEmbed('success', `Backup \`${id}\` deleted.`);
  },
});

/** `/backuppin <id>`: toggles the pin (pinned backups survive deletion and retention). */
export const backupPin = backupCommand({
  name: 'backuppin',
  description: 'Pin or unpin a backup (pinned ones are never deleted)',
  options: { id: ID },
  async answer({ interaction, args: { id }, service, guildId }) {
    const entry = await service.store.entry(guildId, id);
    await service.store.update(guildId, id, { pinned: !entry.pinned });
    await service.audit.record(guildId, {
      action: entry.pinned ? 'unpin' : 'pin',
      userId: interaction.user.id,
      backupId: id,
      detail: '',
    });
    return replyEmbed('success', `Backup \`${id}\` ${entry.pinned ? 'unpinned' : 'pinned'}.`);
  },
});

/** `/backupnote <id> [note] [label]`: notes ≤ 500, labels ≤ 100 characters. */
export const backupNote = backupCommand({
  name: 'backupnote',
  description: "Set a backup's note (≤ 500) or label (≤ 100)",
  options: {
    id: ID,
    note: { kind: 'string', description: 'The note (empty clears it)' },
    label: { kind: 'string', description: 'A new label' },
  },
  async answer({ interaction, args: { id, note, label }, service, guildId }) {
    assertTextLength('note', note);
    assertTextLength('label', label);
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
    return replyEmbed('success', `Backup \`${id}\` updated.`);
  },
});

/** `/backupverify <id>`: re-reads the snapshot and images and checks their SHA-256. */
export const backupVerify = backupCommand({
  name: 'backupverify',
  description: "Check a backup's integrity (SHA-256 of the snapshot and its images)",
  options: { id: ID },
  async answer({ interaction, args: { id }, service, guildId }) {
    const result = await service.verify(guildId, id, { userId: interaction.user.id });
    return result.ok
      ? replyEmbed('success', `Backup \`${id}\` is intact.`)
      : replyEmbed('error', `Backup \`${id}\` is damaged: ${result.problem}`);
  },
});
