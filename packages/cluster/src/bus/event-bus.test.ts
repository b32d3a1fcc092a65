import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, redisTestUrl, testPrefix } from '../testing/redis.js';
import { until } from '../testing/until.js';
import { EventBus } from './event-bus.js';
import type { BusEvent } from './wire.js';

const url = redisTestUrl();

describe.skipIf(url === undefined)(
  `event bus on Redis Streams${url === undefined ? ' (skipped: ZORYX_TEST_REDIS_URL is not set)' : ''}`,
  () => {
    let redis: Redis;
    beforeAll(() => {
      redis = connect(url!);
    });
    afterAll(async () => {
      await redis.quit();
    });

    function bus(
      prefix: string,
      consumer: string,
      extra: Partial<ConstructorParameters<typeof EventBus>[0]> = {},
    ) {
      return new EventBus({ redis, prefix, consumer, blockMs: 100, ...extra });
    }

    it('gives each event to exactly one of three consumers and acknowledges all', async () => {
      const prefix = testPrefix('bus-once');
      const seen = new Map<string, string[]>();
      const consumers = ['w1', 'w2', 'w3'].map((name) => bus(prefix, name));
      for (const [i, consumer] of consumers.entries()) {
        await consumer.consume((event) => {
          seen.set(event.id, [...(seen.get(event.id) ?? []), `w${i + 1}`]);
        });
      }
      const publisher = bus(prefix, 'gateway');
      const events = Array.from({ length: 3_000 }, (_, n) => ({
        id: `0:s:${n}`,
        type: 'INTERACTION_CREATE',
        shardId: 0,
        data: { n },
      }));
      for (let at = 0; at < events.length; at += 500)
        await publisher.publish(events.slice(at, at + 500));
      await until(() => seen.size === 3_000);
      for (const consumer of consumers) await consumer.stop();
      expect([...seen.values()].every((handlers) => handlers.length === 1)).toBe(true);
      expect(await publisher.pending()).toBe(0);
      expect(consumers.reduce((sum, c) => sum + c.stats.handled, 0)).toBe(3_000);
    });

    it('handles an event published twice under one id once', async () => {
      const prefix = testPrefix('bus-dup');
      const handled: string[] = [];
      const consumer = bus(prefix, 'w1', { idempotency: 'every' });
      await consumer.consume((event) => {
        handled.push(event.id);
      });
      const event = {
        id: '1:abc:7',
        type: 'MESSAGE_CREATE',
        shardId: 1,
        data: { content: '!ping' },
      };
      await consumer.publish([event]);
      await until(() => handled.length === 1);
      await consumer.publish([event]);
      await until(() => consumer.stats.duplicates === 1);
      await consumer.stop();
      expect(handled).toEqual(['1:abc:7']);
      expect(await consumer.pending()).toBe(0);
    });

    it("keeps a slow handler's entries from being claimed while it runs", async () => {
      const prefix = testPrefix('bus-hold');
      const runs: string[] = [];
      const slow = bus(prefix, 'slow', { claimIdleMs: 200 });
      await slow.consume(async () => {
        runs.push('slow');
        await new Promise((resolve) => setTimeout(resolve, 1_500));
      });
      await slow.publish([{ id: 'h:1', type: 'T', shardId: 0, data: 1 }]);
      await until(() => runs.length === 1);
      const other = bus(prefix, 'other', { claimIdleMs: 200 });
      await other.consume(() => {
        runs.push('other');
      });
      await until(() => slow.stats.handled === 1);
      await other.claimIdle(() => {
        runs.push('other');
      });
      await other.stop();
      await slow.stop();
      expect(runs).toEqual(['slow']);
      expect(await slow.pending()).toBe(0);
    });

    it('skips a claimed entry whose event another consumer already recorded as handled', async () => {
      const prefix = testPrefix('bus-claimed-done');
      const publisher = bus(prefix, 'gateway');
      await publisher.publish([{ id: 'd:1', type: 'T', shardId: 0, data: 1 }]);
      // A consumer read it (it is pending) and a claimer handled it but died before the ack.
      await redis.xgroup('CREATE', `${prefix}:events`, 'workers', '0', 'MKSTREAM');
      await redis.xreadgroup(
        'GROUP',
        'workers',
        'dead',
        'COUNT',
        10,
        'STREAMS',
        `${prefix}:events`,
        '>',
      );
      await redis.set(`${prefix}:idem:d:1`, 'done');
      const handled: BusEvent[] = [];
      const claimer = bus(prefix, 'alive', { claimIdleMs: 1 });
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await claimer.claimIdle((event) => void handled.push(event))).toBe(1);
      expect(handled).toEqual([]);
      expect(claimer.stats.duplicates).toBe(1);
      expect(await publisher.pending()).toBe(0);
    });

    it('claims what a dead consumer read and never acknowledged', async () => {
      const prefix = testPrefix('bus-claim');
      const publisher = bus(prefix, 'gateway');
      // A consumer that reads and dies: it takes the entries into its pending list and stops.
      const dead = bus(prefix, 'dead', { claimIdleMs: 300 });
      let reached!: () => void;
      const inHandler = new Promise<void>((resolve) => {
        reached = resolve;
      });
      await dead.consume(() => {
        reached();
        return new Promise<void>(() => undefined); // never finishes: the process "hangs" then dies
      });
      await publisher.publish([{ id: 'x:1', type: 'T', shardId: 0, data: 1 }]);
      await inHandler;
      void dead.stop(); // its handler never settles, as after kill -9
      const handled: BusEvent[] = [];
      const survivor = bus(prefix, 'alive', { claimIdleMs: 300 });
      await survivor.consume((event) => {
        handled.push(event);
      });
      await until(() => handled.length === 1);
      await survivor.stop();
      expect(handled[0]?.data).toBe(1);
      expect(survivor.stats.claimed).toBeGreaterThanOrEqual(1);
      expect(await publisher.pending()).toBe(0);
    });

    it('redelivers an event whose handler failed, and drops malformed entries', async () => {
      const prefix = testPrefix('bus-retry');
      const errors: unknown[] = [];
      let attempts = 0;
      const consumer = bus(prefix, 'w1', { claimIdleMs: 200, onError: (e) => errors.push(e) });
      await consumer.consume(() => {
        attempts += 1;
        if (attempts === 1) throw new Error('first try fails');
      });
      await consumer.publish([{ id: 'r:1', type: 'T', shardId: 0, data: null }]);
      await redis.xadd(`${prefix}:events`, '*', 'v', '9', 'id', 'bad');
      await until(() => consumer.stats.handled === 1 && consumer.stats.dropped === 1);
      await consumer.stop();
      expect(attempts).toBe(2);
      expect(errors.map((e) => (e as { code?: string }).code).sort()).toEqual([
        'ZRX_CLUSTER_HANDLER',
        'ZRX_CLUSTER_WIRE',
      ]);
      expect(await consumer.pending()).toBe(0);
    });

    it('trims the stream to about maxLen', async () => {
      const prefix = testPrefix('bus-trim');
      const publisher = bus(prefix, 'gateway', { maxLen: 100 });
      for (let round = 0; round < 10; round += 1) {
        await publisher.publish(
          Array.from({ length: 100 }, (_, n) => ({
            id: `${round}:${n}`,
            type: 'T',
            shardId: 0,
            data: n,
          })),
        );
      }
      expect(await publisher.length()).toBeLessThan(1_000);
    });
  },
);
