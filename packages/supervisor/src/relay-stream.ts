// The ordered stream of events from the supervisor's session to the worker, with its two queues:
//
// - the window: events posted to the worker and not yet acknowledged (the worker writes the
//   highest seq it handed to discord.js into shared memory). When a worker dies, what it never
//   consumed is replayed to the next one; the event it was handling when it died is not (a
//   poison message must not crash every worker in turn).
// - the buffer: events that arrived while no worker was serving (restart, boot), delivered once
//   the next worker is ready. Bounded by count and bytes; overflow drops the oldest.
//
// An event leaving either queue for good (acknowledged or dropped) is applied to the state cache.
import type { GatewayDispatchPayload } from 'discord-api-types/v10';
import { Queue } from './fifo-queue.js';
import type { StreamMessage } from './protocol.js';
import { parseFrame } from './protocol-parse.js';
import { guildIdOf, type StateCache } from './state/state-cache.js';

/** One event of the stream. */
export interface StreamItem {
  /** What the worker receives. */
  message: StreamMessage;
  /** A dispatch's event name (`t`); undefined for a shard event. */
  event: string | undefined;
  /**
   * The dispatch, parsed, for the state cache: undefined until first needed for a `frame`
   * message (see {@link payloadOf}); null for a shard event or a frame that is not JSON.
   */
  payload?: GatewayDispatchPayload | null;
  /** Applied to the cache on arrival (READY, GUILD_CREATE…) or superseded by such an event. */
  applied: boolean;
  /**
   * Approximate size (JSON length; a frame's text length), measured when the item enters the
   * buffer; 0 before.
   */
  bytes: number;
}

/** Limits of the buffer of events waiting for a worker. */
export interface BufferLimits {
  /** Most events kept (default 10,000). */
  maxEvents: number;
  /** Most bytes kept, as JSON length (default 32 MiB). */
  maxBytes: number;
}

/** Counters of the stream, for `stats()`. */
export interface StreamStats {
  /** Events waiting for a worker. */
  buffered: number;
  /** Their approximate size. */
  bufferedBytes: number;
  /** Events posted to the worker and not yet acknowledged. */
  inFlight: number;
  /** Events dropped from a full buffer since the start. */
  dropped: number;
  /** Unacknowledged events re-delivered to a new worker since the start. */
  replayed: number;
  /** Events posted to workers since the start (replays included). */
  delivered: number;
}

/** Where the stream posts messages while a worker is serving. */
export type Deliver = (message: StreamMessage) => void;

/** See the file comment. */
export class RelayStream {
  readonly #limits: BufferLimits;
  readonly #cache: StateCache;
  readonly #onDrop: (item: StreamItem, dropped: number) => void;
  #window = new Queue<StreamItem>();
  #buffer = new Queue<StreamItem>();
  #bufferBytes = 0;
  #deliver: Deliver | null = null;
  #dropped = 0;
  #replayed = 0;
  #delivered = 0;

  /** `onDrop` is told about each event the full buffer dropped (with the running total). */
  public constructor(
    limits: BufferLimits,
    cache: StateCache,
    onDrop: (item: StreamItem, dropped: number) => void,
  ) {
    this.#limits = limits;
    this.#cache = cache;
    this.#onDrop = onDrop;
  }

  /** Whether events go straight to a worker. */
  public get live(): boolean {
    return this.#deliver !== null;
  }

