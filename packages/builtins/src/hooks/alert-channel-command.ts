import { type BuiltinCommandEntry, defineCommand } from '../shared/command.js';
import { infoEmbed, successEmbed } from '../shared/embeds.js';
import { replyError, respond } from '../shared/replies.js';
import type { AlertChannel } from './alert-channel.js';
import { extensionApi } from './extension-api.js';

/**
 * `<name> [channel] [off]` (owner): sets the channel an extension posts alerts to — the given
 * one, or the channel the command runs in — or with `off:true` stops posting (alerts are still
 * logged). Persisted in the extension's store.
 */
export function alertChannelCommand(
  name: string,
  extension: string,
  what: string,
): BuiltinCommandEntry {
  return defineCommand({
    name,
    description: `Set the channel for ${what} alerts (owner)`,
    detail: `Without a channel, the channel you run it in. \`off:true\` stops posting ${what} alerts (they are still logged).`,
    access: 'owner',
    options: {
      channel: { kind: 'channel', description: 'Channel for alerts (default: this one)' },
      off: { kind: 'boolean', description: 'Stop posting alerts' },
    },
    async run(interaction, { channel, off }) {
      const alerts = extensionApi<{ alerts: AlertChannel }>(interaction.client, extension)?.alerts;
      if (!alerts) return replyError(interaction, `The ${extension} extension is not running.`);
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
