import { join } from 'node:path';
import {
  type CommandInteraction,
  defineCommand,
  defineComponent,
  defineExtension,
  type ExtensionContext,
  isBotOwner,
  replyEmbed,
} from '@zoryx/framework';
import { ActionRowBuilder, ButtonBuilder, ButtonStyle, MessageFlags } from 'discord.js';
import type { MarketplaceOptions } from './engine-context.js';
import { hostBotLink, serveRequests } from './host-link.js';
import { addExtension, previewExtension, updateExtension } from './install.js';
import { extensionInfo, listExtensions, searchExtensions } from './queries.js';
import { removeExtension } from './remove.js';
import { formatScorecard } from './scorecard.js';

const ACTIONS = ['search', 'info', 'install', 'update', 'remove', 'list'] as const;
type Action = (typeof ACTIONS)[number];
/** Discord's limit for an embed description. */
const MAX_TEXT = 4_000;

const clip = (text: string) => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text);
const errorText = (error: unknown) => {
  const fields: { code?: unknown; hint?: unknown } =
    typeof error === 'object' && error !== null ? error : {};
  const message = error instanceof Error ? error.message : String(error);
  return `${typeof fields.code === 'string' ? `${fields.code}: ` : ''}${message}${typeof fields.hint === 'string' ? `\nhint: ${fields.hint}` : ''}`;
};

/** The engine options of one Discord-initiated operation: this bot's folder, told directly. */
function engineOptions(
  ctx: ExtensionContext,
  userId: string,
  allowScripts: string[] = [],
): MarketplaceOptions {
  return {
    cwd: process.cwd(),
    by: `discord:${userId}`,
    link: hostBotLink(ctx.client),
    allowScripts,
    log: (line) => ctx.logger.info({ by: userId }, `marketplace ${line}`),
    // The owner confirmed with the button before the operation started.
    confirm: async () => true,
  };
}

/** Confirm/Cancel buttons carrying the operation in their custom ids. */
function confirmRow(
  operation: 'install' | 'update' | 'remove',
  spec: string,
  allowScripts: boolean,
) {
  const data = `${operation}|${allowScripts ? 1 : 0}|${spec}`;
  return new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder()
      .setCustomId(confirm.customId(data))
      .setLabel(`Confirm ${operation}`)
      .setStyle(ButtonStyle.Danger),
    new ButtonBuilder()
      .setCustomId(confirm.customId('cancel'))
      .setLabel('Cancel')
      .setStyle(ButtonStyle.Secondary),
  );
}

async function runQuery(
  action: Action,
  query: string,
  allowScripts: boolean,
  interaction: CommandInteraction,
  ctx: ExtensionContext,
) {
  const options = engineOptions(ctx, interaction.user.id);
  switch (action) {
    case 'search': {
      const { hits, stale } = await searchExtensions(options, query);
      const lines = hits.slice(0, 15).map((h) => `**${h.name}** ${h.version} — ${h.description}`);
      return interaction.reply({
        embeds: [
          replyEmbed(
            'info',
            clip(lines.join('\n') || 'No extension matches.'),
            `Extensions matching "${query}"${stale ? ' (cached)' : ''}`,
          ),
        ],
      });
    }
    case 'info': {
      const { info, scorecard, installed } = await extensionInfo(options, query);
      const text = `${info.description}\nversions: ${info.versions.join(', ')}\ninstalled: ${installed ?? 'no'}${info.weeklyDownloads === undefined ? '' : `\nweekly downloads: ${info.weeklyDownloads}`}\n\`\`\`\n${formatScorecard(scorecard)}\n\`\`\``;
      return interaction.reply({ embeds: [replyEmbed('info', clip(text), info.name)] });
    }
    case 'list': {
      const list = await listExtensions(options);
      const lines = list.map(
        (e) =>
          `**${e.package}** ${e.version ?? '?'}${e.pinned ? ' (pinned)' : ''} — ${e.loaded ? 'loaded' : 'not loaded'}`,
      );
      return interaction.reply({
        embeds: [
          replyEmbed(
            'info',
            clip(lines.join('\n') || 'No extension packages.'),
            'Installed extensions',
          ),
        ],
      });
    }
    case 'install':
    case 'update': {
      const preview = await previewExtension(
        options,
        query,
        action === 'install' ? 'add' : 'update',
      );
      const text = `${preview.name}@${preview.version}\n\`\`\`\n${formatScorecard(preview.scorecard)}\n\`\`\`\n${preview.explanation}\ninstall scripts: ${allowScripts ? 'allowed for this package' : 'off'}`;
      return interaction.reply({
        embeds: [replyEmbed('info', clip(text), `${action} ${preview.name}?`)],
        components: [confirmRow(action, `${preview.name}@${preview.version}`, allowScripts)],
      });
    }
    case 'remove':
      return interaction.reply({
        embeds: [
          replyEmbed(
            'warning',
            `Remove ${query}? Extensions that depend on it are unloaded and removed too.`,
            `remove ${query}?`,
          ),
        ],
        components: [confirmRow('remove', query, false)],
      });
  }
}

