import { defineExtension } from '@zoryx/framework';
import { AlertChannel } from '../shared/alert-channel.js';
import { styledEmbed } from '../shared/embeds.js';
import {
  ehAlertChannelCommand,
  ehDisableCommand,
  ehEnableCommand,
  ehHistoryCommand,
  ehListCommand,
  ehResetCircuitCommand,
  HOOKS,
} from './hook-commands.js';
import { describeAlert } from './hook-format.js';

declare module '@zoryx/framework' {
  interface ExtensionApis {
    /** The public API of the built-in extension (what its `setup` returns). */
    hooks: HooksBuiltinApi;
  }
}

/** The public API of the hooks built-in (reachable as `ctx.extensions.get('hooks')`). */
export interface HooksBuiltinApi {
  /** Where bus alerts are posted (persisted). */
  readonly alerts: AlertChannel;
}

/**
 * The hooks built-in: `eh_list`, `eh_history`, `eh_disable`, `eh_enable`, `eh_reset_circuit`,
 * `eh_alert_channel`. Bus alerts (breaker opened, queue full, dispatcher restarted) are logged
 * and posted to the alert channel.
 */
export default defineExtension({
  name: HOOKS,
  version: '0.1.0',
  description: 'Event-hook bus inspection and control, and bus alerts to a channel',
  author: 'Zoryx',
  commands: [
    ehListCommand,
    ehHistoryCommand,
    ehDisableCommand,
    ehEnableCommand,
    ehResetCircuitCommand,
    ehAlertChannelCommand,
  ],
  setup(ctx): HooksBuiltinApi {
    const alerts = new AlertChannel(ctx.store);
    const unsubscribe = ctx.client.hooks.onAlert((alert) => {
      const described = describeAlert(alert);
      if (!described) return;
      ctx.logger.warn({ alert }, `hook bus: ${described.title}`);
      void alerts.post(
        ctx.client,
        styledEmbed(described.level, described.title, described.description),
      );
    });
    ctx.onDispose(unsubscribe);
    return { alerts };
  },
});

export { AlertChannel } from '../shared/alert-channel.js';
export { describeAlert, historyLine, hookField } from './hook-format.js';
