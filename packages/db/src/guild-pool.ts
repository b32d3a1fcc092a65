import type { DatabaseHandle } from './handle.js';

/** Counters of the guild pool, surfaced through `db.stats()`. */
export interface PoolCounters {
  hits: number;
  misses: number;
  evictions: number;
  idleCloses: number;
}

/** Options of a {@link GuildPool}. */
export interface GuildPoolOptions<DB> {
  maxOpen: number;
  idleCloseMs: number;
  now: () => number;
  open: (guildId: string) => Promise<DatabaseHandle<DB>>;
}

/** A guild database being opened, and how many checkouts wait for it. */
interface PendingOpen<DB> {
  readonly promise: Promise<DatabaseHandle<DB>>;
  waiters: number;
}

/**
 * The bounded set of open guild databases. Each use stamps the handle with a sequence number; to
 * make room, the idle handle with the oldest stamp (the least recently used) is closed. A hit is
 * a Map lookup and a stamp, never a re-insertion (which costs time proportional to the Map's
 * size in V8); the scan for a victim happens only when a database must open, next to file I/O
 * that costs far more. A handle with leases in flight is never closed; when every handle is
 * busy the pool runs over its bound until one is returned, rather than failing or waiting.
 *
 * Opening is asynchronous: concurrent first checkouts of one guild share one pending open (the
 * backend never opens a guild twice at once), and an open that fails is forgotten, so the next
 * checkout tries again instead of getting the same failure from a cache.
 */
export class GuildPool<DB> {
  readonly #open = new Map<string, DatabaseHandle<DB>>();
  readonly #opening = new Map<string, PendingOpen<DB>>();
  readonly #options: GuildPoolOptions<DB>;
  #tick = 0;
  public readonly counters: PoolCounters = { hits: 0, misses: 0, evictions: 0, idleCloses: 0 };

  public constructor(options: GuildPoolOptions<DB>) {
    this.#options = options;
  }

  /** Number of open guild databases. */
  public get size(): number {
    return this.#open.size;
  }

  /** Leases taken and not yet returned across all open guild databases. */
  public inFlight(): number {
    let total = 0;
    for (const handle of this.#open.values()) total += handle.refs;
    return total;
  }

  /** The open handle of `guildId`, if any (no lease taken, no LRU touch). */
  public peek(guildId: string): DatabaseHandle<DB> | undefined {
    return this.#open.get(guildId);
  }

  /**
   * Returns the handle of `guildId` with one more lease counted: at once when it is open (a hit
   * costs no promise), else once the (shared) open completes; rejects if that open fails.
   */
  public checkout(guildId: string): DatabaseHandle<DB> | Promise<DatabaseHandle<DB>> {
    const handle = this.#open.get(guildId);
    if (handle === undefined) return this.#checkoutOpening(guildId);
    this.counters.hits += 1;
    handle.refs += 1;
    handle.stamp = ++this.#tick;
    return handle;
  }

  #checkoutOpening(guildId: string): Promise<DatabaseHandle<DB>> {
    let pending = this.#opening.get(guildId);
    if (pending === undefined) {
      this.counters.misses += 1;
      pending = { promise: this.#openInto(guildId), waiters: 0 };
      this.#opening.set(guildId, pending);
    } else {
      this.counters.hits += 1;
    }
    pending.waiters += 1;
    return pending.promise;
  }

  /**
   * Opens `guildId` and puts it in the pool with every waiting checkout's lease already counted,
   * in the same turn as the open completes: no eviction can pick it before its waiters run.
   */
  async #openInto(guildId: string): Promise<DatabaseHandle<DB>> {
    try {
      const handle = await this.#options.open(guildId);
      const pending = this.#opening.get(guildId);
      handle.refs += pending?.waiters ?? 1;
      handle.stamp = ++this.#tick;
      this.#open.set(guildId, handle);
      this.#shrink();
      return handle;
    } finally {
      this.#opening.delete(guildId);
    }
  }

  /** Resolves once no open is pending (opens started meanwhile included). */
  public async settled(): Promise<void> {
    for (let next = this.#opening.values().next(); !next.done; ) {
      await next.value.promise.catch(() => undefined);
      next = this.#opening.values().next();
    }
  }

  /** Returns a lease; closes LRU idle handles if the pool ran over its bound meanwhile. */
  public checkin(handle: DatabaseHandle<DB>): void {
    handle.refs -= 1;
    handle.lastUsed = this.#options.now();
    handle.stamp = ++this.#tick;
    if (this.#open.size > this.#options.maxOpen) this.#shrink();
  }

  #shrink(): void {
    while (this.#open.size > this.#options.maxOpen) {
      let victim: DatabaseHandle<DB> | undefined;
      for (const handle of this.#open.values()) {
        if (
          handle.refs === 0 &&
          !handle.mutex.locked &&
          handle.stamp < (victim?.stamp ?? Infinity)
        ) {
          victim = handle;
        }
      }
      if (victim === undefined) return; // all busy: over the bound until a lease returns
      this.#open.delete(victim.key);
      victim.close();
      this.counters.evictions += 1;
    }
  }

  /** Closes every handle idle for at least `idleCloseMs`; returns how many were closed. */
  public closeIdle(): number {
    const cutoff = this.#options.now() - this.#options.idleCloseMs;
    let closed = 0;
    for (const [guildId, handle] of this.#open) {
      if (handle.refs === 0 && !handle.mutex.locked && handle.lastUsed <= cutoff) {
        this.#open.delete(guildId);
        handle.close();
        closed += 1;
      }
    }
    this.counters.idleCloses += closed;
    return closed;
  }

  /**
   * Takes `guildId`'s handle out of the pool once every lease in flight has been returned, and
   * hands it to the caller holding its mutex. The caller closes it and calls `finish`.
   */
  public async detach(guildId: string): Promise<DatabaseHandle<DB> | undefined> {
    // An open in flight would put a handle in the pool after the caller's work began.
    await this.#opening.get(guildId)?.promise.catch(() => undefined);
    const handle = this.#open.get(guildId);
    if (handle === undefined) return undefined;
    handle.refs += 1;
    const wait = handle.mutex.lock();
    if (wait) await wait;
    if (this.#open.get(guildId) === handle) this.#open.delete(guildId);
    return handle;
  }

  /** Ends a {@link detach}: closes the handle and wakes the waiters, who start over. */
  public finish(handle: DatabaseHandle<DB>): void {
    handle.close();
    handle.refs -= 1;
    handle.mutex.unlock();
  }

  /** Every open handle, for shutdown. */
  public handles(): DatabaseHandle<DB>[] {
    return [...this.#open.values()];
  }
}
