import { Collection } from '@discordjs/collection';
import type { RESTOptions } from '@discordjs/rest';
import {
  type IShardingStrategy,
  type WebSocketManager,
  WebSocketShardEvents,
  WebSocketShardStatus,
} from '@discordjs/ws';
import type {
  GatewayDispatchPayload,
  GatewayReadyDispatchData,
  GatewaySendPayload,
} from 'discord-api-types/v10';
import type { Redis } from 'ioredis';
import { EventBus } from '../bus/event-bus.js';
import { type BusEvent, decodeEntry } from '../bus/wire.js';
import { ClusterError } from '../errors.js';
import { FanOutBarrier } from './fan-out-barrier.js';
import { replyNonces } from './reply-nonces.js';
import { HEARTBEAT_TYPE, keys } from './routing.js';

/** A shard's snapshot as the gateway stores it. */
interface StoredSnapshot {
  ready: GatewayReadyDispatchData;
  frames: GatewayDispatchPayload[];
  stateId: string;
}

/** Client options of a worker's bot (see {@link WorkerLink.clientOptions}). */
export interface WorkerClientOptions {
  intents: number;
  shards: number[];
  shardCount: number;
  ws: { buildStrategy: (manager: WebSocketManager) => IShardingStrategy };
  rest: Partial<RESTOptions>;
}

/** Options of a {@link WorkerLink}. */
export interface WorkerLinkOptions {
  redis: Redis;
  prefix?: string;
  /** This worker's consumer name (unique per process). */
  processId: string;
  /**
   * Pending entries of a dead worker are claimed after this long, ms. Default 1,500: a live
   * worker holds the entries it handles, so only a dead one's go idle, and its interactions are
   * then still inside Discord's 3 s window.
   */
  claimIdleMs?: number;
  /**
   * Resolves when the bot has finished with a work event (e.g. the interaction was answered);
   * the event is acknowledged only then. Default: right after discord.js received it.
   */
  settled?: (event: BusEvent) => Promise<void> | void;
  onError?: (error: unknown) => void;
}

/**
 * A worker's end of the cluster: a `@discordjs/ws` sharding strategy (client option
 * `ws.buildStrategy`) that opens no socket. On connect it loads each shard's snapshot from Redis
 * and replays it as a fresh session (no IDENTIFY); then it tails the fan-out stream from the
 * snapshot's position and takes its share of the work stream through the consumer group.
 * Gateway sends (presence, member requests) are published to the gateways.
 */
export class WorkerLink {
  readonly #o: WorkerLinkOptions;
  readonly #prefix: string;
  readonly bus: EventBus;
  #tail: Redis | undefined;
  #tailing: Promise<void> | undefined;
  #stopped = false;
  #strategy: BusStrategy | undefined;
  /** Holds a work event of a guild not introduced yet until the fan-out tail caught up. */
  readonly barrier: FanOutBarrier;

