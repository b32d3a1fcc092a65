// The named RPCs the cluster commands use. Every process of a bot answers `process`; gateways
// answer `shards` and `shardreset`; workers answer `broadcast`. Payloads are zod-checked on both
// ends by ClusterRpc; nothing here evaluates code.
import { z } from 'zod';
import { defineRpc } from '../rpc/cluster-rpc.js';

const metrics = z.object({
  shardId: z.number().int(),
  latencies: z.array(z.number()),
  events: z.number(),
  connects: z.number(),
  disconnects: z.number(),
  resumes: z.number(),
  errors: z.number(),
  lastError: z.string().nullable(),
  consecutiveFailures: z.number(),
  connected: z.boolean(),
  lastEventAt: z.number().nullable(),
  lastConnectAt: z.number().nullable(),
  lastDisconnectAt: z.number().nullable(),
  downtimeMs: z.number(),
  downSince: z.number().nullable(),
  since: z.number(),
});

const health = z.object({
  shardId: z.number().int(),
  healthy: z.boolean(),
  colour: z.enum(['green', 'yellow', 'red']),
  reason: z.string().nullable(),
  avgLatencyMs: z.number().nullable(),
  uptimePercent: z.number(),
});

const busCounters = z.object({
  published: z.number(),
  handled: z.number(),
  duplicates: z.number(),
  claimed: z.number(),
  failed: z.number(),
  dropped: z.number(),
});

/** One process' shards: their metrics and verdicts, judged where the monitor runs. */
export const shardsRpc = defineRpc(
  'zoryx.cluster.shards',
  z.object({}),
  z.object({ shards: z.array(z.object({ metrics, health })) }),
);

/** Reconnects (and starts the metrics of) a shard over, or with -1 every shard of the process. */
export const shardResetRpc = defineRpc(
  'zoryx.cluster.shardreset',
  z.object({ shardId: z.number().int().min(-1) }),
  z.object({ reset: z.array(z.number().int()), reconnected: z.array(z.number().int()) }),
);

/** What `clusters` shows of one process. */
export const processRpc = defineRpc(
  'zoryx.cluster.process',
  z.object({}),
  z.object({
    role: z.string(),
    uptimeMs: z.number(),
    rssBytes: z.number(),
    heapUsedBytes: z.number(),
    shardIds: z.array(z.number().int()),
    guilds: z.number().int(),
    bus: busCounters.nullable(),
  }),
);

/** Runs a named broadcast handler on every worker with a short text argument. */
export const broadcastRpc = defineRpc(
  'zoryx.cluster.broadcast',
  z.object({
    name: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/),
    text: z.string().max(1_000),
  }),
  z.object({ result: z.string().max(200) }),
);

/** What `clusters` receives from one process. */
export type ProcessReport = z.output<typeof processRpc.output>;
/** What a gateway (or the single process) reports of its shards. */
export type ShardsReport = z.output<typeof shardsRpc.output>;
