import { type CommandEntry, defineCommand, type ExtensionContext } from '@zoryx/framework';
import type { AlertChannel } from './alert-channel.js';
import { infoEmbed, successEmbed } from './embeds.js';
import { replyError, respond } from './replies.js';

/** Options of {@link alertChannelCommand}. */
export interface AlertChannelCommandOptions {
  /** The command's name, e.g. `fw_alert_channel`. */
  readonly name: string;
  /** What the alerts are about, for the replies: `health`, `hook bus`… */
  readonly what: string;
  /**
   * The alert channel of the extension the command belongs to, from its context (usually
   * `ctx.extensions.get('<name>')?.alerts`); `undefined` while the extension is not running.
   */
  readonly alertsOf: (ctx: ExtensionContext) => AlertChannel | undefined;
}

/**
 * `<name> [channel] [off]` (owner): sets the channel an extension posts alerts to — the given
 * one, or the channel the command runs in — or with `off:true` stops posting (alerts are still
 * logged). Persisted in the extension's store. Used by the registry, hooks and diagnostics
 * built-ins; usable by any extension that keeps an {@link AlertChannel}.
 */
export function alertChannelCommand({
  name,
  what,
  alertsOf,
}: AlertChannelCommandOptions): CommandEntry {
  return defineCommand({
    name,
    description: `Set the channel for ${what} alerts (owner)`,
    detail: `Without a channel, the channel you run it in. \`off:true\` stops posting ${what} alerts (they are still logged).`,
    access: 'owner',
    options: {
      channel: { kind: 'channel', description: 'Channel for alerts (default: this one)' },
      off: { kind: 'boolean', description: 'Stop posting alerts' },
    },
    async run(interaction, { channel, off }, ctx) {
      const alerts = alertsOf(ctx);
      if (!alerts) {
        return replyError(interaction, `The ${ctx.name} extension is not running.`, {
          logger: ctx.logger,
        });
      }
      if (off) {
        await alerts.set(null);
        return respond(interaction, [
          successEmbed(`${what} alerts are no longer posted.`, 'Alerts off'),
        ]);
      }
      const id = channel?.id ?? interaction.channelId;
      if (!id) return respond(interaction, [infoEmbed('Run this in a channel, or name one.')]);
      await alerts.set(id);
      return respond(interaction, [
        successEmbed(`${what} alerts will be posted in <#${id}>.`, 'Alert channel set'),
      ]);
    },
  });
}