  public constructor(options: WorkerLinkOptions) {
    this.#o = options;
    this.#prefix = options.prefix ?? 'zoryx';
    this.bus = new EventBus({
      redis: options.redis,
      prefix: this.#prefix,
      consumer: options.processId,
      claimIdleMs: options.claimIdleMs ?? 1_500,
      ...(options.onError ? { onError: options.onError } : {}),
    });
    this.barrier = new FanOutBarrier({
      redis: options.redis,
      stream: keys.state(this.#prefix),
      from: '0-0',
    });
  }

  /** The layout the gateways published: shard count, gateway info, REST base, intents. */
  public async layout(): Promise<{
    shardCount: number;
    shardIds: number[];
    intents: number;
    apiBase: string | null;
  }> {
    const raw = await this.#o.redis.get(keys.layout(this.#prefix));
    if (raw === null) {
      throw new ClusterError(
        'ZRX_CLUSTER_CONFIG',
        'No gateway has published its layout in this Redis yet.',
        'Start `zoryx start --role gateway` first (same ZORYX_REDIS_URL and prefix), then the workers.',
      );
    }
    const layout = JSON.parse(raw) as {
      shardCount: number;
      intents: number;
      apiBase: string | null;
    };
    return { ...layout, shardIds: Array.from({ length: layout.shardCount }, (_, i) => i) };
  }

  /** Client options wiring discord.js to the cluster (spread into `clientOptions`). */
  public clientOptions(layout: {
    shardCount: number;
    shardIds: number[];
    intents: number;
    apiBase: string | null;
  }): WorkerClientOptions {
    return {
      intents: layout.intents,
      shards: layout.shardIds,
      shardCount: layout.shardCount,
      ws: {
        buildStrategy: (manager: WebSocketManager) =>
          (this.#strategy = new BusStrategy(manager, this)),
      },
      rest: {
        ...(layout.apiBase === null ? {} : { api: layout.apiBase }),
        makeRequest: replyNonces(),
      },
    };
  }

  /** @internal The snapshots of `shardIds`; throws when a gateway has not stored one yet. */
  public async snapshots(shardIds: number[]): Promise<Map<number, StoredSnapshot>> {
    const out = new Map<number, StoredSnapshot>();
    const raw = await this.#o.redis.mget(shardIds.map((id) => keys.snapshot(this.#prefix, id)));
    for (const [i, value] of raw.entries()) {
      if (value === null) {
        throw new ClusterError(
          'ZRX_CLUSTER_CONFIG',
          `No snapshot of shard ${shardIds[i]} in Redis yet.`,
        );
      }
      out.set(shardIds[i]!, JSON.parse(value) as StoredSnapshot);
    }
    return out;
  }

  /** @internal Starts the fan-out tail (from `fromId`) and the work consumer. */
  public async start(strategy: BusStrategy, fromId: string): Promise<void> {
    this.#stopped = false;
    this.#tail = this.#o.redis.duplicate();
    this.barrier.applied(fromId);
    this.#tailing = this.#tailLoop(this.#tail, strategy, fromId);
    await this.bus.consume(async (event) => {
      await this.barrier.before(event);
      strategy.deliver(event);
      await this.#o.settled?.(event);
    });
  }

  async #tailLoop(reader: Redis, strategy: BusStrategy, fromId: string): Promise<void> {
    let last = fromId;
    while (!this.#stopped) {
      let reply: [string, [string, string[]][]][] | null;
      try {
        reply = (await reader.xread(
          'COUNT',
          500,
          'BLOCK',
          1_000,
          'STREAMS',
          keys.state(this.#prefix),
          last,
        )) as [string, [string, string[]][]][] | null;
      } catch (error) {
        if (this.#stopped) return;
        this.#o.onError?.(error);
        await new Promise((resolve) => setTimeout(resolve, 200));
        continue;
      }
      for (const [, entries] of reply ?? []) {
        for (const [id, fields] of entries) {
          last = id;
          try {
            const event = decodeEntry(id, fields);
            this.barrier.note(event.type, event.data);
            strategy.deliver(event);
          } catch (error) {
            this.#o.onError?.(error);
          }
        }
      }
      this.barrier.applied(last);
    }
  }

  /** @internal Publishes a gateway send to the gateways. */
  public send(shardId: number, payload: GatewaySendPayload): void {
    void this.#o.redis.publish(keys.sends(this.#prefix), JSON.stringify({ shardId, payload }));
  }

  /** Stops consuming (handlers in flight finish and are acknowledged). */
  public async stop(): Promise<void> {
    this.#stopped = true;
    this.#tail?.disconnect();
    await this.#tailing?.catch(() => undefined);
    await this.bus.stop();
  }

  /** The strategy discord.js built, once it did. */
  public get strategy(): BusStrategy | undefined {
    return this.#strategy;
  }
}

/** See {@link WorkerLink}. Built by `link.clientOptions().ws.buildStrategy`. */
export class BusStrategy implements IShardingStrategy {
  readonly #manager: WebSocketManager;
  readonly #link: WorkerLink;
  readonly #status = new Collection<number, WebSocketShardStatus>();

  public constructor(manager: WebSocketManager, link: WorkerLink) {
    this.#manager = manager;
    this.#link = link;
  }

  public spawn(shardIds: number[]): void {
    for (const id of shardIds) this.#status.set(id, WebSocketShardStatus.Idle);
  }

  /** Replays each shard's snapshot as a session, then starts the streams. */
  public async connect(): Promise<void> {
    const shardIds = [...this.#status.keys()];
    const snapshots = await this.#link.snapshots(shardIds);
    let fromId = '0-0';
    const m = this.#manager;
    for (const [shardId, snapshot] of snapshots) {
      // The oldest position among the shards: a newer shard's events seen twice are harmless
      // patches; a gap would not be.
      if (fromId === '0-0' || snapshot.stateId < fromId) fromId = snapshot.stateId;
      this.#status.set(shardId, WebSocketShardStatus.Ready);
      m.emit(WebSocketShardEvents.Hello, { shardId });
      m.emit(WebSocketShardEvents.Ready, { data: snapshot.ready, shardId });
      for (const data of snapshot.frames) {
        this.#link.barrier.note(data.t, data.d);
        m.emit(WebSocketShardEvents.Dispatch, { data, shardId });
      }
    }
    await this.#link.start(this, fromId);
  }

  /** @internal Hands one bus event to discord.js as the dispatch it was. */
  public deliver(event: BusEvent): void {
    const shardId = event.shardId;
    if (event.type === HEARTBEAT_TYPE) {
      const { latency } = event.data as { latency: number };
      this.#manager.emit(WebSocketShardEvents.HeartbeatComplete, {
        ackAt: Date.now(),
        heartbeatAt: Date.now() - latency,
        latency,
        shardId,
      });
      return;
    }
    const data = { op: 0, t: event.type, s: 0, d: event.data } as unknown as GatewayDispatchPayload;
    this.#manager.emit(WebSocketShardEvents.Dispatch, { data, shardId });
  }

  public async destroy(): Promise<void> {
    for (const id of this.#status.keys()) this.#status.set(id, WebSocketShardStatus.Idle);
    await this.#link.stop();
  }

  public send(shardId: number, payload: GatewaySendPayload): void {
    this.#link.send(shardId, payload);
  }

  public fetchStatus(): Collection<number, WebSocketShardStatus> {
    return this.#status.clone();
  }
}