const marketplace = defineCommand({
  name: 'marketplace',
  description: 'Search, inspect, install, update and remove extensions from npm',
  access: 'owner',
  options: {
    action: { kind: 'string', description: 'What to do', required: true, choices: ACTIONS },
    query: { kind: 'string', description: 'Search text, or a package name[@range]' },
    allow_scripts: { kind: 'boolean', description: 'Let this package run its install scripts' },
  },
  async run(interaction, { action, query, allow_scripts }, ctx) {
    if (action !== 'list' && !query) {
      return interaction.reply({
        embeds: [replyEmbed('error', `\`/marketplace ${action}\` needs a query.`)],
      });
    }
    try {
      return await runQuery(action, query ?? '', allow_scripts ?? false, interaction, ctx);
    } catch (error) {
      return interaction.reply({
        embeds: [replyEmbed('error', clip(errorText(error)), `marketplace ${action}`)],
      });
    }
  },
});

const confirm = defineComponent({
  id: 'marketplace-confirm',
  kind: 'button',
  async run(interaction, data, ctx) {
    // The button is on a message anyone in the channel sees: only an owner may press it.
    if (!isBotOwner(interaction.client, interaction.user.id)) {
      return interaction.reply({
        embeds: [replyEmbed('error', 'Only a bot owner can do that.')],
        flags: MessageFlags.Ephemeral,
      });
    }
    if (data === 'cancel')
      return interaction.update({ embeds: [replyEmbed('info', 'Cancelled.')], components: [] });
    const [operation = '', allow = '0', spec = ''] = data.split('|');
    await interaction.update({
      embeds: [replyEmbed('info', `${operation} ${spec}…`)],
      components: [],
    });
    const name = spec.slice(0, spec.lastIndexOf('@') > 0 ? spec.lastIndexOf('@') : undefined);
    const options = engineOptions(ctx, interaction.user.id, allow === '1' ? [name] : []);
    try {
      const text =
        operation === 'remove'
          ? `Removed ${(await removeExtension(options, spec)).removed.join(', ')}.`
          : operation === 'update'
            ? `Updated ${spec}: ${(await updateExtension(options, spec)).names.join(', ') || 'up to date'}.`
            : `Installed ${spec}: ${(await addExtension(options, spec)).names.join(', ')} loaded.`;
      return interaction.editReply({ embeds: [replyEmbed('success', text)] });
    } catch (error) {
      return interaction.editReply({
        embeds: [replyEmbed('error', clip(errorText(error)), `${operation} failed`)],
      });
    }
  },
});

/**
 * The `marketplace` extension (the default export of `@zoryx/marketplace`; list
 * `"@zoryx/marketplace"` in config.json `extensions.packages`). It answers the requests of
 * `zoryx ext add|update|remove` so a running bot loads, reloads and unloads packages without a
 * restart, and gives owners `/marketplace search|info|install|update|remove|list` with
 * confirmation buttons and the resolver's explanation.
 */
export const marketplaceExtension = defineExtension({
  name: 'marketplace',
  version: '0.1.0',
  description: 'Extensions from npm: search, install, update and remove, live.',
  commands: [marketplace],
  components: [confirm],
  async setup(ctx) {
    await serveRequests(ctx, join(ctx.client.dataDir, 'marketplace'));
  },
});
