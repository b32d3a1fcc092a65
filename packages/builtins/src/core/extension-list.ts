import { defineCommand, type ExtensionStatus } from '@zoryx/framework';
import { styledEmbed } from '../shared/embeds.js';
import { formatMs } from '../shared/format.js';
import { paginate, sendPaginatedView } from '../shared/pagination.js';
import { coreViewOptions } from './core-config.js';

/** Extensions per page of `extensions`. */
export const EXTENSIONS_PAGE_SIZE = 10;

const STATE_MARK: Readonly<Record<ExtensionStatus['state'], string>> = {
  loaded: '🟢 loaded',
  failed: '🔴 failed',
  skipped: '🟡 skipped',
  unloaded: '⚪ unloaded',
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

/** `extensions`: every extension with version, load time and state (paginated). */
export const extensionsCommand = defineCommand({
  name: 'extensions',
  description: 'Lists the extensions with their versions, load times and state',
  async run(interaction, _args, ctx) {
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
