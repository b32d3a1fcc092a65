import { type CommandInteraction, defineCommand } from '@zoryx/framework';
import type { APIEmbed } from 'discord-api-types/v10';
import { ChannelType, PermissionFlagsBits } from 'discord-api-types/v10';
import { ClusterError } from '../errors.js';
import { explain, NO_PINGS, runtimeFor } from './context.js';
import { COLOURS, healthEmbed, shardDetailEmbed, shardPageEmbed } from './embeds.js';

/** Answers with one embed, pinging nobody (ephemeral only for refusals and errors). */
export async function answer(
  interaction: CommandInteraction,
  embed: APIEmbed,
  ephemeral = false,
): Promise<void> {
  const body = { embeds: [embed], allowedMentions: NO_PINGS };
  if (interaction.deferred || interaction.replied) await interaction.editReply(body);
  else await interaction.reply({ ...body, ...(ephemeral ? { flags: 64 as const } : {}) });
}

/** Answers a coded error (the code, the message) as a red, private embed. */
export async function answerError(interaction: CommandInteraction, error: unknown): Promise<void> {
  await answer(interaction, { color: COLOURS.red, description: explain(error) }, true);
}

/**
 * Runs a command's work and answers the embed it makes; a thrown (coded) error is answered by
 * {@link answerError}. `defer` first for work that asks other processes (it may take seconds).
 */
export async function answerWith(
  interaction: CommandInteraction,
  produce: () => Promise<APIEmbed>,
  { defer = false }: { defer?: boolean } = {},
): Promise<void> {
  try {
    if (defer) await interaction.deferReply();
    await answer(interaction, await produce());
  } catch (error) {
    await answerError(interaction, error);
  }
}

/** `shardinfo [shard]`: every shard on one line, or everything about one. */
export const shardinfo = defineCommand({
  name: 'shardinfo',
  description: 'Shows the shards: status, latency, uptime and events (one shard in detail)',
  access: 'owner',
  category: 'cluster',
  options: {
    shard: { kind: 'integer', description: 'One shard id, for its details', min: 0 },
  },
  async run(interaction, { shard }, ctx) {
    const runtime = runtimeFor(ctx);
    try {
      const { rows, errors } = await runtime.shards();
      if (shard === undefined || shard === null) {
        await answer(interaction, shardPageEmbed(rows, errors, 0, runtime.mode));
        return;
      }
      const row = rows.find((r) => r.metrics.shardId === shard);
      if (!row) {
        throw new ClusterError(
          'ZRX_CLUSTER_SHARD_UNKNOWN',
          `No shard ${shard} reported (shards: ${rows.map((r) => r.metrics.shardId).join(', ') || 'none'}).`,
        );
      }
      await answer(interaction, shardDetailEmbed(row, runtime.now()));
    } catch (error) {
      await answerError(interaction, error);
    }
  },
});

/** `shardhealth`: the unhealthy shards and why (the original's rules). */
export const shardhealth = defineCommand({
  name: 'shardhealth',
  description: 'Checks every shard against the health rules and lists the unhealthy ones',
  access: 'owner',
  category: 'cluster',
  run: (interaction, _args, ctx) =>
    answerWith(interaction, async () => {
      const { rows, errors } = await runtimeFor(ctx).shards();
      return healthEmbed(rows, errors);
    }),
});

/** `shardreset <shard>`: reconnects a shard (RESUME) and starts its metrics over; -1 = all. */
export const shardreset = defineCommand({
  name: 'shardreset',
  description: 'Reconnects a shard (resuming its session) and starts its metrics over; -1 for all',
  access: 'owner',
  category: 'cluster',
  options: {
    shard: {
      kind: 'integer',
      description: 'Shard id, or -1 for every shard',
      required: true,
      min: -1,
    },
  },
  async run(interaction, { shard }, ctx) {
    try {
      await interaction.deferReply();
      const outcome = await runtimeFor(ctx).resetShard(shard);
      const missed = outcome.reset.filter((id) => !outcome.reconnected.includes(id));
      const lines = [
        `Metrics reset: ${outcome.reset.map((id) => `#${id}`).join(', ') || 'none'}.`,
        `Reconnected (RESUME): ${outcome.reconnected.map((id) => `#${id}`).join(', ') || 'none'}.`,
        ...(missed.length > 0
          ? [`Not reconnected: ${missed.map((id) => `#${id}`).join(', ')}.`]
          : []),
        ...outcome.errors.map((e) => `⚠️ \`${e.process}\`: ${e.code} — ${e.message.slice(0, 150)}`),
      ];
      await answer(interaction, {
        title: 'Shard reset',
        color: missed.length > 0 || outcome.errors.length > 0 ? COLOURS.yellow : COLOURS.green,
        description: lines.join('\n'),
      });
    } catch (error) {
      await answerError(interaction, error);
    }
  },
});

/** `shardalerts [channel] [enabled]`: where shard alerts go, on or off; no option shows them. */
export const shardalerts = defineCommand({
  name: 'shardalerts',
  description: 'Sets the channel for shard health alerts and turns them on or off',
  access: 'owner',
  guildOnly: true,
  category: 'cluster',
  options: {
    channel: { kind: 'channel', description: 'Text channel to post alerts to' },
    enabled: { kind: 'boolean', description: 'Alerts on or off' },
  },
  async run(interaction, { channel, enabled }, ctx) {
    const runtime = runtimeFor(ctx);
    try {
      if (channel) {
        const target = interaction.guild?.channels.cache.get(channel.id);
        const me = interaction.guild?.members.me;
        const needed =
          PermissionFlagsBits.ViewChannel |
          PermissionFlagsBits.SendMessages |
          PermissionFlagsBits.EmbedLinks;
        if (
          !target ||
          (target.type !== ChannelType.GuildText &&
            target.type !== ChannelType.GuildAnnouncement) ||
          !me ||
          !target.permissionsFor(me).has(needed)
        ) {
          throw new ClusterError(
            'ZRX_CLUSTER_ALERT_CHANNEL',
            `The bot cannot post alerts to <#${channel.id}>.`,
          );
        }
      }
      const change: { channelId?: string; enabled?: boolean } = {};
      if (channel) change.channelId = channel.id;
      if (enabled !== undefined && enabled !== null) change.enabled = enabled;
      else if (channel) change.enabled = true;
      const settings =
        Object.keys(change).length > 0
          ? await runtime.alerts.set(change)
          : await runtime.alerts.get();
      if (settings.enabled && settings.channelId === null) {
        throw new ClusterError(
          'ZRX_CLUSTER_ALERT_CHANNEL',
          'Alerts are on but no channel is set.',
          'Give `channel` too: `shardalerts channel:#alerts`.',
        );
      }
      await answer(interaction, {
        title: 'Shard alerts',
        color: settings.enabled ? COLOURS.green : COLOURS.info,
        description: [
          `Alerts: **${settings.enabled ? 'on' : 'off'}**`,
          `Channel: ${settings.channelId ? `<#${settings.channelId}>` : 'none'}`,
          'At most one alert per 5 minutes, when a shard is unhealthy.',
        ].join('\n'),
      });
    } catch (error) {
      await answerError(interaction, error);
    }
  },
});
