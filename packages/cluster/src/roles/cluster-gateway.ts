import { REST } from '@discordjs/rest';
import { WebSocketManager, WebSocketShardEvents } from '@discordjs/ws';
import { StateCache } from '@zoryx/supervisor';
import {
  GatewayDispatchEvents,
  type GatewayDispatchPayload,
  GatewayOpcodes,
  type GatewaySendPayload,
} from 'discord-api-types/v10';
import type { Redis } from 'ioredis';
import { EventBus } from '../bus/event-bus.js';
import { type BusEventInput, encodeEntry } from '../bus/wire.js';
import { ClusterError, isClusterError } from '../errors.js';
import { type FencedEntry, FencedWrites } from '../gateway/fenced-writes.js';
import { RedisIdentifyThrottler, RedisSessionStore } from '../gateway/identify-and-sessions.js';
import { publishedPastSessions } from '../gateway/republish-scan.js';
import { ShardLeases } from '../gateway/shard-leases.js';
import { reconnectShard } from '../monitor/reconnect.js';
import { ShardMonitor } from '../monitor/shard-monitor.js';
import type { ClusterGatewayOptions } from './cluster-gateway-options.js';
import { HEARTBEAT_TYPE, isFanOut, keys } from './routing.js';

export type { ClusterGatewayOptions } from './cluster-gateway-options.js';

/** Gateway opcodes a worker may send through a gateway. */
const WORKER_SENDABLE = new Set<number>([
  GatewayOpcodes.PresenceUpdate,
  GatewayOpcodes.VoiceStateUpdate,
  GatewayOpcodes.RequestGuildMembers,
]);

/** Events per publishing pipeline: bounds one turn's memory and Redis' reply size. */
const PIPELINE_MAX = 1_000;

/**
 * The gateway role: holds the Discord sessions of its shards (leased in Redis, IDENTIFY
 * throttled through Redis, sessions stored in Redis so a restart RESUMEs), and publishes every
 * dispatch: fan-out ones to the state stream, the rest to the work stream, batched into one
 * pipeline per event-loop turn. It keeps each shard's snapshot (READY + GUILD_CREATEs) in Redis,
 * current to a state-stream id, so a worker (re)starts from it without any IDENTIFY.
 */
export class ClusterGateway {
  readonly #o: ClusterGatewayOptions;
  readonly #prefix: string;
  readonly #maxLen: number;
  readonly #manager: WebSocketManager;
  readonly #cache = new StateCache();
  readonly #leases: ShardLeases;
  readonly #sessionIds = new Map<number, string>();
  /** The highest gateway sequence published per shard: a RESUME never skips an unpublished event. */
  readonly #publishedSeq = new Map<number, number>();
  readonly #subscriber: Redis;
  readonly #sessions: RedisSessionStore;
  /** Every write a successor must not see from this gateway once it lost a lease. */
  readonly #writes: FencedWrites;
  readonly #bus: EventBus;
  readonly #onError: (error: unknown) => void;
  readonly monitor: ShardMonitor;
  #queue: { shardId: number; payload: GatewayDispatchPayload }[] = [];
  /**
   * Ids of work events a previous process of this gateway already published past the sequence
   * its session was stored at: Discord replays them on RESUME, and they are not published again
   * (workers check idempotency records only for claimed entries, see `EventBus`).
   */
  readonly #alreadyPublished = new Set<string>();
  #flushing: Promise<void> | undefined;
  #dirty = new Set<number>();
  #lastStateId = '0-0';
  #snapshotTimer: NodeJS.Timeout | undefined;
  #shardIds: number[] = [];
  #fenced = false;
  /** Dispatches published since start. */
  public published = 0;
  /**
   * When this gateway took its shard leases and when its shards were connected (RESUMEd or
   * READY) after that, ms since epoch: a standby's takeover time is `connectedAt - leasedAt`.
   */
  public takeover: { leasedAt: number; connectedAt: number } | undefined;

