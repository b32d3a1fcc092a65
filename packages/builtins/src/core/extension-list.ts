import { defineCommand, type ExtensionStatus, isBotOwner } from '@zoryx/framework';
import { styledEmbed, successEmbed, warningEmbed } from '../shared/embeds.js';
import { formatMs } from '../shared/format.js';
import { paginate, sendPaginatedView } from '../shared/pagination.js';
import { replyError, respond } from '../shared/replies.js';
import { coreViewOptions } from './core-config.js';
import { describeFailure } from './extension-admin.js';

/** Extensions per page of `extensions`. */
export const EXTENSIONS_PAGE_SIZE = 10;

const STATE_MARK: Readonly<Record<ExtensionStatus['state'], string>> = {
  loaded: '🟢 loaded',
  failed: '🔴 failed',
  skipped: '🟡 skipped',
  unloaded: '⚪ unloaded',
  quarantined: '⛔ quarantined',
};

/** One line of the listing: state, version, load time, and why it is not loaded. */
export function describeExtension(status: ExtensionStatus): string {
  const parts = [
    STATE_MARK[status.state],
    `v${status.version ?? '?'}`,
    formatMs(status.loadTimeMs),
  ];
  const line = parts.join(' · ');
  const error = status.lastError ? `\n↳ ${status.lastError.code}: ${status.lastError.message}` : '';
  return `${line}${status.description ? `\n${status.description}` : ''}${error}`;
}

/**
 * `extensions`: every extension with version, load time and state (paginated). Bot owners can
 * lift a quarantine with `extensions unquarantine:<name>` (the extension loads again).
 */
export const extensionsCommand = defineCommand({
  name: 'extensions',
  description: 'Lists the extensions with their versions, load times and state',
  options: {
    unquarantine: {
      kind: 'string',
      description: 'Bot owners: lift the quarantine of this extension and load it',
      max: 64,
    },
  },
  async run(interaction, { unquarantine }, ctx) {
    if (unquarantine !== undefined) {
      if (!isBotOwner(ctx.client, interaction.user.id)) {
        return respond(
          interaction,
          [warningEmbed('Only the bot owners can lift a quarantine.', 'Not allowed')],
          { ephemeral: true },
        );
      }
      try {
        const status = await ctx.client.extensions.unquarantine(unquarantine);
        return respond(interaction, [
          successEmbed(
            `\`${status.name}\` is out of quarantine and ${status.state}.`,
            'Quarantine lifted',
          ),
        ]);
      } catch (error) {
        // Anything but "not quarantined" comes from loading it: the quarantine is lifted then.
        const lifted = (error as { code?: unknown }).code !== 'ZRX_EXT_NOT_QUARANTINED';
        const what = lifted
          ? `The quarantine of \`${unquarantine}\` is lifted, but it did not load`
          : `Could not lift the quarantine of \`${unquarantine}\``;
        return replyError(interaction, `${what}: ${describeFailure(error)}`, {
          error,
          logger: ctx.logger,
        });
      }
    }
    const statuses = ctx.client.extensions.status();
    const loaded = statuses.filter((s) => s.state === 'loaded').length;
    const pages = paginate(statuses, EXTENSIONS_PAGE_SIZE).map((chunk) =>
      styledEmbed(
        'info',
        'Extensions',
        `${loaded} of ${statuses.length} loaded.`,
        chunk.map((status) => ({ name: status.name, value: describeExtension(status) })),
      ),
    );
    return sendPaginatedView(interaction, { pages, ...coreViewOptions(ctx) });
  },
});
