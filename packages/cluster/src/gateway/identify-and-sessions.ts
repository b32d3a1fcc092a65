import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { FencedOp } from './fenced-writes.js';

/** Discord's identify window per rate-limit key (`shard_id % max_concurrency`). */
const IDENTIFY_WINDOW_MS = 5_000;

/** Options of {@link RedisIdentifyThrottler}. */
export interface IdentifyThrottlerOptions {
  redis: Redis;
  prefix?: string;
  /** `max_concurrency` from GET /gateway/bot. */
  maxConcurrency: number;
  /** The window per key, ms. Default 5,000 (Discord's). */
  windowMs?: number;
}

/**
 * IDENTIFY throttling shared by every gateway process: one Redis key per rate-limit bucket
 * (`shard_id % max_concurrency`), taken with `SET NX PX 5000`; a shard waits until its bucket's
 * key expires. Shaped like `@discordjs/ws`'s `IIdentifyThrottler` (`waitForIdentify`).
 */
export class RedisIdentifyThrottler {
  readonly #redis: Redis;
  readonly #prefix: string;
  readonly #maxConcurrency: number;
  readonly #windowMs: number;
  /** IDENTIFY slots taken by this process. */
  public identifies = 0;

  public constructor(options: IdentifyThrottlerOptions) {
    this.#redis = options.redis;
    this.#prefix = options.prefix ?? 'zoryx';
    this.#maxConcurrency = Math.max(1, options.maxConcurrency);
    this.#windowMs = options.windowMs ?? IDENTIFY_WINDOW_MS;
  }

  /** The bucket key of `shardId`. */
  public key(shardId: number): string {
    return `${this.#prefix}:identify:${shardId % this.#maxConcurrency}`;
  }

  /** Resolves when `shardId` may IDENTIFY; rejects if `signal` aborts first. */
  public async waitForIdentify(shardId: number, signal?: AbortSignal): Promise<void> {
    const key = this.key(shardId);
    for (;;) {
      signal?.throwIfAborted();
      const ok = await this.#redis.set(key, String(shardId), 'PX', this.#windowMs, 'NX');
      if (ok === 'OK') {
        this.identifies += 1;
        return;
      }
      const ttl = await this.#redis.pttl(key);
      const wait = Math.max(10, Math.min(ttl, this.#windowMs));
      // A rejected sleep on abort: the shard stops waiting at once, not after the bucket's TTL.
      await sleep(wait, undefined, signal === undefined ? {} : { signal });
    }
  }
}

/** What a shard needs to RESUME: the `@discordjs/ws` `SessionInfo` shape. */
export interface StoredSession {
  sessionId: string;
  sequence: number;
  resumeURL: string;
  shardId: number;
  shardCount: number;
}

/**
 * Session info of every shard in Redis, so a gateway process that restarts (or another that
 * takes its shards over) RESUMEs instead of IDENTIFYing. Plugs into `@discordjs/ws` as
 * `retrieveSessionInfo` / `updateSessionInfo`, which it calls on every dispatch: reads come from
 * memory and writes reach Redis at most every `flushMs` (a crash loses at most that much of the
 * sequence; Discord replays those events on RESUME, and their idempotency keys dedupe them).
 * Sessions expire after `ttlMs`.
 */
export class RedisSessionStore {
  readonly #redis: Redis;
  readonly #prefix: string;
  readonly #ttlMs: number;
  readonly #flushMs: number;
  readonly #cache = new Map<number, StoredSession | null>();
  readonly #dirty = new Set<number>();
  #timer: NodeJS.Timeout | undefined;
  #frozen = false;

  readonly #cap: (shardId: number) => number | undefined;
  readonly #write: ((ops: readonly FencedOp[]) => Promise<void>) | undefined;

  /**
   * `sequenceCap(shardId)`: the highest sequence that is safe to resume from (a gateway passes
   * the last one it published, so events received but not yet on the bus are replayed on RESUME).
   */
  public constructor(options: {
    redis: Redis;
    prefix?: string;
    ttlMs?: number;
    flushMs?: number;
    sequenceCap?: (shardId: number) => number | undefined;
    /**
     * Writes the sessions instead of a plain pipeline; a gateway passes its `FencedWrites`, so a
     * gateway that lost its lease cannot move its successor's stored sequence.
     */
    write?: (ops: readonly FencedOp[]) => Promise<void>;
  }) {
    this.#cap = options.sequenceCap ?? (() => undefined);
    this.#write = options.write;
    this.#redis = options.redis;
    this.#prefix = options.prefix ?? 'zoryx';
    this.#ttlMs = options.ttlMs ?? 600_000;
    this.#flushMs = options.flushMs ?? 100;
  }

  #key(shardId: number): string {
    return `${this.#prefix}:session:${shardId}`;
  }

  /** The session of `shardId`, or null. */
  public async retrieve(shardId: number): Promise<StoredSession | null> {
    if (this.#cache.has(shardId)) return this.#cache.get(shardId) ?? null;
    const raw = await this.#redis.get(this.#key(shardId));
    let session: StoredSession | null = null;
    try {
      const parsed = raw === null ? null : (JSON.parse(raw) as StoredSession);
      if (typeof parsed?.sessionId === 'string' && Number.isInteger(parsed.sequence))
        session = parsed;
    } catch {
      session = null;
    }
    this.#cache.set(shardId, session);
    return session;
  }

  /** Stores (or with null, forgets) the session of `shardId`; reaches Redis within `flushMs`. */
  public async update(shardId: number, session: StoredSession | null): Promise<void> {
    if (this.#frozen) return;
    this.#cache.set(shardId, session);
    this.#dirty.add(shardId);
    this.#timer ??= setTimeout(() => void this.flush().catch(() => undefined), this.#flushMs);
  }

  /** Writes pending changes to Redis now. */
  public async flush(): Promise<void> {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#dirty.size === 0 || this.#frozen) return;
    const ops: FencedOp[] = [];
    for (const shardId of this.#dirty) {
      const session = this.#cache.get(shardId) ?? null;
      const cap = this.#cap(shardId);
      if (session === null) ops.push({ key: this.#key(shardId), del: true });
      else {
        const stored =
          cap === undefined ? session : { ...session, sequence: Math.min(session.sequence, cap) };
        ops.push({ key: this.#key(shardId), value: JSON.stringify(stored), px: this.#ttlMs });
      }
    }
    this.#dirty.clear();
    if (this.#write !== undefined) {
      await this.#write(ops);
      return;
    }
    const pipeline = this.#redis.pipeline();
    for (const op of ops) {
      if ('del' in op) pipeline.del(op.key);
      else pipeline.set(op.key, op.value, 'PX', op.px ?? this.#ttlMs);
    }
    await pipeline.exec();
  }

  /**
   * Stops writing: the sessions now belong to another gateway (a standby took the shards'
   * leases), and anything this process still writes would overwrite the successor's position.
   */
  public freeze(): void {
    this.#frozen = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#dirty.clear();
  }

  /** The sessions held in memory (to put back after a clean stop cleared them). */
  public held(): Map<number, StoredSession> {
    const out = new Map<number, StoredSession>();
    for (const [shardId, session] of this.#cache) if (session) out.set(shardId, session);
    return out;
  }
}
