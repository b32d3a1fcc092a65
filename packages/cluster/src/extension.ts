import { defineExtension } from '@zoryx/framework';
import { z } from 'zod';
import { alertMigrations } from './commands/alerts.js';
import { broadcast, busstatus, clusters } from './commands/cluster-commands.js';
import { registerRuntime } from './commands/context.js';
import { shardMonitorPage, shardMonitorSelect, shardmonitor } from './commands/monitor-view.js';
import { type ClusterApi, ClusterRuntime } from './commands/runtime.js';
import { shardalerts, shardhealth, shardinfo, shardreset } from './commands/shard-commands.js';
import { DEFAULT_HEALTH_RULES, type HealthRules } from './monitor/shard-monitor.js';
import './commands/vocabulary.js';

/** `extensions.config.cluster`: every field optional; the defaults are the original's. */
export const clusterConfigSchema = z
  .object({
    /** At most one alert per this long, ms (the original's 300 s). */
    alertEveryMs: z.number().int().min(1_000).default(300_000),
    /** How often the health is checked for alerts, ms (the original's 60 s). */
    checkEveryMs: z.number().int().min(1_000).default(60_000),
    /** How often a latency sample is taken per shard in one process, ms (the original's 30 s). */
    sampleEveryMs: z.number().int().min(1_000).default(30_000),
    /** Health rules (see `HealthRules`); unset ones keep the original's. */
    rules: z
      .object({
        maxAvgLatencyMs: z.number().positive(),
        criticalLatencyMs: z.number().positive(),
        silenceMs: z.number().positive(),
        failureThreshold: z.number().int().min(1).max(20),
        criticalFailures: z.number().int().min(1),
        recentDisconnectMs: z.number().nonnegative(),
      })
      .partial()
      .default({}),
    /** How long the commands wait for other processes, ms. */
    rpcTimeoutMs: z.number().int().min(100).default(3_000),
  })
  .default({
    alertEveryMs: 300_000,
    checkEveryMs: 60_000,
    sampleEveryMs: 30_000,
    rules: {},
    rpcTimeoutMs: 3_000,
  });

const runtimes = new WeakMap<object, ClusterRuntime>();

/**
 * The `cluster` extension: the shard monitor commands (`shardinfo`, `shardhealth`,
 * `shardmonitor`, `shardreset`, `shardalerts`, alerts with 300 s damping) and the cluster
 * commands (`clusters`, `busstatus`, `broadcast`), all owner only. In one process it watches the
 * client's own shards; in a worker of `zoryx start --role worker` it asks the gateways and the
 * other processes over RPC. Enable it by listing `@zoryx/cluster/extension` in
 * `extensions.packages` (the main entry stays free of the framework, for gateway processes).
 */
export const clusterExtension = defineExtension({
  name: 'cluster',
  version: '0.1.0',
  description: 'Shard monitor and cluster commands: health, alerts, reconnects, processes, bus',
  config: clusterConfigSchema,
  migrations: { main: alertMigrations },
  commands: [
    shardinfo,
    shardhealth,
    shardmonitor,
    shardreset,
    shardalerts,
    clusters,
    busstatus,
    broadcast,
  ],
  components: [shardMonitorPage, shardMonitorSelect],
  async setup(ctx): Promise<ClusterApi> {
    const rules: HealthRules = { ...DEFAULT_HEALTH_RULES };
    for (const [key, value] of Object.entries(ctx.config.rules)) {
      if (value !== undefined && key in rules) rules[key as keyof HealthRules] = value;
    }
    const runtime = new ClusterRuntime(ctx, { ...ctx.config, rules });
    registerRuntime(ctx, runtime);
    runtimes.set(ctx.client, runtime);
    await runtime.start();
    return {
      monitor: runtime.monitor,
      get mode() {
        return runtime.mode;
      },
      setClock: (now) => runtime.setClock(now),
      sampleLatencies: () => runtime.sampleLatencies(),
      checkAlerts: () => runtime.checkAlerts(),
      registerBroadcast: (name, run) => runtime.registerBroadcast(name, run),
    };
  },
  async teardown(ctx) {
    await runtimes.get(ctx.client)?.stop();
  },
});

export default clusterExtension;
