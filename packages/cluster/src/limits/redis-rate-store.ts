import type { SharedHit, SharedRateStore, ZoryxClient } from '@zoryx/framework';
import type { Redis } from 'ioredis';
import { ClusterError } from '../errors.js';

/**
 * One hit on a fixed window, atomically: INCR, and PEXPIRE when the key is new (or lost its
 * TTL, so a key can never live forever). Answers `{ count, remaining ms }`.
 */
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if count == 1 or ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return { count, ttl }
`;

/** Options of a {@link RedisRateStore}. */
export interface RedisRateStoreOptions {
  /** A connected client (the worker's own; one command per hit). */
  readonly redis: Redis;
  /** The bot's key prefix (`ZORYX_CLUSTER_PREFIX`, default `zoryx`). */
  readonly prefix: string;
}

/**
 * The framework's {@link SharedRateStore} on Redis: every worker of a bot counts a user's
 * commands, unknown-command replies and command cooldowns in the same key
 * `<prefix>:limit:<key>` (e.g. `zoryx:limit:intake:commands:<userId>`,
 * `zoryx:limit:cooldown:<command>:<userId>`), a fixed window counted by one Lua script (INCR,
 * PEXPIRE on the first hit). The key ends with its window.
 *
 * @remarks Fails fast, never waits for a reconnect: while the client is not `ready` a hit
 * rejects with `ZRX_CLUSTER_RATE_STORE`, and the framework counts in the worker itself (the
 * limit then holds per worker, not per bot: fail to local, never open to unlimited).
 */
export class RedisRateStore implements SharedRateStore {
  readonly #redis: Redis;
  readonly #prefix: string;
  #sha: string | undefined;

  public constructor(options: RedisRateStoreOptions) {
    this.#redis = options.redis;
    this.#prefix = `${options.prefix}:limit:`;
  }

  /** The Redis key of a limiter key. */
  public keyOf(key: string): string {
    return this.#prefix + key;
  }

  public async hit(key: string, windowMs: number): Promise<SharedHit> {
    if (this.#redis.status !== 'ready') {
      throw new ClusterError(
        'ZRX_CLUSTER_RATE_STORE',
        `Redis is not connected (${this.#redis.status}); counting "${key}" in this worker.`,
      );
    }
    const window = String(Math.max(1, Math.ceil(windowMs)));
    const answer = await this.#run(this.keyOf(key), window);
    if (!Array.isArray(answer) || answer.length !== 2) {
      throw new ClusterError(
        'ZRX_CLUSTER_RATE_STORE',
        `The counting script answered ${JSON.stringify(answer)} for "${key}".`,
      );
    }
    return { count: Number(answer[0]), resetInMs: Number(answer[1]) };
  }

  /** EVALSHA, loading the script once (again after a Redis restart flushed it). */
  async #run(key: string, windowMs: string): Promise<unknown> {
    if (this.#sha !== undefined) {
      try {
        return await this.#redis.evalsha(this.#sha, 1, key, windowMs);
      } catch (error) {
        if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      }
    }
    this.#sha = String(await this.#redis.script('LOAD', HIT_SCRIPT));
    return this.#redis.evalsha(this.#sha, 1, key, windowMs);
  }
}

/**
 * Makes a worker's intake limits and command cooldowns count for the whole bot: its
 * `bot.intake` and `bot.cooldowns` count in Redis through one {@link RedisRateStore}; a Redis
 * failure is logged (at most once a minute) and the worker counts locally meanwhile.
 */
export function shareLimits(bot: ZoryxClient, options: RedisRateStoreOptions): RedisRateStore {
  const store = new RedisRateStore(options);
  const onError = (error: Error, suppressed: number) => {
    bot.zoryxLogger.warn(
      { err: error, suppressed },
      'shared intake limits and cooldowns unavailable; counting in this worker',
    );
  };
  bot.intake.useStore(store, { onError });
  bot.cooldowns.useStore(store, { onError });
  return store;
}
