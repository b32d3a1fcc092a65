import { CooldownTracker } from '@zoryx/framework/internals';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isClusterError } from '../errors.js';
import { connect, redisTestUrl, testPrefix } from '../testing/redis.js';
import { RedisRateStore } from './redis-rate-store.js';

const url = redisTestUrl();

describe.skipIf(url === undefined)(
  `the Redis rate store${url === undefined ? ' (skipped: ZORYX_TEST_REDIS_URL is not set)' : ''}`,
  () => {
    let a: Redis;
    let b: Redis;
    beforeAll(async () => {
      // Two connections, as two workers would have.
      a = connect(url!);
      b = connect(url!);
      await Promise.all([a.ping(), b.ping()]);
    });
    afterAll(async () => {
      await Promise.all([a.quit(), b.quit()]);
    });

    it('counts one window per key under <prefix>:limit:, ending with its TTL', async () => {
      const prefix = testPrefix('limit');
      const store = new RedisRateStore({ redis: a, prefix });
      expect(await store.hit('intake:commands:42', 60_000)).toMatchObject({ count: 1 });
      const second = await store.hit('intake:commands:42', 60_000);
      expect(second.count).toBe(2);
      expect(second.resetInMs).toBeGreaterThan(0);
      expect(second.resetInMs).toBeLessThanOrEqual(60_000);
      expect(await a.get(`${prefix}:limit:intake:commands:42`)).toBe('2');
      const ttl = await a.pttl(`${prefix}:limit:intake:commands:42`);
      expect(ttl).toBeGreaterThan(0);
      expect(await store.hit('intake:commands:43', 60_000)).toMatchObject({ count: 1 });
    });

    it('starts a new window once the key expired, and never leaves a key without a TTL', async () => {
      const prefix = testPrefix('limit-window');
      const store = new RedisRateStore({ redis: a, prefix });
      await store.hit('cooldown:daily:1', 60_000);
      await a.pexpire(`${prefix}:limit:cooldown:daily:1`, 1);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await store.hit('cooldown:daily:1', 60_000)).toMatchObject({ count: 1 });
      // A key someone left without a TTL gets one at the next hit.
      await a.set(`${prefix}:limit:cooldown:daily:2`, '5');
      expect(await store.hit('cooldown:daily:2', 30_000)).toMatchObject({
        count: 6,
        resetInMs: 30_000,
      });
      expect(await a.pttl(`${prefix}:limit:cooldown:daily:2`)).toBeGreaterThan(0);
    });

    it('admits exactly the limit when two workers count 200 hits of one user at once', async () => {
      const prefix = testPrefix('limit-race');
      const stores = [
        new RedisRateStore({ redis: a, prefix }),
        new RedisRateStore({ redis: b, prefix }),
      ];
      const hits = await Promise.all(
        Array.from({ length: 200 }, (_, n) => stores[n % 2]!.hit('intake:commands:7', 60_000)),
      );
      const counts = hits.map((h) => h.count).sort((x, y) => x - y);
      expect(counts).toEqual(Array.from({ length: 200 }, (_, n) => n + 1));
      // Under a limit of 10: 10 admitted, exactly one "first refusal" (the notice), wherever it ran.
      expect(hits.filter((h) => h.count <= 10)).toHaveLength(10);
      expect(hits.filter((h) => h.count === 11)).toHaveLength(1);
    });

    it('shares command cooldowns between two trackers (two workers)', async () => {
      const prefix = testPrefix('limit-cooldown');
      const first = new CooldownTracker();
      const second = new CooldownTracker();
      first.useStore(new RedisRateStore({ redis: a, prefix }));
      second.useStore(new RedisRateStore({ redis: b, prefix }));
      const rule = { limit: 2, windowMs: 60_000 };
      expect(await first.check('daily', 'u1', rule)).toEqual({ ok: true, remaining: 1 });
      expect(await second.check('daily', 'u1', rule)).toEqual({ ok: true, remaining: 0 });
      expect(await first.check('daily', 'u1', rule)).toMatchObject({ ok: false });
      expect(await second.check('daily', 'u2', rule)).toMatchObject({ ok: true });
    });

    it('loads its script again after Redis forgot it (SCRIPT FLUSH, a restart)', async () => {
      const prefix = testPrefix('limit-flush');
      const store = new RedisRateStore({ redis: a, prefix });
      await store.hit('intake:commands:1', 60_000);
      await a.script('FLUSH');
      expect(await store.hit('intake:commands:1', 60_000)).toMatchObject({ count: 2 });
    });

    it('fails fast with ZRX_CLUSTER_RATE_STORE while Redis is not connected, and the tracker counts locally (fail to local)', async () => {
      const offline = new Redis(url!, { lazyConnect: true, maxRetriesPerRequest: null });
      const store = new RedisRateStore({ redis: offline, prefix: testPrefix('limit-down') });
      await expect(store.hit('intake:commands:1', 60_000)).rejects.toSatisfy((e) =>
        isClusterError(e, 'ZRX_CLUSTER_RATE_STORE'),
      );
      const codes: string[] = [];
      const tracker = new CooldownTracker();
      tracker.useStore(store, { onError: (error) => codes.push(error.code) });
      const rule = { limit: 1, windowMs: 60_000 };
      expect(await tracker.check('daily', 'u1', rule)).toMatchObject({ ok: true });
      // Still limited, in this process.
      expect(await tracker.check('daily', 'u1', rule)).toMatchObject({ ok: false });
      expect(codes).toEqual(['ZRX_SHARED_LIMITS_UNAVAILABLE']);
      expect(tracker.size).toBe(1);
      offline.disconnect();
    });
  },
);
