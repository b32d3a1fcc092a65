import { hostname } from 'node:os';
import type { Redis } from 'ioredis';

/** What a process tells the cluster about itself. */
export interface MemberInfo {
  /** Unique per process, e.g. `worker-<host>-<pid>`. */
  id: string;
  /** `gateway`, `worker` or `all`. */
  role: string;
  host: string;
  pid: number;
  /** Milliseconds since the epoch when the process joined. */
  startedAt: number;
  /** Milliseconds since the epoch of its last heartbeat. */
  seenAt: number;
}

/** Options of a {@link Membership}. */
export interface MembershipOptions {
  redis: Redis;
  prefix: string;
  id: string;
  role: string;
  /** Heartbeat period, ms. Default 1,000. */
  heartbeatMs?: number;
  /** A member silent this long is not live. Default 5,000. */
  liveMs?: number;
  now?: () => number;
}

/**
 * The live processes of a bot: each one writes a heartbeat (a sorted set scored by time, plus a
 * hash of its details that expires on its own); a member silent for `liveMs` is not counted,
 * so a `kill -9`'d process drops out without anyone cleaning up after it.
 */
export class Membership {
  readonly #redis: Redis;
  readonly #key: string;
  readonly #prefix: string;
  readonly #info: Omit<MemberInfo, 'seenAt'>;
  readonly #heartbeatMs: number;
  readonly #liveMs: number;
  readonly #now: () => number;
  #timer: NodeJS.Timeout | undefined;

  public constructor(options: MembershipOptions) {
    this.#redis = options.redis;
    this.#prefix = options.prefix;
    this.#key = `${options.prefix}:members`;
    this.#heartbeatMs = options.heartbeatMs ?? 1_000;
    this.#liveMs = options.liveMs ?? 5_000;
    this.#now = options.now ?? Date.now;
    this.#info = {
      id: options.id,
      role: options.role,
      host: hostname(),
      pid: process.pid,
      startedAt: this.#now(),
    };
  }

  /** This process' id. */
  public get id(): string {
    return this.#info.id;
  }

  /** Writes one heartbeat now. */
  public async beat(): Promise<void> {
    const now = this.#now();
    await this.#redis
      .multi()
      .zadd(this.#key, now, this.#info.id)
      .set(
        `${this.#prefix}:member:${this.#info.id}`,
        JSON.stringify({ ...this.#info, seenAt: now }),
        'PX',
        this.#liveMs * 4,
      )
      .zremrangebyscore(this.#key, '-inf', now - this.#liveMs * 20)
      .exec();
  }

  /** Joins (first heartbeat) and keeps beating until {@link Membership.leave}. */
  public async join(): Promise<void> {
    await this.beat();
    this.#timer = setInterval(() => void this.beat().catch(() => undefined), this.#heartbeatMs);
    this.#timer.unref();
  }

  /** Stops beating and removes this process at once. */
  public async leave(): Promise<void> {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#redis
      .multi()
      .zrem(this.#key, this.#info.id)
      .del(`${this.#prefix}:member:${this.#info.id}`)
      .exec();
  }

  /** The live members, oldest first. */
  public async live(): Promise<MemberInfo[]> {
    const ids = await this.#redis.zrangebyscore(this.#key, this.#now() - this.#liveMs, '+inf');
    if (ids.length === 0) return [];
    const raw = await this.#redis.mget(ids.map((id) => `${this.#prefix}:member:${id}`));
    const members: MemberInfo[] = [];
    for (const value of raw) {
      if (value === null) continue;
      try {
        members.push(JSON.parse(value) as MemberInfo);
      } catch {
        // A foreign value under our key: not a member.
      }
    }
    return members.sort((a, b) => a.startedAt - b.startedAt);
  }
}
