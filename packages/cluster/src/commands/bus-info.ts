import { keys } from '../roles/routing.js';
import type { ClusterProcessLink } from './cluster-link.js';

/** One consumer of the work stream's group. */
export interface ConsumerInfo {
  name: string;
  pending: number;
  idleMs: number;
}

/** One Redis stream of the bus, as `busstatus` shows it. */
export interface StreamInfo {
  key: string;
  length: number;
  /** The consumer group (work stream only): pending entries, lag (entries not yet delivered). */
  group: { name: string; pending: number; lag: number | null; consumers: ConsumerInfo[] } | null;
}

/** The Redis side of a cluster's bus. */
export interface BusInfo {
  work: StreamInfo;
  state: StreamInfo;
}

/** The worker group's name (`EventBus`' default, which the roles use). */
const GROUP = 'workers';

/** XINFO answers flat field/value lists; this reads one into a record. */
function pairs(value: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!Array.isArray(value)) return out;
  for (let i = 0; i + 1 < value.length; i += 2) out[String(value[i])] = value[i + 1];
  return out;
}

function num(value: unknown): number | null {
  const n = Number(value);
  return value === null || value === undefined || Number.isNaN(n) ? null : n;
}

/** Reads the streams' lengths, the group's pending count and lag, and its consumers. */
export async function readBusInfo(link: ClusterProcessLink): Promise<BusInfo> {
  const { redis } = link;
  const workKey = link.bus.stream;
  const stateKey = keys.state(link.prefix);
  const [workLength, stateLength] = await Promise.all([redis.xlen(workKey), redis.xlen(stateKey)]);
  let group: StreamInfo['group'] = null;
  try {
    const groups = (await redis.xinfo('GROUPS', workKey)) as unknown[];
    const mine = groups.map(pairs).find((g) => g.name === GROUP);
    if (mine) {
      const consumers = ((await redis.xinfo('CONSUMERS', workKey, GROUP)) as unknown[]).map(pairs);
      group = {
        name: GROUP,
        pending: num(mine.pending) ?? 0,
        lag: num(mine.lag),
        consumers: consumers.map((c) => ({
          name: String(c.name),
          pending: num(c.pending) ?? 0,
          idleMs: num(c.idle) ?? 0,
        })),
      };
    }
  } catch {
    // No stream yet (nothing published): no group to show.
  }
  return {
    work: { key: workKey, length: workLength, group },
    state: { key: stateKey, length: stateLength, group: null },
  };
}
