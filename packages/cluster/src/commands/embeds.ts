// Embeds of the cluster commands, kept inside Discord's limits (title 256, description 4,096,
// 25 fields of 1,024, 6,000 in all): long lists are paged or cut with a "… n more" line.
import type { APIEmbed } from 'discord-api-types/v10';
import type { ShardHealth } from '../monitor/shard-monitor.js';
import type { BusInfo } from './bus-info.js';
import type { ProcessReport } from './rpc-calls.js';
import type { ProcessError, ShardRow } from './runtime.js';

/** Embed colours by verdict. */
export const COLOURS = {
  green: 0x2ecc71,
  yellow: 0xf1c40f,
  red: 0xe74c3c,
  info: 0x5865f2,
} as const;

const DOT = { green: '🟢', yellow: '🟡', red: '🔴' } as const;

/** Shards per page of `shardmonitor` and per `shardinfo` list. */
export const SHARDS_PER_PAGE = 15;

/** Cuts `text` to `max` characters (an ellipsis marks the cut). */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Joins lines up to `max` characters, then says how many were left out. */
function lines(list: string[], max = 4_000): string {
  let out = '';
  for (const [i, line] of list.entries()) {
    const rest = `\n… ${list.length - i} more`;
    if (out.length + line.length + 1 + rest.length > max) return `${out}${rest}`;
    out += (out ? '\n' : '') + line;
  }
  return out;
}

function ms(value: number | null): string {
  return value === null ? '—' : `${Math.round(value)} ms`;
}

function duration(msValue: number): string {
  const s = Math.floor(msValue / 1000);
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3_600);
  const m = Math.floor((s % 3_600) / 60);
  return d > 0 ? `${d}d ${h}h` : h > 0 ? `${h}h ${m}m` : m > 0 ? `${m}m ${s % 60}s` : `${s}s`;
}

function mib(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MiB`;
}

/** The "n processes did not answer" lines of a partial result. */
export function errorLines(errors: readonly ProcessError[]): string[] {
  return errors.map((e) => `⚠️ \`${e.process}\`: ${e.code} — ${clip(e.message, 150)}`);
}

/** One shard on one line. */
export function shardLine(row: ShardRow): string {
  const { metrics: m, health: h } = row;
  return `${DOT[h.colour]} **#${m.shardId}** ${m.connected ? 'connected' : 'disconnected'} · avg ${ms(h.avgLatencyMs)} · ${h.uptimePercent.toFixed(1)} % up · ${m.events} events${h.reason ? ` · ${h.reason}` : ''}`;
}

function worst(rows: readonly ShardRow[]): keyof typeof DOT {
  if (rows.some((r) => r.health.colour === 'red')) return 'red';
  return rows.some((r) => r.health.colour === 'yellow') ? 'yellow' : 'green';
}

/** A page of shards (`shardinfo`, `shardmonitor`). */
export function shardPageEmbed(
  rows: readonly ShardRow[],
  errors: readonly ProcessError[],
  page: number,
  mode: 'single' | 'cluster',
): APIEmbed {
  const pages = Math.max(1, Math.ceil(rows.length / SHARDS_PER_PAGE));
  const current = Math.min(Math.max(0, page), pages - 1);
  const slice = rows.slice(current * SHARDS_PER_PAGE, (current + 1) * SHARDS_PER_PAGE);
  const healthy = rows.filter((r) => r.health.healthy).length;
  const body = slice.length === 0 ? ['No shard reported yet.'] : slice.map(shardLine);
  return {
    title: `Shards — ${healthy}/${rows.length} healthy`,
    color: COLOURS[worst(rows)],
    description: lines([...body, ...errorLines(errors)]),
    footer: {
      text: `Page ${current + 1}/${pages} · ${mode === 'single' ? 'single process' : 'cluster'}`,
    },
  };
}

/** Everything about one shard (`shardinfo shard:<id>`). */
export function shardDetailEmbed(row: ShardRow, now: number): APIEmbed {
  const { metrics: m, health: h } = row;
  const ago = (at: number | null) => (at === null ? 'never' : `${duration(now - at)} ago`);
  const recent =
    m.latencies
      .slice(-10)
      .map((l) => Math.round(l))
      .join(', ') || '—';
  return {
    title: `Shard #${m.shardId}`,
    color: COLOURS[h.colour],
    description: h.healthy ? 'Healthy.' : `Unhealthy: ${h.reason}`,
    fields: [
      { name: 'Process', value: clip(`\`${row.process}\``, 1_024), inline: true },
      { name: 'Status', value: m.connected ? 'connected' : 'disconnected', inline: true },
      { name: 'Uptime', value: `${h.uptimePercent.toFixed(2)} %`, inline: true },
      {
        name: 'Latency (avg)',
        value: `${ms(h.avgLatencyMs)} over ${m.latencies.length} samples`,
        inline: true,
      },
      { name: 'Recent samples', value: clip(recent, 1_024), inline: true },
      { name: 'Events', value: String(m.events), inline: true },
      {
        name: 'Connects / resumes / disconnects',
        value: `${m.connects} / ${m.resumes} / ${m.disconnects}`,
        inline: true,
      },
      {
        name: 'Errors',
        value: clip(
          `${m.errors} (${m.consecutiveFailures} in a row)${m.lastError ? `: ${m.lastError}` : ''}`,
          1_024,
        ),
        inline: true,
      },
      { name: 'Last event', value: ago(m.lastEventAt), inline: true },
    ],
  };
}

