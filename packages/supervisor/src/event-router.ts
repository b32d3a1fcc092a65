// Routes what the gateway session produces: into the state cache (what replaces state, on arrival)
// and into the relay stream (what a worker must see, in order), and builds the session snapshot a
// new worker starts from. "Synced" means the current worker has received a snapshot: from then on
// session lifecycle events (a re-IDENTIFY's READY, RESUMED, closes) travel in the stream; before,
// the next snapshot covers them.
import type { GatewayDispatchPayload } from 'discord-api-types/v10';
import { DispatchEvents as GatewayDispatchEvents } from './gateway-constants.js';
import type { DispatchFrame } from './gateway-fast-path.js';
import type { ShardEvent } from './gateway-session.js';
import {
  type DispatchMessage,
  type FrameMessage,
  PROTOCOL_VERSION,
  type ShardEventMessage,
  type StreamMessage,
} from './protocol.js';
import { RelayLag, sharedNow } from './relay-lag.js';
import {
  type BufferLimits,
  type Deliver,
  guildOf,
  RelayStream,
  type StreamItem,
  type StreamStats,
} from './relay-stream.js';
import type { Json } from './state/guild-snapshot.js';
import { StateCache } from './state/state-cache.js';

/** Dispatches the router handles on arrival (see `dispatch`); the rest on consumption. */
const ON_ARRIVAL: ReadonlySet<string> = new Set([
  GatewayDispatchEvents.Ready,
  GatewayDispatchEvents.GuildCreate,
  GatewayDispatchEvents.GuildDelete,
]);

/** Session lifecycle items a snapshot makes obsolete when they are still buffered. */
function isLifecycle(item: StreamItem, shardIds: ReadonlySet<number>): boolean {
  const m = item.message;
  if (!shardIds.has(m.shardId)) return false;
  if (m.t === 'shard') return true;
  return item.event === GatewayDispatchEvents.Ready || item.event === GatewayDispatchEvents.Resumed;
}

/** See the file comment. */
export class EventRouter {
  readonly cache = new StateCache();
  /** The relay's lag, as the workers' heartbeats report it (relay-lag.ts). */
  readonly lag = new RelayLag();
  readonly #stream: RelayStream;
  readonly #waitGuildTimeoutMs: number;
  readonly #bootstrapTimers = new Map<number, NodeJS.Timeout>();
  readonly #bootstrapWaiters = new Set<() => void>();
  #seq = 0;
  #synced = false;

  /** `onDrop` hears of each event a full buffer dropped. */
  public constructor(
    limits: BufferLimits,
    waitGuildTimeoutMs: number,
    onDrop: (item: StreamItem, dropped: number) => void,
  ) {
    this.#stream = new RelayStream(limits, this.cache, onDrop);
    this.#waitGuildTimeoutMs = waitGuildTimeoutMs;
  }

  /**
   * A dispatch from the fast path: its envelope and text (gateway-fast-path.ts). Most go on as
   * they are, a `frame` message the worker parses; the state cache parses one when it applies it.
   * Those that change what a new worker is told on arrival (READY, GUILD_CREATE, GUILD_DELETE)
   * are parsed now, and still relayed as text.
   */
  public frame(shardId: number, frame: DispatchFrame): void {
    if (ON_ARRIVAL.has(frame.t)) {
      let payload = frame.payload;
      if (payload === undefined) {
        try {
          payload = JSON.parse(frame.text) as GatewayDispatchPayload;
        } catch {
          // Not JSON after all (never from Discord): the worker reports it; nothing to apply.
          payload = undefined;
        }
      }
      if (payload !== undefined) {
        this.dispatch(shardId, payload, frame.text);
        return;
      }
    }
    this.cache.see(shardId, frame.s);
    this.#push(shardId, frame.t, false, frame);
  }

