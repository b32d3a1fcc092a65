import type { Redis } from 'ioredis';
import type { ClusterError } from '../errors.js';
import type { ShardMonitor } from '../monitor/shard-monitor.js';

/** Options of a `ClusterGateway` (src/roles/cluster-gateway.ts). */
export interface ClusterGatewayOptions {
  token: string;
  intents: number;
  redis: Redis;
  prefix?: string;
  /** This process' id (the shard leases' owner). */
  processId: string;
  /** REST base (the emulator's in tests). */
  apiBase?: string;
  /** Shards this gateway runs; default all (`null`: as Discord recommends). */
  shardIds?: number[] | null;
  shardCount?: number | null;
  /** Fan-out and work streams keep about this many entries. Default 100,000. */
  maxLen?: number;
  /**
   * Shard lease time to live, ms (renewed every quarter): how long a killed gateway's shards wait
   * for a standby, which is most of the outage a kill -9 causes. Default 2,000, so the outage
   * stays well inside what a session replays on RESUME (see the README, "Hot standby").
   */
  leaseMs?: number;
  /**
   * How long to wait for another gateway's shard leases, ms, before failing with
   * `ZRX_CLUSTER_SHARD_LEASED`. Default 30,000; ignored with `standby`.
   */
  leaseWaitMs?: number;
  /**
   * A hot standby: prepared (gateway info, shard layout, connections) and waiting, without a
   * deadline, for the shard leases; it takes them the moment the holder stops renewing and
   * RESUMEs the holder's sessions from Redis. Default false.
   */
  standby?: boolean;
  /** How often a waiting gateway tries to take the leases, ms. Default 100. */
  leasePollMs?: number;
  /** Called once when the leases are held by another gateway and this one starts waiting. */
  onStandby?: (holders: string) => void;
  /**
   * Called when another gateway took a held shard (this one stalled past the lease): this
   * gateway has already stopped publishing, storing sessions and running its shards; the
   * process should exit (a restarter brings it back as a standby). Default: `onError`.
   */
  onLeaseLost?: (error: ClusterError) => void;
  /** The shard monitor to feed; default a new one. */
  monitor?: ShardMonitor;
  onError?: (error: unknown) => void;
}
