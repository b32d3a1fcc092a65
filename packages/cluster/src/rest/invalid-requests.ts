import type { Redis } from 'ioredis';
import { ClusterError } from '../errors.js';

/** Discord's window for invalid requests: 10,000 per 10 minutes get an IP banned for a while. */
const WINDOW_MS = 600_000;

/**
 * Counts one invalid request and returns the weighted count over the sliding window: the current
 * bucket plus the previous one scaled by how much of it still lies inside the window. Atomic, so
 * every process of the bot shares one count.
 */
const RECORD = `
local current = redis.call('incrby', KEYS[1], ARGV[1])
redis.call('pexpire', KEYS[1], ARGV[2])
local previous = tonumber(redis.call('get', KEYS[2]) or '0')
return {current, previous}`;

/** Options of {@link InvalidRequestGuard}. */
export interface InvalidRequestGuardOptions {
  redis: Redis;
  prefix?: string;
  /** Stop before this many invalid requests per 10 minutes. Default 9,500 (Discord bans at 10,000). */
  limit?: number;
  now?: () => number;
}

/** Whether a response counts as invalid for Discord: 401, 403, and 429 other than shared-scope. */
export function isInvalidResponse(status: number, scope?: string | null): boolean {
  return status === 401 || status === 403 || (status === 429 && scope !== 'shared');
}

/**
 * The invalid-request counter shared by every process through Redis, with a hard stop: once the
 * bot's processes together reach `limit` in the sliding 10-minute window, {@link
 * InvalidRequestGuard.check} throws `ZRX_CLUSTER_INVALID_REQUEST_LIMIT` before any further REST
 * call leaves, so the bot never reaches Discord's 10,000 (an IP ban for every process behind it).
 * For shared bucket rate limits, route REST through `@discordjs/proxy` (one process) or nirn-proxy.
 */
export class InvalidRequestGuard {
  readonly #redis: Redis;
  readonly #prefix: string;
  readonly #limit: number;
  readonly #now: () => number;
  /** The last count seen (weighted over the window), for stats. */
  public lastCount = 0;
  #stoppedUntil = 0;

  public constructor(options: InvalidRequestGuardOptions) {
    this.#redis = options.redis;
    this.#prefix = options.prefix ?? 'zoryx';
    this.#limit = options.limit ?? 9_500;
    this.#now = options.now ?? Date.now;
    if (!Number.isSafeInteger(this.#limit) || this.#limit < 1 || this.#limit >= 10_000) {
      throw new ClusterError(
        'ZRX_CLUSTER_CONFIG',
        `Invalid-request limit ${this.#limit} must be between 1 and 9,999.`,
      );
    }
  }

  #bucket(at: number): string {
    return `${this.#prefix}:rest:invalid:${Math.floor(at / WINDOW_MS)}`;
  }

  #weighted(current: number, previous: number, at: number): number {
    const into = (at % WINDOW_MS) / WINDOW_MS;
    return current + Math.floor(previous * (1 - into));
  }

  /** Counts `n` invalid requests (one process' 401/403/429s) and returns the shared count. */
  public async record(n = 1): Promise<number> {
    const at = this.#now();
    const [current, previous] = (await this.#redis.eval(
      RECORD,
      2,
      this.#bucket(at),
      this.#bucket(at - WINDOW_MS),
      n,
      WINDOW_MS * 2,
    )) as [number, number];
    this.lastCount = this.#weighted(Number(current), Number(previous), at);
    if (this.lastCount >= this.#limit) this.#stoppedUntil = at + (WINDOW_MS - (at % WINDOW_MS));
    return this.lastCount;
  }

  /** The shared count now, without adding to it. */
  public async count(): Promise<number> {
    const at = this.#now();
    const [current, previous] = await this.#redis.mget(
      this.#bucket(at),
      this.#bucket(at - WINDOW_MS),
    );
    this.lastCount = this.#weighted(Number(current ?? 0), Number(previous ?? 0), at);
    return this.lastCount;
  }

  /**
   * Throws `ZRX_CLUSTER_INVALID_REQUEST_LIMIT` when the bot is at its stop. Reads Redis at most
   * once per call; a process that saw the stop keeps refusing locally until its bucket rolls over.
   */
  public async check(): Promise<void> {
    const at = this.#now();
    if (at < this.#stoppedUntil || (await this.count()) >= this.#limit) {
      this.#stoppedUntil = Math.max(this.#stoppedUntil, at + (WINDOW_MS - (at % WINDOW_MS)));
      throw new ClusterError(
        'ZRX_CLUSTER_INVALID_REQUEST_LIMIT',
        `The bot made ${this.lastCount} invalid requests in the last 10 minutes (stop at ${this.#limit}); REST is paused.`,
      );
    }
  }

  /**
   * Wraps a `fetch`-like function (e.g. `@discordjs/rest`'s `makeRequest` option) so that every
   * call checks the stop first and every invalid response is counted.
   */
  public wrap<
    A extends unknown[],
    R extends { status: number; headers?: { get(name: string): string | null } },
  >(request: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
    return async (...args: A) => {
      await this.check();
      const response = await request(...args);
      if (isInvalidResponse(response.status, response.headers?.get('x-ratelimit-scope'))) {
        await this.record();
      }
      return response;
    };
  }
}
