import { defineCommand } from '@zoryx/framework';
import { alertChannelCommand } from '../shared/alert-channel-command.js';
import { infoEmbed, styledEmbed, successEmbed } from '../shared/embeds.js';
import { extensionViewOptions } from '../shared/interactive-view.js';
import { paginate, sendPaginatedView } from '../shared/pagination.js';
import { replyError, respond } from '../shared/replies.js';
import { historyLine, hookField } from './hook-format.js';

/** Name of the hooks extension. */
export const HOOKS = 'hooks';
/** Hooks per `eh_list` page. */
export const HOOKS_PER_PAGE = 10;
/** How long `eh_list`'s buttons stay usable after the last click. */
const VIEW_TIMEOUT_MS = 180_000;

/** `eh_list` (owner): every hook with priority, owner, calls, failures, avg time, breaker. */
export const ehListCommand = defineCommand({
  name: 'eh_list',
  description: 'Registered event hooks with their metrics and breaker state (owner)',
  access: 'owner',
  async run(interaction, _args, ctx) {
    // The bus itself (every extension's hooks), not ctx.hooks (this extension's own view of it).
    const bus = ctx.client.hooks;
    const hooks = bus.hooks();
    if (hooks.length === 0) {
      return respond(interaction, [infoEmbed('No hooks are registered.', 'Event hooks')]);
    }
    const stats = bus.stats();
    const summary = `${hooks.length} hooks · queue ${stats.queued}/${stats.capacity} · dropped ${stats.dropped} · dispatcher restarts ${stats.dispatcherRestarts}`;
    const pages = paginate(hooks, HOOKS_PER_PAGE).map((chunk) =>
      styledEmbed('info', 'Event hooks', summary, chunk.map(hookField)),
    );
    await sendPaginatedView(interaction, { pages, ...extensionViewOptions(ctx, VIEW_TIMEOUT_MS) });
    return undefined;
  },
});

/** `eh_history [limit]` (owner): the last dispatches, newest first. */
export const ehHistoryCommand = defineCommand({
  name: 'eh_history',
  description: 'Recent hook dispatches, newest first (owner)',
  access: 'owner',
  options: {
    limit: { kind: 'integer', description: 'How many (1–50, default 10)', min: 1, max: 50 },
  },
  async run(interaction, { limit }, { client }) {
    const records = client.hooks.history({ limit: limit ?? 10 }).reverse();
    if (records.length === 0) {
      return respond(interaction, [infoEmbed('No events dispatched yet.', 'Hook history')]);
    }
    return respond(interaction, [
      styledEmbed(
        'info',
        `Hook history (last ${records.length})`,
        records.map(historyLine).join('\n'),
      ),
    ]);
  },
});

type HookAction = 'disable' | 'enable' | 'resetBreaker';

function hookActionCommand(name: string, description: string, action: HookAction, done: string) {
  return defineCommand({
    name,
    description,
    access: 'owner',
    options: { hook_id: { kind: 'string', description: 'Hook id (see eh_list)', required: true } },
    async run(interaction, { hook_id }, ctx) {
      const bus = ctx.client.hooks;
      try {
        bus[action](hook_id);
      } catch (error) {
        // By code, not instanceof: the bus may come from another copy of @zoryx/hooks.
        if ((error as { code?: unknown } | null)?.code === 'ZRX_HOOK_UNKNOWN_ID') {
          const known = bus.hooks().map((h) => `\`${h.id}\``);
          return respond(
            interaction,
            [
              styledEmbed(
                'warning',
                'Unknown hook',
                `No hook \`${hook_id}\` is registered. Known ids: ${known.slice(0, 20).join(', ') || 'none'}.`,
              ),
            ],
            { ephemeral: true },
          );
        }
        return replyError(interaction, `Could not ${action} \`${hook_id}\`.`, {
          error,
          logger: ctx.logger,
        });
      }
      return respond(interaction, [successEmbed(`\`${hook_id}\` ${done}.`)]);
    },
  });
}

/** `eh_disable <hook_id>` (owner): the hook is skipped until enabled. */
export const ehDisableCommand = hookActionCommand(
  'eh_disable',
  'Disable an event hook (owner)',
  'disable',
  'is disabled: it is skipped until `eh_enable`',
);
/** `eh_enable <hook_id>` (owner). */
export const ehEnableCommand = hookActionCommand(
  'eh_enable',
  'Re-enable a disabled event hook (owner)',
  'enable',
  'is enabled',
);
/** `eh_reset_circuit <hook_id>` (owner): closes the hook's breaker and forgets its failures. */
export const ehResetCircuitCommand = hookActionCommand(
  'eh_reset_circuit',
  "Close an event hook's circuit breaker (owner)",
  'resetBreaker',
  'has its circuit breaker closed and its failures forgotten',
);

/** `eh_alert_channel [channel] [off]` (owner). */
export const ehAlertChannelCommand = alertChannelCommand({
  name: 'eh_alert_channel',
  what: 'hook bus',
  alertsOf: (ctx) => ctx.extensions.get('hooks')?.alerts,
});