  public constructor(options: ClusterGatewayOptions) {
    this.#o = options;
    this.#prefix = options.prefix ?? 'zoryx';
    this.#maxLen = options.maxLen ?? 100_000;
    this.#onError =
      options.onError ?? ((e) => process.emitWarning(e instanceof Error ? e : String(e)));
    this.monitor = options.monitor ?? new ShardMonitor();
    this.#subscriber = options.redis.duplicate();
    this.#bus = new EventBus({
      redis: options.redis,
      prefix: this.#prefix,
      consumer: options.processId,
      maxLen: this.#maxLen,
    });
    this.#leases = new ShardLeases({
      redis: options.redis,
      prefix: this.#prefix,
      owner: options.processId,
      leaseMs: options.leaseMs ?? 2_000,
      onLost: (shardId) => this.#fence(shardId),
    });
    const leases = this.#leases;
    this.#writes = new FencedWrites(options.redis, {
      owner: options.processId,
      leases: () => this.#shardIds.map((shardId) => ({ key: leases.keyOf(shardId), shardId })),
    });
    const sessions = new RedisSessionStore({
      redis: options.redis,
      prefix: this.#prefix,
      sequenceCap: (shardId) => this.#publishedSeq.get(shardId),
      write: async (ops) => {
        const refused = await this.#writes.write(ops);
        if (refused !== undefined) this.#fence(refused.lost);
      },
    });
    this.#sessions = sessions;
    const rest = new REST({ version: '10', ...(options.apiBase ? { api: options.apiBase } : {}) });
    rest.setToken(options.token);
    let throttler: RedisIdentifyThrottler | undefined;
    this.#manager = new WebSocketManager({
      token: options.token,
      intents: options.intents,
      rest,
      shardIds: options.shardIds ?? null,
      shardCount: options.shardCount ?? null,
      // Every (re)connect and heartbeat of @discordjs/ws asks this first: a gateway that woke
      // from a stall past its lease confirms it before its socket RESUMEs anything.
      retrieveSessionInfo: async (shardId) => {
        await this.#leaseCurrent();
        return sessions.retrieve(shardId);
      },
      updateSessionInfo: (shardId, info) => sessions.update(shardId, info),
      buildIdentifyThrottler: async (manager) => {
        const info = await manager.fetchGatewayInformation();
        throttler ??= new RedisIdentifyThrottler({
          redis: options.redis,
          prefix: this.#prefix,
          maxConcurrency: info.session_start_limit.max_concurrency,
        });
        return throttler;
      },
    });
    this.#wire();
  }

  #wire(): void {
    const m = this.#manager;
    m.on(WebSocketShardEvents.Dispatch, ({ data, shardId }) => {
      this.monitor.record(shardId, { kind: 'event' });
      if (data.t === GatewayDispatchEvents.Ready) this.#sessionIds.set(shardId, data.d.session_id);
      this.#queue.push({ shardId, payload: data });
      this.#flushing ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() =>
        this.#flush(),
      );
    });
    m.on(WebSocketShardEvents.Ready, ({ shardId }) =>
      this.monitor.record(shardId, { kind: 'connect' }),
    );
    m.on(WebSocketShardEvents.Resumed, ({ shardId }) =>
      this.monitor.record(shardId, { kind: 'resume' }),
    );
    m.on(WebSocketShardEvents.Closed, ({ shardId }) =>
      this.monitor.record(shardId, { kind: 'disconnect' }),
    );
    m.on(WebSocketShardEvents.Error, ({ shardId, error }) =>
      this.monitor.record(shardId, { kind: 'error', message: error.message }),
    );
    m.on(WebSocketShardEvents.HeartbeatComplete, ({ shardId, latency }) => {
      this.monitor.record(shardId, { kind: 'latency', ms: latency });
      this.#queue.push({
        shardId,
        payload: {
          op: 0,
          t: HEARTBEAT_TYPE,
          s: 0,
          d: { latency },
        } as unknown as GatewayDispatchPayload,
      });
    });
  }

  /**
   * Publishes what arrived this turn in one pipeline (at most `PIPELINE_MAX` events; the rest
   * next turn), then applies state events to the cache.
   */
  async #flush(): Promise<void> {
    const batch = this.#queue.splice(0, PIPELINE_MAX);
    // Fenced: the successor RESUMEs from the stored sequence, which never passed what this
    // process published, so Discord replays these to it.
    if (this.#fenced) batch.length = 0;
    try {
      const entries: FencedEntry[] = [];
      const now = Date.now();
      const routes: ('state' | 'work' | 'skip')[] = [];
      for (const { shardId, payload } of batch) {
        const type = payload.t as string;
        if (type === GatewayDispatchEvents.Ready || type === GatewayDispatchEvents.Resumed) {
          routes.push('skip');
          continue;
        }
        const fanOut = type === HEARTBEAT_TYPE || isFanOut(type);
        const event: BusEventInput = {
          id: `${shardId}:${this.#sessionIds.get(shardId) ?? 'none'}:${payload.s}`,
          type,
          shardId,
          data: payload.d,
        };
        if (!fanOut && this.#alreadyPublished.delete(event.id)) {
          routes.push('skip');
          continue;
        }
        const stream = fanOut ? keys.state(this.#prefix) : this.#bus.stream;
        entries.push({ stream, fields: encodeEntry(event, now) });
        routes.push(fanOut ? 'state' : 'work');
      }
      let ids: string[] = [];
      if (entries.length > 0) {
        // One script: the lease check and the appends are atomic in Redis.
        const outcome = await this.#writes.publish(entries, this.#maxLen);
        if ('lost' in outcome) {
          this.#fence(outcome.lost);
          return;
        }
        ids = outcome.ids;
      }
      let r = 0;
      for (const [i, { shardId, payload }] of batch.entries()) {
        this.#apply(shardId, payload);
        if (payload.s > (this.#publishedSeq.get(shardId) ?? 0))
          this.#publishedSeq.set(shardId, payload.s);
        if (routes[i] === 'skip') continue;
        const id = ids[r++];
        if (routes[i] === 'state' && id !== undefined) this.#lastStateId = id;
        this.published += 1;
      }
    } catch (error) {
      this.#onError(error);
    } finally {
      this.#flushing = undefined;
      if (this.#queue.length > 0) {
        this.#flushing = new Promise<void>((resolve) => setImmediate(resolve)).then(() =>
          this.#flush(),
        );
      }
    }
  }

  /** Keeps the snapshot cache current (in stream order, after the event was published). */
  #apply(shardId: number, payload: GatewayDispatchPayload): void {
    if ((payload.t as string) === HEARTBEAT_TYPE) return;
    this.#cache.see(shardId, payload.s);
    switch (payload.t) {
      case GatewayDispatchEvents.Ready:
        this.#cache.onReady(shardId, payload.d, payload.s);
        break;
      case GatewayDispatchEvents.GuildCreate:
        this.#cache.onGuildCreate(
          shardId,
          payload.d as unknown as Parameters<StateCache['onGuildCreate']>[1],
        );
        break;
      case GatewayDispatchEvents.GuildDelete:
        if (!this.#cache.onGuildDelete(shardId, payload.d.id)) this.#cache.apply(shardId, payload);
        break;
      default:
        if (!isFanOut(payload.t)) return;
        this.#cache.apply(shardId, payload);
    }
    this.#dirty.add(shardId);
  }

  /** Writes the snapshots of shards whose state changed; runs every 250 ms and on close. */
  async #saveSnapshots(): Promise<void> {
    if (this.#dirty.size === 0 || this.#fenced) return;
    const shards = [...this.#dirty];
    this.#dirty.clear();
    const ops = [];
    for (const shardId of shards) {
      const snapshot = this.#cache.snapshot(shardId);
      if (!snapshot) continue;
      ops.push({
        key: keys.snapshot(this.#prefix, shardId),
        value: JSON.stringify({
          ready: snapshot.ready,
          frames: snapshot.frames,
          stateId: this.#lastStateId,
        }),
      });
    }
    const refused = await this.#writes.write(ops);
    if (refused !== undefined) this.#fence(refused.lost);
  }

  /**
   * Resolves once this gateway's leases are known to be its own (at once while they are fresh;
   * after a renewal when one is overdue, e.g. after a stall; retried while Redis is away), and
   * never once it lost one: a fenced gateway's shard must not reconnect and RESUME the session
   * its successor runs (the process is exiting).
   */
  async #leaseCurrent(): Promise<void> {
    for (;;) {
      if (this.#fenced) return new Promise<void>(() => undefined);
      if (this.#leases.valid()) return;
      await this.#leases.renew();
      if (!this.#fenced && !this.#leases.valid()) {
        await new Promise((resolve) => setTimeout(resolve, this.#o.leasePollMs ?? 100));
      }
    }
  }

  /** Reloads the snapshot cache a previous gateway process left in Redis (so a restart resumes). */
  async #restoreSnapshots(shardIds: number[]): Promise<void> {
    for (const shardId of shardIds) {
      const raw = await this.#o.redis.get(keys.snapshot(this.#prefix, shardId));
      if (raw === null) continue;
      const saved = JSON.parse(raw) as { frames: GatewayDispatchPayload[]; stateId: string };
      for (const frame of saved.frames) this.#apply(shardId, frame);
      if (saved.stateId > this.#lastStateId) this.#lastStateId = saved.stateId;
    }
    this.#dirty.clear();
  }

  /**
   * Takes the shard leases; while another gateway holds one (a live holder, or a killed one
   * whose lease runs until its TTL), retries every `leasePollMs`, for up to `leaseWaitMs` or,
   * as a standby, until it gets them.
   */
  async #acquireLeases(): Promise<void> {
    const deadline = this.#o.standby
      ? Number.POSITIVE_INFINITY
      : Date.now() + (this.#o.leaseWaitMs ?? 30_000);
    let waiting = false;
    for (;;) {
      try {
        await this.#leases.acquire(this.#shardIds);
        return;
      } catch (error) {
        if (!isClusterError(error, 'ZRX_CLUSTER_SHARD_LEASED') || Date.now() > deadline)
          throw error;
        if (!waiting) this.#o.onStandby?.(error.message.split('\n')[0] ?? '');
        waiting = true;
        await new Promise((resolve) => setTimeout(resolve, this.#o.leasePollMs ?? 100));
      }
    }
  }

  /**
   * Another gateway took `shardId`'s lease (this one could not renew in time): stop everything
   * that would compete with it — publishing, session writes, the shards' sockets — and report.
   * A session closed with 4200 stays resumable, and the successor already resumed it.
   */
  #fence(shardId: number): void {
    if (this.#fenced) return;
    this.#fenced = true;
    this.#sessions.freeze();
    this.#queue.length = 0;
    if (this.#snapshotTimer !== undefined) clearInterval(this.#snapshotTimer);
    const error = new ClusterError(
      'ZRX_CLUSTER_LEASE_LOST',
      `Another gateway took the lease of shard ${shardId}; this gateway stopped its shards.`,
    );
    void Promise.resolve(this.#manager.destroy({ code: 4200, reason: 'shard lease lost' }))
      .catch(() => undefined)
      .finally(() => (this.#o.onLeaseLost ?? this.#onError)(error));
  }

  /** Leases the shards, connects them (RESUME when a session is stored), starts publishing. */
  public async start(): Promise<void> {
    const info = await this.#manager.fetchGatewayInformation();
    this.#shardIds = await this.#manager.getShardIds();
    const shardCount = await this.#manager.getShardCount();
    await this.#acquireLeases();
    const leasedAt = Date.now();
    // A restarted gateway RESUMEs: the session ids of the stored sessions keep the idempotency
    // keys of replayed events equal to the ones the previous process published them under.
    for (const shardId of this.#shardIds) {
      const stored = await this.#sessions.retrieve(shardId);
      if (stored) this.#sessionIds.set(shardId, stored.sessionId);
    }
    for (const id of await publishedPastSessions(
      this.#o.redis,
      this.#bus.stream,
      this.#sessions,
      this.#shardIds,
    )) {
      this.#alreadyPublished.add(id);
    }
    await this.#restoreSnapshots(this.#shardIds);
    await this.#o.redis.set(
      keys.layout(this.#prefix),
      JSON.stringify({
        shardCount,
        info,
        apiBase: this.#o.apiBase ?? null,
        intents: this.#o.intents,
      }),
    );
    this.#subscriber.on('message', (_channel: string, raw: string) => this.#send(raw));
    await this.#subscriber.subscribe(keys.sends(this.#prefix));
    await this.#manager.connect();
    this.takeover = { leasedAt, connectedAt: Date.now() };
    this.#snapshotTimer = setInterval(() => void this.#saveSnapshots().catch(this.#onError), 250);
    this.#snapshotTimer.unref();
  }

  #send(raw: string): void {
    let message: { shardId: number; payload: GatewaySendPayload };
    try {
      message = JSON.parse(raw);
    } catch {
      return;
    }
    if (!this.#shardIds.includes(message.shardId) || !WORKER_SENDABLE.has(message.payload?.op))
      return;
    Promise.resolve(this.#manager.send(message.shardId, message.payload)).catch(this.#onError);
  }

  /** The shards this gateway holds. */
  public get shardIds(): number[] {
    return [...this.#shardIds];
  }

  /** Reconnects one held shard (close 4200, then RESUME), for `shardreset`; false if not held. */
  public async reconnect(shardId: number): Promise<boolean> {
    return this.#shardIds.includes(shardId) && reconnectShard(this.#manager, shardId);
  }

  /** Publishes what is queued, saves snapshots, releases the leases and closes the sessions. */
  public async close(): Promise<void> {
    if (this.#snapshotTimer !== undefined) clearInterval(this.#snapshotTimer);
    await this.#flushing;
    await this.#saveSnapshots().catch(this.#onError);
    // A clean stop keeps the sessions resumable: code 4200 is not 1000/1001, so Discord keeps
    // them; @discordjs/ws forgets them on destroy, so they are put back for the next gateway.
    const held = this.#sessions.held();
    await Promise.resolve(
      this.#manager.destroy({ code: 4200, reason: 'gateway restarting' }),
    ).catch(this.#onError);
    for (const [shardId, session] of held) await this.#sessions.update(shardId, session);
    await this.#sessions.flush();
    await this.#leases.release();
    this.#subscriber.disconnect();
  }
}
