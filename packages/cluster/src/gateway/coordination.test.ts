import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isClusterError } from '../errors.js';
import { InvalidRequestGuard } from '../rest/invalid-requests.js';
import { connect, redisTestUrl, testPrefix } from '../testing/redis.js';
import { RedisIdentifyThrottler, RedisSessionStore } from './identify-and-sessions.js';
import { ShardLeases } from './shard-leases.js';

const url = redisTestUrl();

describe.skipIf(url === undefined)(
  `gateway coordination in Redis${url === undefined ? ' (skipped: ZORYX_TEST_REDIS_URL is not set)' : ''}`,
  () => {
    let redis: Redis;
    beforeAll(() => {
      redis = connect(url!);
    });
    afterAll(async () => {
      await redis.quit();
    });

    it('lets one gateway hold a shard; the other gets it once the first releases', async () => {
      const prefix = testPrefix('lease');
      const first = new ShardLeases({ redis, prefix, owner: 'gw-1', leaseMs: 5_000 });
      const second = new ShardLeases({ redis, prefix, owner: 'gw-2', leaseMs: 5_000 });
      await first.acquire([0, 1]);
      await expect(second.acquire([1, 2])).rejects.toSatisfy((e) =>
        isClusterError(e, 'ZRX_CLUSTER_SHARD_LEASED'),
      );
      // All or none: shard 2 was released again.
      expect(second.held).toEqual([]);
      expect(await redis.get(`${prefix}:lease:shard:2`)).toBeNull();
      await first.release();
      await second.acquire([1, 2]);
      expect(second.held).toEqual([1, 2]);
      await second.release();
    });

    it('reports a lease lost to expiry and refuses to renew it', async () => {
      const prefix = testPrefix('lease-lost');
      const lost: number[] = [];
      const leases = new ShardLeases({
        redis,
        prefix,
        owner: 'gw-1',
        leaseMs: 60_000,
        onLost: (id) => lost.push(id),
      });
      await leases.acquire([3]);
      await redis.set(`${prefix}:lease:shard:3`, 'gw-other'); // taken over (e.g. after a partition)
      await leases.renew();
      expect(lost).toEqual([3]);
      expect(leases.held).toEqual([]);
      await leases.release();
      expect(await redis.get(`${prefix}:lease:shard:3`)).toBe('gw-other');
    });

    it('takes back a lease that expired while nobody else claimed it', async () => {
      const prefix = testPrefix('lease-late');
      const lost: number[] = [];
      const leases = new ShardLeases({
        redis,
        prefix,
        owner: 'gw-1',
        leaseMs: 60_000,
        onLost: (id) => lost.push(id),
      });
      await leases.acquire([4]);
      await redis.del(`${prefix}:lease:shard:4`); // expired: the holder renewed too late
      await leases.renew();
      expect(lost).toEqual([]);
      expect(leases.held).toEqual([4]);
      expect(await redis.get(`${prefix}:lease:shard:4`)).toBe('gw-1');
      await leases.release();
    });

    it('throttles IDENTIFY per shard_id % max_concurrency across processes', async () => {
      const prefix = testPrefix('identify');
      const a = new RedisIdentifyThrottler({ redis, prefix, maxConcurrency: 2, windowMs: 60_000 });
      const b = new RedisIdentifyThrottler({ redis, prefix, maxConcurrency: 2, windowMs: 60_000 });
      await a.waitForIdentify(0);
      await b.waitForIdentify(1); // another bucket: no wait
      const controller = new AbortController();
      const blocked = b.waitForIdentify(2, controller.signal); // bucket 0 is taken for 60 s
      setTimeout(() => controller.abort(), 100);
      await expect(blocked).rejects.toThrow();
      expect(a.identifies + b.identifies).toBe(2);
    });

    it('keeps session info for a restarted gateway to resume', async () => {
      const prefix = testPrefix('session');
      const store = new RedisSessionStore({ redis, prefix });
      const session = {
        sessionId: 'abc',
        sequence: 42,
        resumeURL: 'wss://x',
        shardId: 0,
        shardCount: 1,
      };
      await store.update(0, session);
      await store.flush();
      expect(await new RedisSessionStore({ redis, prefix }).retrieve(0)).toEqual(session);
      await store.update(0, null);
      await store.flush();
      expect(await store.retrieve(0)).toBeNull();
      expect(await new RedisSessionStore({ redis, prefix }).retrieve(0)).toBeNull();
    });

    it('writes nothing more once frozen (a gateway that lost its shard to a standby)', async () => {
      const prefix = testPrefix('session-frozen');
      const store = new RedisSessionStore({ redis, prefix });
      const session = {
        sessionId: 'abc',
        sequence: 7,
        resumeURL: 'wss://x',
        shardId: 0,
        shardCount: 1,
      };
      await store.update(0, session);
      await store.flush();
      store.freeze();
      await store.update(0, { ...session, sequence: 9 });
      await store.update(0, null);
      await store.flush();
      expect(await new RedisSessionStore({ redis, prefix }).retrieve(0)).toEqual(session);
    });

    it('shares the invalid-request count and stops before the limit', async () => {
      const prefix = testPrefix('invalid');
      let now = 1_800_000_000_000;
      const first = new InvalidRequestGuard({ redis, prefix, limit: 10, now: () => now });
      const second = new InvalidRequestGuard({ redis, prefix, limit: 10, now: () => now });
      const responses = [401, 403, 429, 200, 404];
      let call = 0;
      const request = second.wrap(async () => ({
        status: responses[call++ % responses.length]!,
        headers: new Headers(),
      }));
      await first.record(5);
      for (let i = 0; i < 5; i += 1) await request();
      expect(await first.count()).toBe(8);
      await first.record(2);
      await expect(request()).rejects.toSatisfy((e) =>
        isClusterError(e, 'ZRX_CLUSTER_INVALID_REQUEST_LIMIT'),
      );
      await expect(first.check()).rejects.toSatisfy((e) =>
        isClusterError(e, 'ZRX_CLUSTER_INVALID_REQUEST_LIMIT'),
      );
      now += 1_200_000; // two windows later, the count is gone
      await first.check();
    });
  },
);
