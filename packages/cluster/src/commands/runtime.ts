import type { ExtensionContext } from '@zoryx/framework';
import { z } from 'zod';
import { ClusterError } from '../errors.js';
import { feedMonitorFromClient, sampleLatencies } from '../monitor/client-feed.js';
import { canReconnect, reconnectShard, wsManagerOf } from '../monitor/reconnect.js';
import {
  type HealthRules,
  judge,
  type ShardHealth,
  type ShardMetrics,
  ShardMonitor,
} from '../monitor/shard-monitor.js';
import { ClusterRpc } from '../rpc/cluster-rpc.js';
import type { MemberInfo } from '../rpc/membership.js';
import { AlertStore } from './alerts.js';
import { type BusInfo, readBusInfo } from './bus-info.js';
import { type ClusterProcessLink, clusterProcessLink } from './cluster-link.js';
import { alertEmbed } from './embeds.js';
import {
  broadcastRpc,
  type ProcessReport,
  processRpc,
  shardResetRpc,
  shardsRpc,
} from './rpc-calls.js';

/** One shard as the commands show it: where it runs, its counters and its verdict. */
export interface ShardRow {
  process: string;
  metrics: ShardMetrics;
  health: ShardHealth;
}

/** A process that did not answer (or failed) a gather: partial results, never a hang. */
export interface ProcessError {
  process: string;
  code: string;
  message: string;
}

/** A named broadcast handler: receives the text, returns a short result line. */
export type BroadcastHandler = (text: string, from: string) => string | Promise<string>;

/** What `shardreset` did. */
export interface ResetOutcome {
  reset: number[];
  reconnected: number[];
  errors: ProcessError[];
}

/** What `checkAlerts` did. */
export interface AlertOutcome {
  posted: boolean;
  /** `off` (alerts disabled or no channel), `healthy`, `damped`, `posted`. */
  reason: 'off' | 'healthy' | 'damped' | 'posted';
  unhealthy: ShardHealth[];
}

/** The `cluster` extension's API (`bot.extensions.get('cluster')`). */
export interface ClusterApi {
  /** This process' shard monitor (single process: fed from discord.js; worker: unused). */
  readonly monitor: ShardMonitor;
  /** `single` (one process) or `cluster` (a worker linked to Redis). */
  readonly mode: 'single' | 'cluster';
  /** Replaces the clock of the monitor and the alert damping (tests, simulations). */
  setClock(now: () => number): void;
  /** Takes one latency sample per shard now (otherwise every `sampleEveryMs`). */
  sampleLatencies(): void;
  /** Runs the alert check now (otherwise every `checkEveryMs`). */
  checkAlerts(): Promise<AlertOutcome>;
  /** Registers a named `broadcast` handler on this process; returns its removal. */
  registerBroadcast(name: string, run: BroadcastHandler): () => void;
}

/** The extension's options (`extensions.config.cluster`). */
export interface ClusterCommandsConfig {
  alertEveryMs: number;
  checkEveryMs: number;
  sampleEveryMs: number;
  rules: Partial<HealthRules>;
  rpcTimeoutMs: number;
}

function errorOf(result: { process: string; ok: false; error: { code: string; message: string } }) {
  return { process: result.process, code: result.error.code, message: result.error.message };
}

/**
 * The state behind the cluster commands of one bot: in one process the monitor fed from
 * discord.js and the client's own socket manager; in a cluster worker an RPC member of the
 * cluster that gathers shards from the gateways and reports from every process.
 */
export class ClusterRuntime implements ClusterApi {
  readonly #ctx: ExtensionContext<unknown>;
  readonly #config: ClusterCommandsConfig;
  readonly #broadcasts = new Map<string, BroadcastHandler>();
  readonly #startedAt = Date.now();
  readonly link: ClusterProcessLink | undefined;
  readonly monitor: ShardMonitor;
  readonly alerts: AlertStore;
  #clock: () => number = Date.now;
  #rpc: ClusterRpc | undefined;

