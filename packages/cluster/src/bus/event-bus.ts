import type { Redis } from 'ioredis';
import { ClusterError } from '../errors.js';
import type { BusHandler, BusStats, EventBusOptions } from './bus-options.js';
import { runScript, scriptOf } from './bus-script.js';
import { type BusEvent, type BusEventInput, decodeEntry, ENTRY_FIELD, entryValue } from './wire.js';

export type { BusHandler, BusStats, EventBusOptions } from './bus-options.js';

type Entry = [id: string, fields: string[] | null];

/**
 * Appends the entries of one publish (ARGV: maxLen, the entry field's name, then one value per
 * entry: a version-2 entry is one field) and trims once per batch rather than per entry: the
 * same "about maxLen" as `XADD MAXLEN ~` on each, one command for Redis to parse and one reply
 * for the publisher instead of one per event.
 */
const APPEND = scriptOf(`local ids = {}
for i = 3, #ARGV do
  ids[#ids + 1] = redis.call('xadd', KEYS[1], '*', ARGV[2], ARGV[i])
end
redis.call('xtrim', KEYS[1], 'MAXLEN', '~', ARGV[1])
return ids`);

/**
 * The Redis Streams event bus: gateways {@link EventBus.publish} to one trimmed stream, workers
 * {@link EventBus.consume} it through one consumer group, so each event goes to one worker. An
 * event is acknowledged (`XACK`) only after its handler finished; a dead worker's pending entries
 * are claimed by the others (`XAUTOCLAIM`), and an idempotency record per event id makes sure a
 * claimed event that was already handled is not handled again (with `idempotency: 'every'`,
 * also a republished one). Reads are batched (`COUNT`), several batches run at once, and each
 * batch is acknowledged with one `XACK`.
 */
export class EventBus {
  readonly #redis: Redis;
  readonly #prefix: string;
  readonly #stream: string;
  readonly #group: string;
  readonly #consumer: string;
  readonly #maxLen: number;
  readonly #batch: number;
  readonly #blockMs: number;
  readonly #claimIdleMs: number;
  readonly #doneTtlMs: number;
  readonly #batchesInFlight: number;
  readonly #checkEvery: boolean;
  /** Entry ids being handled here: kept from going idle so no one claims them meanwhile. */
  readonly #held = new Set<string>();
  readonly #onError: (error: unknown) => void;
  readonly #now: () => number;
  #reader: Redis | undefined;
  #running: Promise<void> | undefined;
  #claimTimer: NodeJS.Timeout | undefined;
  #holdTimer: NodeJS.Timeout | undefined;
  #stopping = false;
  #inFlight = new Set<Promise<void>>();
  #pendingSettle: { ack: string[]; done: string[]; released: string[] } | undefined;
  #settled: Promise<void> | undefined;
  public readonly stats: BusStats = {
    published: 0,
    handled: 0,
    duplicates: 0,
    claimed: 0,
    failed: 0,
    dropped: 0,
  };

