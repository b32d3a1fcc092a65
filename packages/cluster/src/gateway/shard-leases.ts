import type { Redis } from 'ioredis';
import { ClusterError } from '../errors.js';

/**
 * Extends a lease this owner still holds; takes it back if it expired and nobody else took it
 * (a renewal that came late, e.g. after a stalled event loop, is not a loss while no standby
 * claimed the shard). 0 only when another owner holds it.
 */
const RENEW = `local holder = redis.call('get', KEYS[1])
if holder == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end
if holder == false then redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
return 0`;
/** Deletes a lease only if this owner still holds it. */
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/** Options of {@link ShardLeases}. */
export interface ShardLeasesOptions {
  redis: Redis;
  prefix?: string;
  /** This gateway's id. */
  owner: string;
  /**
   * Lease time to live, ms. Default 2,000: a killed holder's shards wait at most this long for a
   * standby, and a live holder may stall up to `leaseMs - renewMs` without losing them.
   */
  leaseMs?: number;
  /** How often held leases are renewed, ms. Default a quarter of `leaseMs`. */
  renewMs?: number;
  /** Called when a held lease was lost (Redis unreachable past the TTL, or taken over). */
  onLost?: (shardId: number) => void;
}

/**
 * One Redis key per shard id with a TTL, held by the gateway that runs the shard: a second
 * gateway asking for the same shard is refused (`ZRX_CLUSTER_SHARD_LEASED`), and a gateway that
 * dies releases its shards when the TTL runs out, without anyone cleaning up.
 */
export class ShardLeases {
  readonly #redis: Redis;
  readonly #prefix: string;
  readonly #owner: string;
  readonly #leaseMs: number;
  readonly #renewMs: number;
  readonly #onLost: (shardId: number) => void;
  readonly #held = new Set<number>();
  #timer: NodeJS.Timeout | undefined;
  /**
   * Until when (monotonic clock, `performance.now()`) every held lease is certainly still this
   * owner's: the start of the last renewal that confirmed them all, plus the TTL (Redis started
   * counting the TTL after that moment, so this ends first). A process that was stopped (SIGSTOP,
   * a VM pause) finds it in the past when it wakes, whatever its timers have not run yet.
   */
  #validUntil = 0;
  #renewing: Promise<void> | undefined;

  public constructor(options: ShardLeasesOptions) {
    this.#redis = options.redis;
    this.#prefix = options.prefix ?? 'zoryx';
    this.#owner = options.owner;
    this.#leaseMs = options.leaseMs ?? 2_000;
    this.#renewMs = options.renewMs ?? Math.max(50, this.#leaseMs / 4);
    this.#onLost = options.onLost ?? (() => undefined);
  }

  #key(shardId: number): string {
    return `${this.#prefix}:lease:shard:${shardId}`;
  }

  /** The Redis key of `shardId`'s lease (what `FencedWrites` checks). */
  public keyOf(shardId: number): string {
    return this.#key(shardId);
  }

  /** The owner name written into the leases. */
  public get owner(): string {
    return this.#owner;
  }

  /**
   * Whether every held lease is known to be this owner's right now, without asking Redis (see
   * {@link ShardLeases.renew}); false before the first acquire, after a loss, or once a renewal is
   * overdue past the TTL.
   */
  public valid(): boolean {
    return this.#held.size > 0 && performance.now() < this.#validUntil;
  }

  /** Shards held now. */
  public get held(): number[] {
    return [...this.#held].sort((a, b) => a - b);
  }

  /**
   * Takes the leases of `shardIds`, all or none: if another gateway holds any, the ones taken
   * here are released again and `ZRX_CLUSTER_SHARD_LEASED` names the holders.
   */
  public async acquire(shardIds: readonly number[]): Promise<void> {
    const taken: number[] = [];
    const refused: string[] = [];
    const start = performance.now();
    for (const shardId of shardIds) {
      const ok = await this.#redis.set(this.#key(shardId), this.#owner, 'PX', this.#leaseMs, 'NX');
      if (ok === 'OK' || (await this.#redis.get(this.#key(shardId))) === this.#owner) {
        taken.push(shardId);
      } else {
        refused.push(`${shardId} (${await this.#redis.get(this.#key(shardId))})`);
      }
    }
    if (refused.length > 0) {
      for (const shardId of taken) {
        await this.#redis.eval(RELEASE, 1, this.#key(shardId), this.#owner);
      }
      throw new ClusterError(
        'ZRX_CLUSTER_SHARD_LEASED',
        `Shard(s) ${refused.join(', ')} are held by another gateway.`,
      );
    }
    for (const shardId of taken) this.#held.add(shardId);
    this.#validUntil = start + this.#leaseMs;
    this.#timer ??= setInterval(() => void this.renew(), this.#renewMs);
    this.#timer.unref();
  }

  /**
   * Extends every held lease; a lease found lost is dropped and reported. Calls made while one
   * runs share it (the timer's and a caller's, see `valid`).
   */
  public renew(): Promise<void> {
    this.#renewing ??= this.#renewAll().finally(() => {
      this.#renewing = undefined;
    });
    return this.#renewing;
  }

  async #renewAll(): Promise<void> {
    const start = performance.now();
    let confirmed = true;
    for (const shardId of this.#held) {
      let kept = 0;
      try {
        kept = Number(
          await this.#redis.eval(RENEW, 1, this.#key(shardId), this.#owner, this.#leaseMs),
        );
      } catch {
        confirmed = false;
        continue; // Redis unreachable: try again next round; the TTL decides
      }
      if (this.#timer === undefined) return; // released meanwhile (a clean stop): nothing lost
      if (kept !== 1) {
        confirmed = false;
        this.#held.delete(shardId);
        this.#onLost(shardId);
      }
    }
    if (confirmed) this.#validUntil = start + this.#leaseMs;
  }

  /** Releases every held lease now (a clean stop hands the shards over at once). */
  public async release(): Promise<void> {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    this.#validUntil = 0;
    for (const shardId of this.#held) {
      await this.#redis.eval(RELEASE, 1, this.#key(shardId), this.#owner).catch(() => undefined);
    }
    this.#held.clear();
  }
}