  public constructor(ctx: ExtensionContext<unknown>, config: ClusterCommandsConfig) {
    this.#ctx = ctx;
    this.#config = config;
    this.link = clusterProcessLink();
    this.monitor = new ShardMonitor({
      rules: config.rules,
      alertEveryMs: config.alertEveryMs,
      now: () => this.#clock(),
    });
    this.alerts = new AlertStore(ctx.db.main);
    this.#broadcasts.set('ping', () => `pong from ${this.processId}`);
    this.#broadcasts.set('log', (text, from) => {
      ctx.logger.info({ from, text }, 'cluster broadcast');
      return 'logged';
    });
  }

  public get mode(): 'single' | 'cluster' {
    return this.link ? 'cluster' : 'single';
  }

  public get processId(): string {
    return this.link?.processId ?? `all-${process.pid}`;
  }

  public now(): number {
    return this.#clock();
  }

  public setClock(now: () => number): void {
    this.#clock = now;
  }

  public sampleLatencies(): void {
    sampleLatencies(this.monitor, this.#ctx.client);
  }

  public registerBroadcast(name: string, run: BroadcastHandler): () => void {
    if (!broadcastRpc.input.shape.name.safeParse(name).success) {
      throw new ClusterError(
        'ZRX_CLUSTER_CONFIG',
        `Broadcast name ${JSON.stringify(name)} is invalid (lowercase letters, digits and -, up to 32).`,
      );
    }
    this.#broadcasts.set(name, run);
    return () => {
      if (this.#broadcasts.get(name) === run) this.#broadcasts.delete(name);
    };
  }

  /** The broadcast handlers this process knows, sorted. */
  public broadcastNames(): string[] {
    return [...this.#broadcasts.keys()].sort();
  }

  /** Starts feeding the monitor (one process) or joins the cluster's RPC (worker). */
  public async start(): Promise<void> {
    const { ctx } = { ctx: this.#ctx };
    if (!this.link) {
      feedMonitorFromClient(this.monitor, ctx.client);
      ctx.schedule.every(this.#config.sampleEveryMs, () => this.sampleLatencies());
    } else {
      const rpc = new ClusterRpc({
        redis: this.link.redis,
        prefix: this.link.prefix,
        processId: this.link.processId,
        role: 'worker',
      });
      await rpc.start();
      this.#rpc = rpc;
      rpc.handle(processRpc, () => this.localReport());
      rpc.handle(broadcastRpc, ({ name, text }, from) => this.#runBroadcast(name, text, from));
    }
    ctx.schedule.every(this.#config.checkEveryMs, () => {
      void this.checkAlerts().catch((error: unknown) =>
        ctx.logger.warn({ err: error }, 'cluster: shard alert check failed'),
      );
    });
  }

  /** Leaves the cluster's RPC (the schedules and listeners are released by the loader). */
  public async stop(): Promise<void> {
    await this.#rpc?.close();
    this.#rpc = undefined;
  }

  async #runBroadcast(name: string, text: string, from: string): Promise<{ result: string }> {
    const run = this.#broadcasts.get(name);
    if (!run) {
      throw new ClusterError('ZRX_CLUSTER_BROADCAST_UNKNOWN', `No broadcast handler "${name}".`);
    }
    return { result: String(await run(text, from)).slice(0, 200) };
  }

  /** This process' report for `clusters`. */
  public localReport(): ProcessReport {
    const memory = process.memoryUsage();
    const client = this.#ctx.client;
    return {
      role: this.link ? 'worker' : 'all',
      uptimeMs: Date.now() - this.#startedAt,
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      shardIds: [...client.ws.shards.keys()].sort((a, b) => a - b),
      guilds: client.guilds.cache.size,
      bus: this.link ? { ...this.link.bus.stats } : null,
    };
  }

  async #members(role?: string): Promise<MemberInfo[]> {
    const members = (await this.#rpc?.members()) ?? [];
    return role === undefined ? members : members.filter((m) => m.role === role);
  }

  /** The rpc of a worker (present once started in cluster mode). */
  #requireRpc(): ClusterRpc {
    if (!this.#rpc) {
      throw new ClusterError(
        'ZRX_CLUSTER_CLOSED',
        'The cluster extension is not connected to the cluster.',
      );
    }
    return this.#rpc;
  }

  /** Every shard of the bot with its verdict: the local monitor, or every gateway over RPC. */
  public async shards(): Promise<{ rows: ShardRow[]; errors: ProcessError[] }> {
    if (!this.link) {
      const now = this.now();
      const rows = this.monitor.metrics().map((metrics) => ({
        process: this.processId,
        metrics,
        health: judge(metrics, this.monitor.rules, now),
      }));
      return { rows, errors: [] };
    }
    const rpc = this.#requireRpc();
    const gateways = await this.#members('gateway');
    const results = await rpc.call(
      shardsRpc,
      {},
      {
        targets: gateways.map((m) => m.id),
        timeoutMs: this.#config.rpcTimeoutMs,
      },
    );
    const rows: ShardRow[] = [];
    const errors: ProcessError[] = [];
    for (const result of results) {
      if (!result.ok) errors.push(errorOf(result));
      else for (const s of result.value.shards) rows.push({ process: result.process, ...s });
    }
    rows.sort((a, b) => a.metrics.shardId - b.metrics.shardId);
    return { rows, errors };
  }

  /** Starts a shard's metrics over and reconnects it (RESUME); -1 for every shard. */
  public async resetShard(shardId: number): Promise<ResetOutcome> {
    if (!Number.isInteger(shardId) || shardId < -1) {
      throw new ClusterError('ZRX_CLUSTER_SHARD_UNKNOWN', `Shard id ${shardId} is not valid.`);
    }
    if (!this.link) {
      const held = [...this.#ctx.client.ws.shards.keys()];
      const ids = shardId === -1 ? held : held.filter((id) => id === shardId);
      if (ids.length === 0) {
        throw new ClusterError(
          'ZRX_CLUSTER_SHARD_UNKNOWN',
          `This bot has no shard ${shardId} (shards: ${held.join(', ')}).`,
        );
      }
      const manager = wsManagerOf(this.#ctx.client);
      for (const id of ids) this.monitor.reset(id);
      if (!canReconnect(manager)) {
        throw new ClusterError(
          'ZRX_CLUSTER_SHARD_RESET_UNSUPPORTED',
          `Metrics of shard(s) ${ids.join(', ')} were reset, but this process cannot reconnect them.`,
        );
      }
      const reconnected: number[] = [];
      for (const id of ids) if (await reconnectShard(manager, id)) reconnected.push(id);
      return { reset: ids, reconnected, errors: [] };
    }
    const rpc = this.#requireRpc();
    const gateways = await this.#members('gateway');
    const results = await rpc.call(
      shardResetRpc,
      { shardId },
      {
        targets: gateways.map((m) => m.id),
        timeoutMs: Math.max(this.#config.rpcTimeoutMs, 15_000),
      },
    );
    const outcome: ResetOutcome = { reset: [], reconnected: [], errors: [] };
    for (const result of results) {
      if (!result.ok) outcome.errors.push(errorOf(result));
      else {
        outcome.reset.push(...result.value.reset);
        outcome.reconnected.push(...result.value.reconnected);
      }
    }
    if (outcome.reset.length === 0 && outcome.errors.length === 0) {
      throw new ClusterError('ZRX_CLUSTER_SHARD_UNKNOWN', `No gateway holds shard ${shardId}.`);
    }
    return outcome;
  }

  /** Every live process' report (partial: per-process errors for the silent ones). */
  public async processes(): Promise<{
    rows: { process: string; member: MemberInfo | null; report: ProcessReport }[];
    errors: ProcessError[];
  }> {
    if (!this.link) {
      return {
        rows: [{ process: this.processId, member: null, report: this.localReport() }],
        errors: [],
      };
    }
    const rpc = this.#requireRpc();
    const members = await this.#members();
    const results = await rpc.call(
      processRpc,
      {},
      {
        targets: members.map((m) => m.id),
        timeoutMs: this.#config.rpcTimeoutMs,
      },
    );
    const rows = [];
    const errors: ProcessError[] = [];
    for (const result of results) {
      if (!result.ok) errors.push(errorOf(result));
      else
        rows.push({
          process: result.process,
          member: members.find((m) => m.id === result.process) ?? null,
          report: result.value,
        });
    }
    return { rows, errors };
  }

  /** Runs a named handler on every worker (on this process alone in a single-process bot). */
  public async broadcast(
    name: string,
    text: string,
  ): Promise<{ rows: { process: string; result: string }[]; errors: ProcessError[] }> {
    if (!this.#broadcasts.has(name)) {
      throw new ClusterError(
        'ZRX_CLUSTER_BROADCAST_UNKNOWN',
        `No broadcast handler "${name}" (known: ${this.broadcastNames().join(', ')}).`,
      );
    }
    const payload = broadcastRpc.input.safeParse({ name, text });
    if (!payload.success) {
      throw new ClusterError(
        'ZRX_CLUSTER_RPC_PAYLOAD',
        `broadcast: ${z.prettifyError(payload.error)}`,
      );
    }
    if (!this.link) {
      const { result } = await this.#runBroadcast(name, text, this.processId);
      return { rows: [{ process: this.processId, result }], errors: [] };
    }
    const rpc = this.#requireRpc();
    const workers = await this.#members('worker');
    const results = await rpc.call(
      broadcastRpc,
      { name, text },
      {
        targets: workers.map((m) => m.id),
        timeoutMs: this.#config.rpcTimeoutMs,
      },
    );
    const rows = [];
    const errors: ProcessError[] = [];
    for (const result of results) {
      if (result.ok) rows.push({ process: result.process, result: result.value.result });
      else errors.push(errorOf(result));
    }
    return { rows, errors };
  }

  /** The Redis side of the bus (cluster only): streams, the group's pending and lag, consumers. */
  public async busInfo(): Promise<BusInfo | null> {
    if (!this.link) return null;
    return readBusInfo(this.link);
  }

  /**
   * Posts one alert to the alert channel when some shard is unhealthy, alerts are on, and no
   * alert went out in the last `alertEveryMs` (claimed in the database: once per window across
   * every worker and restart).
   */
  public async checkAlerts(): Promise<AlertOutcome> {
    const settings = await this.alerts.get();
    if (!settings.enabled || settings.channelId === null)
      return { posted: false, reason: 'off', unhealthy: [] };
    const { rows } = await this.shards();
    const unhealthy = rows.filter((r) => !r.health.healthy).map((r) => r.health);
    if (unhealthy.length === 0) return { posted: false, reason: 'healthy', unhealthy };
    if (!(await this.alerts.claim(this.now(), this.#config.alertEveryMs))) {
      return { posted: false, reason: 'damped', unhealthy };
    }
    const channel = await this.#ctx.client.channels.fetch(settings.channelId).catch(() => null);
    if (!channel?.isSendable()) {
      this.#ctx.logger.warn(
        { channelId: settings.channelId },
        'cluster: the shard alert channel is gone or not sendable',
      );
      return { posted: false, reason: 'off', unhealthy };
    }
    await channel.send({ embeds: [alertEmbed(unhealthy)], allowedMentions: { parse: [] } });
    return { posted: true, reason: 'posted', unhealthy };
  }
}
