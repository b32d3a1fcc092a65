import type { ShardMonitor } from '../monitor/shard-monitor.js';
import type { ClusterRpc } from '../rpc/cluster-rpc.js';
import { processRpc, shardResetRpc, shardsRpc } from './rpc-calls.js';

/** What a gateway process gives {@link serveGatewayShards}. */
export interface GatewayShardSource {
  /** The gateway's monitor (fed by `ClusterGateway`). */
  monitor: ShardMonitor;
  /** The shards it holds. */
  shardIds(): number[];
  /** Dispatches published so far (shown as the gateway's bus throughput). */
  published(): number;
  /** Reconnects one shard (RESUME); false if it cannot. */
  reconnect(shardId: number): Promise<boolean>;
}

/**
 * Registers, on a gateway process' {@link ClusterRpc}, the handlers the cluster commands call:
 * its shards' metrics and health, `shardreset` of its shards, and its process report. Returns
 * their removal. The gateway role calls it once its RPC is started.
 */
export function serveGatewayShards(rpc: ClusterRpc, source: GatewayShardSource): () => void {
  const startedAt = Date.now();
  const removals = [
    rpc.handle(shardsRpc, () => {
      const byId = new Map(source.monitor.health().map((h) => [h.shardId, h]));
      return {
        shards: source.monitor.metrics().flatMap((metrics) => {
          const health = byId.get(metrics.shardId);
          return health ? [{ metrics, health }] : [];
        }),
      };
    }),
    rpc.handle(shardResetRpc, async ({ shardId }) => {
      const held = source.shardIds();
      const ids = shardId === -1 ? held : held.filter((id) => id === shardId);
      const reconnected: number[] = [];
      for (const id of ids) {
        source.monitor.reset(id);
        if (await source.reconnect(id)) reconnected.push(id);
      }
      return { reset: ids, reconnected };
    }),
    rpc.handle(processRpc, () => {
      const memory = process.memoryUsage();
      const published = source.published();
      return {
        role: 'gateway',
        uptimeMs: Date.now() - startedAt,
        rssBytes: memory.rss,
        heapUsedBytes: memory.heapUsed,
        shardIds: source.shardIds(),
        guilds: 0,
        bus: { published, handled: 0, duplicates: 0, claimed: 0, failed: 0, dropped: 0 },
      };
    }),
  ];
  return () => {
    for (const remove of removals) remove();
  };
}