  /** Adds an event: posted now while a worker serves, buffered otherwise. */
  public push(item: StreamItem): void {
    if (this.#deliver) {
      this.#post(this.#deliver, item);
      // A worker that falls this far behind is not acknowledging: stop holding events for replay.
      while (this.#window.length > this.#limits.maxEvents) this.#settle(this.#window.shift());
      return;
    }
    this.#enqueue(item);
  }

  /** Applies and forgets every posted event up to `acknowledged`. */
  public acknowledge(acknowledged: number): void {
    let head = this.#window.peek();
    while (head !== undefined && head.message.seq <= acknowledged) {
      this.#settle(this.#window.shift());
      head = this.#window.peek();
    }
  }

  /** Starts delivering to a worker: the buffer first, in order, then live events. */
  public attach(deliver: Deliver): void {
    this.#deliver = deliver;
    for (const item of this.#buffer.drain()) this.#post(deliver, item);
    this.#bufferBytes = 0;
  }

  /**
   * Stops live delivery (new events are buffered) but keeps the posted ones: a worker shutting
   * down gracefully still handles what was posted before it was told to stop.
   */
  public pause(): void {
    this.#deliver = null;
  }

  /**
   * The worker stopped serving. Events it acknowledged are applied; the rest go back to the front
   * of the buffer, to be replayed to the next worker. Returns how many were requeued.
   */
  public detach(acknowledged: number): number {
    this.#deliver = null;
    this.acknowledge(acknowledged);
    const unconsumed = this.#window.drain();
    if (unconsumed.length === 0) return 0;
    const waiting = this.#buffer.drain();
    this.#bufferBytes = 0;
    this.#replayed += unconsumed.length;
    for (const item of [...unconsumed, ...waiting]) this.#enqueue(item);
    return unconsumed.length;
  }

  /** Marks pending events (posted or buffered) matching `predicate` as already applied. */
  public supersede(predicate: (item: StreamItem) => boolean): void {
    for (const item of this.#window) if (predicate(item)) item.applied = true;
    for (const item of this.#buffer) if (predicate(item)) item.applied = true;
  }

  /**
   * Removes buffered items matching `predicate` without applying them (session lifecycle events
   * a snapshot supersedes).
   */
  public discard(predicate: (item: StreamItem) => boolean): number {
    const items = this.#buffer.drain();
    this.#bufferBytes = 0;
    let discarded = 0;
    for (const item of items) {
      if (predicate(item)) discarded++;
      else this.#enqueue(item);
    }
    return discarded;
  }

  /** The counters. */
  public stats(): StreamStats {
    return {
      buffered: this.#buffer.length,
      bufferedBytes: this.#bufferBytes,
      inFlight: this.#window.length,
      dropped: this.#dropped,
      replayed: this.#replayed,
      delivered: this.#delivered,
    };
  }

  #post(deliver: Deliver, item: StreamItem): void {
    deliver(item.message);
    this.#delivered++;
    this.#window.push(item);
  }

  #enqueue(item: StreamItem): void {
    if (item.bytes === 0) item.bytes = sizeOf(item.message);
    this.#buffer.push(item);
    this.#bufferBytes += item.bytes;
    while (
      this.#buffer.length > this.#limits.maxEvents ||
      (this.#bufferBytes > this.#limits.maxBytes && this.#buffer.length > 1)
    ) {
      const oldest = this.#buffer.shift() as StreamItem;
      this.#bufferBytes -= oldest.bytes;
      this.#dropped++;
      this.#settle(oldest);
      this.#onDrop(oldest, this.#dropped);
    }
  }

  #settle(item: StreamItem | undefined): void {
    if (item === undefined) return;
    const payload = payloadOf(item);
    if (payload === null) return;
    const { shardId, seq } = item.message;
    this.#cache.consume(shardId, seq, payload, item.applied);
  }
}

/**
 * An item's dispatch, parsed: a `frame` message's text is parsed the first time this is asked
 * (when the event is applied to the state cache, once the worker has it, or when a GUILD_CREATE
 * supersedes pending events) and kept.
 */
export function payloadOf(item: StreamItem): GatewayDispatchPayload | null {
  if (item.payload === undefined) {
    const m = item.message;
    if (m.t === 'dispatch') item.payload = m.data;
    else if (m.t === 'shard') item.payload = null;
    else {
      try {
        item.payload = parseFrame(m).data;
      } catch {
        // The worker reports it (ZRX_SUPERVISOR_PROTOCOL_INVALID); the cache has nothing to apply.
        item.payload = null;
      }
    }
  }
  return item.payload;
}

/** The guild an item's event is about, if any. */
export function guildOf(item: StreamItem): string | undefined {
  const payload = payloadOf(item);
  return payload === null ? undefined : guildIdOf(payload);
}

/** A message's approximate size in bytes: its JSON length (a frame's text plus its envelope). */
function sizeOf(message: StreamMessage): number {
  return message.t === 'frame' ? message.text.length + 64 : JSON.stringify(message).length;
}