/** The health summary (`shardhealth`). */
export function healthEmbed(rows: readonly ShardRow[], errors: readonly ProcessError[]): APIEmbed {
  const unhealthy = rows.filter((r) => !r.health.healthy);
  const body =
    rows.length === 0
      ? ['No shard reported yet.']
      : unhealthy.length === 0
        ? [`All ${rows.length} shard(s) healthy.`]
        : unhealthy.map(shardLine);
  return {
    title: `Shard health — ${rows.length - unhealthy.length}/${rows.length} healthy`,
    color: COLOURS[worst(rows)],
    description: lines([...body, ...errorLines(errors)]),
  };
}

/** The alert posted to the alert channel. */
export function alertEmbed(unhealthy: readonly ShardHealth[]): APIEmbed {
  return {
    title: `⚠️ ${unhealthy.length} unhealthy shard(s)`,
    color: unhealthy.some((h) => h.colour === 'red') ? COLOURS.red : COLOURS.yellow,
    description: lines(
      unhealthy.map((h) => `${DOT[h.colour]} **#${h.shardId}**: ${h.reason ?? 'unhealthy'}`),
    ),
    footer: { text: 'At most one alert per 5 minutes · /shardhealth for details' },
  };
}

/** The processes of the bot (`clusters`). */
export function processesEmbed(
  rows: readonly { process: string; report: ProcessReport }[],
  errors: readonly ProcessError[],
  mode: 'single' | 'cluster',
): APIEmbed {
  const body = rows.map(({ process: id, report: r }) => {
    const shards =
      r.shardIds.length === 0 ? 'no shards' : `shards ${clip(r.shardIds.join(','), 60)}`;
    const guilds = r.role === 'gateway' ? '' : ` · ${r.guilds} guilds`;
    return `**${clip(id, 80)}** (${r.role}) · ${shards}${guilds} · up ${duration(r.uptimeMs)} · ${mib(r.rssBytes)} RSS`;
  });
  return {
    title: mode === 'single' ? 'Single process' : `Cluster — ${rows.length} process(es) answered`,
    color: errors.length > 0 ? COLOURS.yellow : COLOURS.info,
    description: lines([...body, ...errorLines(errors)]),
    ...(mode === 'single'
      ? { footer: { text: 'No cluster: gateway and bot run in this process.' } }
      : {}),
  };
}

/** The bus (`busstatus`). */
export function busEmbed(
  info: BusInfo | null,
  rows: readonly { process: string; report: ProcessReport }[],
  errors: readonly ProcessError[],
  localEvents: number,
): APIEmbed {
  if (info === null) {
    return {
      title: 'Bus — single process',
      color: COLOURS.info,
      description: `No event bus: events go straight from the gateway to discord.js in this process.\nGateway events seen: **${localEvents}**.`,
    };
  }
  const group = info.work.group;
  const head = [
    `Work stream \`${clip(info.work.key, 100)}\`: **${info.work.length}** entries`,
    `Fan-out stream \`${clip(info.state.key, 100)}\`: **${info.state.length}** entries`,
    group
      ? `Group \`${group.name}\`: **${group.pending}** pending · lag **${group.lag ?? '—'}** · ${group.consumers.length} consumer(s)`
      : 'No consumer group yet.',
    ...(group?.consumers ?? []).map(
      (c) => `• \`${clip(c.name, 80)}\`: ${c.pending} pending · idle ${duration(c.idleMs)}`,
    ),
  ];
  const counters = rows
    .filter((r) => r.report.bus !== null)
    .map(({ process: id, report: r }) => {
      const b = r.bus!;
      const rate = (n: number) => (r.uptimeMs > 0 ? ((n * 1000) / r.uptimeMs).toFixed(1) : '0');
      return r.role === 'gateway'
        ? `**${clip(id, 80)}** published ${b.published} (${rate(b.published)}/s)`
        : `**${clip(id, 80)}** handled ${b.handled} (${rate(b.handled)}/s) · duplicates ${b.duplicates} · claimed ${b.claimed} · failed ${b.failed}`;
    });
  return {
    title: 'Bus — Redis Streams',
    color: errors.length > 0 || (group?.pending ?? 0) > 1_000 ? COLOURS.yellow : COLOURS.info,
    description: lines([...head, '', ...counters, ...errorLines(errors)]),
  };
}