  /**
   * A parsed dispatch from the gateway (READY and RESUMED come this way); `text` is its frame's
   * text when there is one, and is then what the worker receives (a `frame` message).
   */
  public dispatch(shardId: number, payload: GatewayDispatchPayload, text?: string): void {
    this.cache.see(shardId, payload.s);
    switch (payload.t) {
      case GatewayDispatchEvents.Ready: {
        this.cache.onReady(shardId, payload.d, payload.s);
        // Whatever was pending for this shard belongs to the old session: READY replaces it.
        this.#stream.supersede((item) => item.message.shardId === shardId);
        this.#startBootstrapTimer(shardId);
        if (this.#synced) this.#push(shardId, payload.t, true, { payload, text });
        return;
      }
      case GatewayDispatchEvents.GuildCreate: {
        const awaited = this.cache.onGuildCreate(shardId, payload.d as unknown as Json);
        this.#stream.supersede((item) => guildOf(item) === payload.d.id);
        this.#checkBootstrap();
        if (awaited && !this.#synced) return;
        const seq = this.#push(shardId, payload.t, true, { payload, text });
        this.cache.markPendingCreate(payload.d.id, seq);
        return;
      }
      case GatewayDispatchEvents.GuildDelete: {
        const bootstrap = this.cache.onGuildDelete(shardId, payload.d.id);
        this.#checkBootstrap();
        if (bootstrap && !this.#synced) return;
        this.#push(shardId, payload.t, bootstrap, { payload, text });
        return;
      }
      default:
        this.#push(shardId, payload.t, false, { payload, text });
    }
  }

  /** A shard lifecycle event from the gateway. */
  public shardEvent(shardId: number, event: ShardEvent): void {
    if (!this.#synced) return;
    this.#seq++;
    const message = {
      v: PROTOCOL_VERSION,
      t: 'shard',
      shardId,
      seq: this.#seq,
      ...event,
    } as ShardEventMessage;
    this.#stream.push({ message, event: undefined, payload: null, applied: true, bytes: 0 });
  }

  /** Resolves once every one of `shardIds` has its READY and GUILD_CREATEs (or timed out). */
  public async whenBootstrapped(shardIds: readonly number[]): Promise<void> {
    while (!shardIds.every((id) => this.cache.isBootstrapped(id))) {
      await new Promise<void>((resolve) => this.#bootstrapWaiters.add(resolve));
    }
  }

  /**
   * The messages that bring a new worker's client up, per shard: `hello`, `ready`, the READY
   * dispatch, then a GUILD_CREATE (or outage GUILD_DELETE) per guild; all with `seq` 0. Buffered
   * lifecycle events of these shards are dropped (the snapshot is the current session), and the
   * worker counts as synced from here.
   */
  public snapshot(shardIds: readonly number[]): StreamMessage[] {
    const messages: StreamMessage[] = [];
    this.#stream.discard((item) => isLifecycle(item, new Set(shardIds)));
    for (const shardId of shardIds) {
      const snapshot = this.cache.snapshot(shardId);
      if (!snapshot) continue;
      const base = { v: PROTOCOL_VERSION, shardId, seq: 0 } as const;
      messages.push({ ...base, t: 'shard', event: 'hello' });
      messages.push({ ...base, t: 'shard', event: 'ready', data: snapshot.ready });
      for (const data of snapshot.frames) messages.push({ ...base, t: 'dispatch', data });
    }
    this.#synced = true;
    return messages;
  }

  /** The worker serves: deliver the buffer, then live events. */
  public attach(deliver: Deliver): void {
    this.#stream.attach(deliver);
  }

  /** The worker is shutting down: buffer new events, keep what was posted. */
  public pause(): void {
    this.#stream.pause();
  }

  /** Applies what a worker acknowledged so far. */
  public acknowledge(acknowledged: number): void {
    this.#stream.acknowledge(acknowledged);
  }

  /**
   * The worker is gone: what it acknowledged is applied, the rest is requeued for the next one,
   * which will need a snapshot. Returns how many events were requeued.
   */
  public detach(acknowledged: number): number {
    this.#synced = false;
    return this.#stream.detach(acknowledged);
  }

  /** Stream counters. */
  public stats(): StreamStats {
    return this.#stream.stats();
  }

  /** Stops the bootstrap timers. */
  public close(): void {
    for (const timer of this.#bootstrapTimers.values()) clearTimeout(timer);
    this.#bootstrapTimers.clear();
  }

  /**
   * Adds a dispatch to the stream: as its frame's text when there is one (parsed or not yet),
   * else as the parsed payload. Returns its relay seq.
   */
  #push(
    shardId: number,
    event: string,
    applied: boolean,
    source:
      | { text: string; payload?: GatewayDispatchPayload | undefined }
      | { text?: undefined; payload: GatewayDispatchPayload },
  ): number {
    this.#seq++;
    const seq = this.#seq;
    // Pushed as the gateway's socket delivered it: the relay's lag counts from here.
    const at = sharedNow();
    const message: DispatchMessage | FrameMessage =
      source.text === undefined
        ? { v: PROTOCOL_VERSION, t: 'dispatch', shardId, seq, data: source.payload, at }
        : { v: PROTOCOL_VERSION, t: 'frame', shardId, seq, text: source.text, at };
    const item: StreamItem = { message, event, applied, bytes: 0 };
    if (source.payload !== undefined) item.payload = source.payload;
    this.#stream.push(item);
    return seq;
  }

  #startBootstrapTimer(shardId: number): void {
    clearTimeout(this.#bootstrapTimers.get(shardId));
    if (this.cache.isBootstrapped(shardId)) {
      this.#checkBootstrap();
      return;
    }
    const timer = setTimeout(() => {
      this.#bootstrapTimers.delete(shardId);
      this.cache.finishBootstrap(shardId);
      this.#checkBootstrap();
    }, this.#waitGuildTimeoutMs);
    timer.unref();
    this.#bootstrapTimers.set(shardId, timer);
  }

  #checkBootstrap(): void {
    for (const wake of this.#bootstrapWaiters) wake();
    this.#bootstrapWaiters.clear();
  }
}
