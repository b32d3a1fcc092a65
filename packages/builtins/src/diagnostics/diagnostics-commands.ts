import { defineCommand } from '@zoryx/framework';
import { alertChannelCommand } from '../shared/alert-channel-command.js';
import { type EmbedField, infoEmbed, styledEmbed } from '../shared/embeds.js';
import { formatMs } from '../shared/format.js';
import { respond } from '../shared/replies.js';
import { apiOrReply } from '../shared/running-extension.js';
import { formatUptime } from '../shared/uptime.js';
import type { Health } from './health.js';
import type { HealthSnapshot } from './snapshot.js';

/** Name of the diagnostics extension. */
export const DIAGNOSTICS = 'diagnostics';

const KIND: Record<Health, 'success' | 'warning' | 'error'> = {
  healthy: 'success',
  degraded: 'warning',
  critical: 'error',
};
const ICON: Record<Health, string> = { healthy: '🟢', degraded: '🟡', critical: '🔴' };

/** The embed fields of a snapshot plus extension load times. */
export function diagnosticsFields(
  snapshot: HealthSnapshot,
  lag: { readings: number; thresholdMs: number },
  loadTimes: readonly { name: string; loadTimeMs: number | null }[],
): EmbedField[] {
  const times = loadTimes
    .filter((e) => e.loadTimeMs !== null)
    .map((e) => `\`${e.name}\` ${formatMs(e.loadTimeMs)}`)
    .join('\n');
  return [
    { name: 'Status', value: `${ICON[snapshot.status]} ${snapshot.status}`, inline: true },
    {
      name: 'Error rate (1 h)',
      value: `${snapshot.errorRatePercent}% (${snapshot.errors}/${snapshot.commands})`,
      inline: true,
    },
    {
      name: 'Event-loop lag',
      value: `${formatMs(snapshot.lagMs)} avg of ${lag.readings} readings${snapshot.lagHigh ? ' ⚠️' : ''} (alert > ${lag.thresholdMs} ms)`,
      inline: true,
    },
    {
      name: 'Memory',
      value: `${snapshot.memoryMb} MB RSS, ${snapshot.heapUsedMb} MB heap`,
      inline: true,
    },
    { name: 'CPU', value: `${snapshot.cpuPercent}%`, inline: true },
    { name: 'Uptime', value: formatUptime(snapshot.uptimeSeconds * 1000), inline: true },
    {
      name: 'Latency',
      value: snapshot.latencyMs < 0 ? 'not measured yet' : `${snapshot.latencyMs} ms`,
      inline: true,
    },
    { name: 'Extension load times', value: times || 'none loaded' },
  ];
}

/** `fw_diagnostics` (owner): health, resources, lag, uptime, latency, load times. */
export const fwDiagnosticsCommand = defineCommand({
  name: 'fw_diagnostics',
  description: 'Framework health: error rate, memory, CPU, event-loop lag, uptime (owner)',
  detail:
    'Health is healthy below 5 % failed commands in the last hour, degraded from 5 %, critical from 10 %; mistyped command names do not count.',
  access: 'owner',
  async run(interaction, _args, ctx) {
    const diagnostics = await apiOrReply(interaction, ctx, 'diagnostics');
    if (!diagnostics) return;
    const snapshot = diagnostics.snapshot();
    const fields = diagnosticsFields(
      snapshot,
      {
        readings: diagnostics.lag.readings().length,
        thresholdMs: diagnostics.config.lagThresholdMs,
      },
      ctx.client.extensions.status(),
    );
    return respond(interaction, [
      styledEmbed(KIND[snapshot.status], 'Framework diagnostics', undefined, fields),
    ]);
  },
});

/** One line of `fw_history`. */
export function historyLine(s: HealthSnapshot): string {
  const unix = Math.floor(Date.parse(s.at) / 1000);
  return `<t:${unix}:f> ${ICON[s.status]} ${s.status} · ${s.errorRatePercent}% errors · lag ${formatMs(s.lagMs)} · ${s.memoryMb} MB`;
}

/** `fw_history [n]` (owner): the last n (default 10, up to 48) health snapshots. */
export const fwHistoryCommand = defineCommand({
  name: 'fw_history',
  description: 'Recent health snapshots, newest first (owner)',
  access: 'owner',
  options: {
    count: { kind: 'integer', description: 'How many (1–48, default 10)', min: 1, max: 48 },
  },
  async run(interaction, { count }, ctx) {
    const diagnostics = await apiOrReply(interaction, ctx, 'diagnostics');
    if (!diagnostics) return;
    const list = await diagnostics.history.latest(count ?? 10);
    if (list.length === 0) {
      return respond(interaction, [infoEmbed('No health snapshots yet.', 'Health history')]);
    }
    return respond(interaction, [
      styledEmbed('info', `Health history (last ${list.length})`, list.map(historyLine).join('\n')),
    ]);
  },
});

/** `fw_errors` (owner): the last 20 command errors. */
export const fwErrorsCommand = defineCommand({
  name: 'fw_errors',
  description: 'The last 20 command errors (owner)',
  access: 'owner',
  async run(interaction, _args, ctx) {
    const diagnostics = await apiOrReply(interaction, ctx, 'diagnostics');
    if (!diagnostics) return;
    const list = diagnostics.errors.list();
    if (list.length === 0) {
      return respond(interaction, [
        styledEmbed('success', 'Command errors', 'No command errors recorded.'),
      ]);
    }
    const lines = list.map(
      (e) =>
        `<t:${Math.floor(e.at / 1000)}:R> \`${e.errorId}\` \`${e.command}\` (${e.kind}) — ${e.message.slice(0, 120)}${e.code ? ` [${e.code}]` : ''}`,
    );
    return respond(interaction, [
      styledEmbed('warning', `Command errors (last ${list.length})`, lines.join('\n')),
    ]);
  },
});

/** `fw_alert_channel [channel] [off]` (owner). */
export const fwAlertChannelCommand = alertChannelCommand({
  name: 'fw_alert_channel',
  what: 'health',
  alertsOf: (ctx) => ctx.extensions.get('diagnostics')?.alerts,
});
