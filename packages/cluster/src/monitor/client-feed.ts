import type { ShardMonitor } from './shard-monitor.js';

/** The part of a discord.js client the feed listens to (a `ZoryxClient` is one). */
export interface ShardEventSource {
  on(event: 'raw', listener: (packet: unknown, shardId: number) => void): unknown;
  on(
    event: 'shardReady' | 'shardResume' | 'shardReconnecting',
    listener: (id: number) => void,
  ): unknown;
  on(event: 'shardDisconnect', listener: (event: unknown, id: number) => void): unknown;
  on(event: 'shardError', listener: (error: Error, id: number) => void): unknown;
  readonly ws: {
    readonly shards: ReadonlyMap<number, { readonly ping: number; readonly status: number }>;
  };
}

/** discord.js `Status.Ready`. */
const READY = 0;

/**
 * Feeds a {@link ShardMonitor} from a discord.js client in one process: every dispatch counts as
 * an event, `shardReady`/`shardResume` as (re)connects, `shardReconnecting`/`shardDisconnect` as
 * disconnects, `shardError` as failures. Shards already ready (an extension loaded after login)
 * are recorded as connected. Listeners are the caller's to remove (an extension's `ctx.client`
 * removes them on unload).
 */
export function feedMonitorFromClient(monitor: ShardMonitor, client: ShardEventSource): void {
  for (const [id, shard] of client.ws.shards) {
    if (shard.status === READY) monitor.record(id, { kind: 'connect' });
  }
  client.on('raw', (_packet, shardId) => monitor.record(shardId, { kind: 'event' }));
  client.on('shardReady', (id) => monitor.record(id, { kind: 'connect' }));
  client.on('shardResume', (id) => monitor.record(id, { kind: 'resume' }));
  client.on('shardReconnecting', (id) => monitor.record(id, { kind: 'disconnect' }));
  client.on('shardDisconnect', (_event, id) => monitor.record(id, { kind: 'disconnect' }));
  client.on('shardError', (error, id) =>
    monitor.record(id, { kind: 'error', message: error.message }),
  );
}

/**
 * Takes one latency sample per shard from discord.js' last heartbeat round trip (the original
 * sampled every 30 s; 120 samples make its hour of history). Shards without a ping yet are skipped.
 */
export function sampleLatencies(monitor: ShardMonitor, client: ShardEventSource): void {
  for (const [id, shard] of client.ws.shards) {
    if (shard.ping >= 0) monitor.record(id, { kind: 'latency', ms: shard.ping });
  }
}