  public constructor(options: EventBusOptions) {
    this.#redis = options.redis;
    this.#prefix = options.prefix ?? 'zoryx';
    this.#stream = `${this.#prefix}:events`;
    this.#group = options.group ?? 'workers';
    this.#consumer = options.consumer;
    this.#maxLen = options.maxLen ?? 100_000;
    this.#batch = options.batch ?? 500;
    this.#batchesInFlight = options.batchesInFlight ?? 4;
    this.#checkEvery = options.idempotency === 'every';
    this.#blockMs = options.blockMs ?? 1_000;
    this.#claimIdleMs = options.claimIdleMs ?? 15_000;
    this.#doneTtlMs = options.doneTtlMs ?? 86_400_000;
    this.#onError =
      options.onError ??
      ((error) => process.emitWarning(error instanceof Error ? error : String(error)));
    this.#now = options.now ?? Date.now;
    for (const [name, value] of [
      ['maxLen', this.#maxLen],
      ['batch', this.#batch],
      ['batchesInFlight', this.#batchesInFlight],
      ['blockMs', this.#blockMs],
      ['claimIdleMs', this.#claimIdleMs],
      ['doneTtlMs', this.#doneTtlMs],
    ] as const) {
      if (!Number.isSafeInteger(value) || value < 1) {
        throw new ClusterError(
          'ZRX_CLUSTER_CONFIG',
          `Bus option ${name} must be a positive integer.`,
        );
      }
    }
    if (!/^[\w.:-]{1,100}$/.test(this.#consumer ?? '')) {
      throw new ClusterError(
        'ZRX_CLUSTER_CONFIG',
        `Bus consumer name ${JSON.stringify(this.#consumer)} is invalid.`,
        'Use letters, digits, "-", "_", ".", ":" (e.g. `worker-<host>-<pid>`), unique per process.',
      );
    }
  }

  /** The stream key events go to. */
  public get stream(): string {
    return this.#stream;
  }

  /**
   * Appends events to the stream in one round trip (one script call: every entry, then one
   * `XTRIM MAXLEN ~`); returns their entry ids.
   */
  public async publish(events: readonly BusEventInput[]): Promise<string[]> {
    if (events.length === 0) return [];
    const now = this.#now();
    const args: (string | number)[] = [this.#maxLen, ENTRY_FIELD];
    for (const event of events) args.push(entryValue(event, now));
    const ids = (await runScript(this.#redis, APPEND, [this.#stream], args)) as string[];
    this.stats.published += events.length;
    return ids;
  }

  /** Creates the consumer group (from the stream's start, so nothing published earlier is lost). */
  async #ensureGroup(): Promise<void> {
    try {
      await this.#redis.xgroup('CREATE', this.#stream, this.#group, '0', 'MKSTREAM');
    } catch (error) {
      if (!String(error).includes('BUSYGROUP')) throw error;
    }
  }

  /**
   * Starts consuming with `handler` until {@link EventBus.stop}. Resolves once the group exists
   * and the first read is under way.
   */
  public async consume(handler: BusHandler): Promise<void> {
    if (this.#running !== undefined) {
      throw new ClusterError('ZRX_CLUSTER_CONFIG', 'This bus is already consuming.');
    }
    await this.#ensureGroup();
    this.#stopping = false;
    this.#reader = this.#redis.duplicate();
    this.#running = this.#readLoop(this.#reader, handler);
    this.#claimTimer = setInterval(
      () => void this.claimIdle(handler).catch(this.#onError),
      Math.max(100, Math.floor(this.#claimIdleMs / 2)),
    );
    this.#claimTimer.unref();
    this.#holdTimer = setInterval(
      () => void this.#hold().catch(this.#onError),
      Math.max(50, Math.floor(this.#claimIdleMs / 3)),
    );
    this.#holdTimer.unref();
  }

  /**
   * Resets the idle time of the entries handled here (`XCLAIM … JUSTID` to this consumer), so a
   * slow handler's entries are not claimed by another consumer while it still runs.
   */
  async #hold(): Promise<void> {
    if (this.#held.size === 0) return;
    const ids = [...this.#held];
    for (let at = 0; at < ids.length; at += 1_000) {
      await this.#redis.xclaim(
        this.#stream,
        this.#group,
        this.#consumer,
        0,
        ...ids.slice(at, at + 1_000),
        'JUSTID',
      );
    }
  }

  async #readLoop(reader: Redis, handler: BusHandler): Promise<void> {
    const batches = new Set<Promise<void>>();
    while (!this.#stopping) {
      if (batches.size >= this.#batchesInFlight) {
        await Promise.race(batches);
        continue;
      }
      let reply: [string, Entry[]][] | null;
      try {
        reply = (await reader.xreadgroup(
          'GROUP',
          this.#group,
          this.#consumer,
          'COUNT',
          this.#batch,
          'BLOCK',
          this.#blockMs,
          'STREAMS',
          this.#stream,
          '>',
        )) as [string, Entry[]][] | null;
      } catch (error) {
        if (this.#stopping) return;
        this.#onError(error);
        await new Promise((resolve) => setTimeout(resolve, 200));
        continue;
      }
      if (reply === null) continue;
      for (const [, entries] of reply) {
        const batch = this.#handleBatch(entries, handler, this.#checkEvery).catch(this.#onError);
        batches.add(batch);
        void batch.finally(() => batches.delete(batch));
      }
    }
    await Promise.all(batches);
  }

  /**
   * Takes over entries pending longer than `claimIdleMs` (a dead or failing consumer's) and
   * handles them; returns how many were claimed. Runs on a timer while consuming.
   */
  public async claimIdle(handler: BusHandler): Promise<number> {
    let cursor = '0-0';
    let total = 0;
    do {
      const [next, entries] = (await this.#redis.xautoclaim(
        this.#stream,
        this.#group,
        this.#consumer,
        this.#claimIdleMs,
        cursor,
        'COUNT',
        this.#batch,
      )) as [string, Entry[], string[]?];
      cursor = next;
      total += entries.length;
      this.stats.claimed += entries.length;
      if (entries.length > 0) await this.#handleBatch(entries, handler, true);
    } while (cursor !== '0-0' && !this.#stopping);
    return total;
  }

  /**
   * One batch. `checked` (claimed entries, or every entry with `idempotency: 'every'`): take the
   * idempotency lease of every event in one round trip and run only those won, then record them
   * done. Otherwise run them all. Either way, one `XACK` for everything settled.
   */
  async #handleBatch(entries: Entry[], handler: BusHandler, checked: boolean): Promise<void> {
    const decoded: BusEvent[] = [];
    const ack: string[] = [];
    for (const [entryId, fields] of entries) {
      try {
        decoded.push(decodeEntry(entryId, fields));
      } catch (error) {
        ack.push(entryId); // a malformed entry would otherwise be claimed forever
        this.stats.dropped += 1;
        this.#onError(error);
      }
    }
    const idem = (id: string) => `${this.#prefix}:idem:${id}`;
    let runnable = decoded;
    if (checked && decoded.length > 0) {
      const leases = this.#redis.pipeline();
      for (const event of decoded) {
        leases.set(idem(event.id), `run:${this.#consumer}`, 'PX', this.#claimIdleMs, 'NX');
        leases.get(idem(event.id));
      }
      const results = (await leases.exec()) ?? [];
      runnable = [];
      for (const [i, event] of decoded.entries()) {
        const [, won] = results[2 * i] ?? [];
        const [, holder] = results[2 * i + 1] ?? [];
        if (won === 'OK') runnable.push(event);
        else if (holder === 'done') {
          this.stats.duplicates += 1;
          ack.push(event.entryId);
        }
        // Else another consumer handles this id right now: leave it pending; once that one is
        // done, a later claim finds `done` and acknowledges it.
      }
    }
    for (const event of runnable) this.#held.add(event.entryId);
    const waits: Promise<void>[] = [];
    for (const entryId of ack) {
      const settled = this.#settle(entryId);
      if (waits[waits.length - 1] !== settled) waits.push(settled);
    }
    for (const event of runnable) {
      let result: void | Promise<void>;
      try {
        result = handler(event);
      } catch (cause) {
        this.#failed(event, cause, checked);
        continue;
      }
      // Acknowledged as soon as handled (with whatever else settled this turn), not when the
      // whole batch is: the window in which a kill -9 makes a handled event run again is one
      // event-loop turn, not the slowest event of the batch.
      if (result instanceof Promise) {
        waits.push(
          result.then(
            () => this.#succeeded(event, checked),
            (cause: unknown) => this.#failed(event, cause, checked),
          ),
        );
      } else {
        // Synchronous handlers settle in this turn's one write: wait on that promise once.
        const settled = this.#succeeded(event, checked);
        if (waits[waits.length - 1] !== settled) waits.push(settled);
      }
    }
    const all = Promise.all(waits).then(() => undefined);
    this.#inFlight.add(all);
    try {
      await all;
    } finally {
      this.#inFlight.delete(all);
    }
  }

  #succeeded(event: BusEvent, checked: boolean): Promise<void> {
    this.stats.handled += 1;
    return this.#settle(event.entryId, checked ? event.id : undefined);
  }

  #failed(event: BusEvent, cause: unknown, checked: boolean): void {
    // The entry stays pending and goes idle: it is claimed (and retried) later.
    this.#held.delete(event.entryId);
    if (checked) void this.#settle(undefined, undefined, event.id);
    // Given back by a stopping worker: expected, not a failure to report.
    if (cause instanceof ClusterError && cause.code === 'ZRX_CLUSTER_WORK_RELEASED') return;
    this.stats.failed += 1;
    this.#onError(
      new ClusterError(
        'ZRX_CLUSTER_HANDLER',
        `Handler of bus event ${event.type} (${event.id}) failed: ${cause instanceof Error ? cause.message : String(cause)}`,
        undefined,
        { cause },
      ),
    );
  }

  /**
   * Queues one acknowledgement (and, for a checked entry, its `done` record or a released
   * lease) and writes everything queued this event-loop turn in one pipeline; resolves once
   * written.
   */
  #settle(ack?: string, done?: string, released?: string): Promise<void> {
    this.#pendingSettle ??= { ack: [], done: [], released: [] };
    const queued = this.#pendingSettle;
    if (ack !== undefined) queued.ack.push(ack);
    if (done !== undefined) queued.done.push(done);
    if (released !== undefined) queued.released.push(released);
    this.#settled ??= new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
      this.#pendingSettle = undefined;
      this.#settled = undefined;
      const idem = (id: string) => `${this.#prefix}:idem:${id}`;
      const pipeline = this.#redis.pipeline();
      for (const id of queued.done) pipeline.set(idem(id), 'done', 'PX', this.#doneTtlMs);
      for (const id of queued.released) pipeline.del(idem(id));
      if (queued.ack.length > 0) pipeline.xack(this.#stream, this.#group, ...queued.ack);
      try {
        await pipeline.exec();
      } finally {
        for (const id of queued.ack) this.#held.delete(id);
      }
    });
    return this.#settled;
  }

  /** Entries delivered and not yet acknowledged, over all consumers. */
  public async pending(): Promise<number> {
    const summary = (await this.#redis.xpending(this.#stream, this.#group)) as [
      number,
      ...unknown[],
    ];
    return Number(summary[0] ?? 0);
  }

  /** The stream's current length (entries kept, trimmed to about `maxLen`). */
  public length(): Promise<number> {
    return this.#redis.xlen(this.#stream);
  }

  /**
   * Stops reading; waits for handlers in flight and acknowledges them. Entries read but not
   * handled stay pending and are claimed by another consumer.
   */
  public async stop(): Promise<void> {
    this.#stopping = true;
    if (this.#claimTimer !== undefined) clearInterval(this.#claimTimer);
    if (this.#holdTimer !== undefined) clearInterval(this.#holdTimer);
    this.#reader?.disconnect();
    await this.#running?.catch(() => undefined);
    await Promise.all(this.#inFlight);
    this.#running = undefined;
    this.#reader = undefined;
  }
}
