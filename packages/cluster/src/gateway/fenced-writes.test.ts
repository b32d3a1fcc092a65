import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, redisTestUrl, testPrefix } from '../testing/redis.js';
import { FencedWrites } from './fenced-writes.js';
import { RedisSessionStore } from './identify-and-sessions.js';
import { ShardLeases } from './shard-leases.js';

const url = redisTestUrl();

describe.skipIf(url === undefined)(
  `fenced gateway writes${url === undefined ? ' (skipped: ZORYX_TEST_REDIS_URL is not set)' : ''}`,
  () => {
    let redis: Redis;
    beforeAll(() => {
      redis = connect(url!);
    });
    afterAll(async () => {
      await redis.quit();
    });

    function fenceOf(leases: ShardLeases, shardIds: number[]) {
      return new FencedWrites(redis, {
        owner: leases.owner,
        leases: () => shardIds.map((shardId) => ({ key: leases.keyOf(shardId), shardId })),
      });
    }

    it('appends while the leases are held or unclaimed, and nothing once another owner took one', async () => {
      const prefix = testPrefix('fenced');
      const leases = new ShardLeases({ redis, prefix, owner: 'gw-1', leaseMs: 60_000 });
      await leases.acquire([0, 1]);
      const writes = fenceOf(leases, [0, 1]);
      const [work, state] = [`${prefix}:events`, `${prefix}:state`];
      const published = await writes.publish(
        [
          { stream: work, fields: ['id', 'a'] },
          { stream: state, fields: ['id', 'b'] },
          { stream: work, fields: ['id', 'c', 'd', '{"x":1}'] },
        ],
        1_000,
      );
      expect('ids' in published && published.ids).toHaveLength(3);
      const entries = await redis.xrange(work, '-', '+');
      expect(entries.map(([, fields]) => fields)).toEqual([
        ['id', 'a'],
        ['id', 'c', 'd', '{"x":1}'],
      ]);
      expect('ids' in published && published.ids[0]).toBe(entries[0]![0]);

      // Expired and unclaimed: still safe to write (whoever claims it next reads after us).
      await redis.del(leases.keyOf(1));
      expect(await writes.publish([{ stream: work, fields: ['id', 'e'] }], 1_000)).toHaveProperty(
        'ids',
      );
      // Taken by a standby: refused, naming the shard, nothing appended.
      await redis.set(leases.keyOf(1), 'gw-2');
      expect(await writes.publish([{ stream: work, fields: ['id', 'f'] }], 1_000)).toEqual({
        lost: 1,
      });
      expect(await redis.xlen(work)).toBe(3);
      expect(await writes.write([{ key: `${prefix}:snapshot:0`, value: 'stale' }])).toEqual({
        lost: 1,
      });
      expect(await redis.exists(`${prefix}:snapshot:0`)).toBe(0);
      await leases.release();
    });

    it('trims each stream of a batch to about maxLen once per batch, keeping the newest entries', async () => {
      const prefix = testPrefix('fenced-trim');
      const leases = new ShardLeases({ redis, prefix, owner: 'gw-1', leaseMs: 60_000 });
      await leases.acquire([0]);
      const writes = fenceOf(leases, [0]);
      const work = `${prefix}:events`;
      for (let batch = 0; batch < 10; batch++) {
        const entries = Array.from({ length: 500 }, (_, i) => ({
          stream: work,
          fields: ['id', `${batch}:${i}`],
        }));
        expect(await writes.publish(entries, 1_000)).toHaveProperty('ids');
      }
      // MAXLEN ~ trims whole macro nodes only: about 1,000, never all 5,000.
      const length = await redis.xlen(work);
      expect(length).toBeGreaterThanOrEqual(1_000);
      expect(length).toBeLessThan(2_000);
      // The newest entry is kept.
      const [[, last] = ['', []]] = await redis.xrevrange(work, '+', '-', 'COUNT', 1);
      expect(last).toEqual(['id', '9:499']);
      await leases.release();
    });

    it('sets with and without a TTL and deletes, in one fenced script', async () => {
      const prefix = testPrefix('fenced-write');
      const leases = new ShardLeases({ redis, prefix, owner: 'gw-1', leaseMs: 60_000 });
      await leases.acquire([0]);
      const writes = fenceOf(leases, [0]);
      await redis.set(`${prefix}:gone`, 'x');
      expect(
        await writes.write([
          { key: `${prefix}:kept`, value: 'k' },
          { key: `${prefix}:expiring`, value: 'e', px: 60_000 },
          { key: `${prefix}:gone`, del: true },
        ]),
      ).toBeUndefined();
      expect(await redis.mget(`${prefix}:kept`, `${prefix}:expiring`, `${prefix}:gone`)).toEqual([
        'k',
        'e',
        null,
      ]);
      expect(await redis.pttl(`${prefix}:kept`)).toBe(-1);
      expect(await redis.pttl(`${prefix}:expiring`)).toBeGreaterThan(0);
      await leases.release();
    });

    it('stores no session once the lease is another owner’s', async () => {
      const prefix = testPrefix('fenced-session');
      const leases = new ShardLeases({ redis, prefix, owner: 'gw-1', leaseMs: 60_000 });
      await leases.acquire([0]);
      const writes = fenceOf(leases, [0]);
      const refused: number[] = [];
      const store = new RedisSessionStore({
        redis,
        prefix,
        write: async (ops) => {
          const outcome = await writes.write(ops);
          if (outcome) refused.push(outcome.lost);
        },
      });
      const session = {
        sessionId: 's',
        sequence: 5,
        shardId: 0,
        shardCount: 1,
        resumeURL: 'ws://x',
      };
      await store.update(0, session);
      await store.flush();
      expect(JSON.parse((await redis.get(`${prefix}:session:0`)) ?? 'null')).toEqual(session);
      await redis.set(leases.keyOf(0), 'gw-2');
      await store.update(0, { ...session, sequence: 2 });
      await store.flush();
      expect(refused).toEqual([0]);
      expect(JSON.parse((await redis.get(`${prefix}:session:0`)) ?? 'null')).toEqual(session);
      await leases.release();
    });

    it('knows its leases are current only until a renewal is overdue past the TTL', async () => {
      const prefix = testPrefix('lease-valid');
      const leases = new ShardLeases({ redis, prefix, owner: 'gw-1', leaseMs: 60_000 });
      expect(leases.valid()).toBe(false);
      await leases.acquire([0]);
      expect(leases.valid()).toBe(true);
      await Promise.all([leases.renew(), leases.renew()]);
      expect(leases.valid()).toBe(true);
      await redis.set(leases.keyOf(0), 'gw-2');
      await leases.renew();
      expect(leases.valid()).toBe(false);
      await leases.release();
      expect(leases.valid()).toBe(false);
    });
  },
);
