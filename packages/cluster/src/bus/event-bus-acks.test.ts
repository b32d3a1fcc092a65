import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, redisTestUrl, testPrefix } from '../testing/redis.js';
import { until } from '../testing/until.js';
import { runScript, scriptOf } from './bus-script.js';
import { EventBus } from './event-bus.js';
import { decodeEntry } from './wire.js';

const url = redisTestUrl();

describe.skipIf(url === undefined)(
  `event bus publishing and acknowledgements${url === undefined ? ' (skipped: ZORYX_TEST_REDIS_URL is not set)' : ''}`,
  () => {
    let redis: Redis;
    beforeAll(() => {
      redis = connect(url!);
    });
    afterAll(async () => {
      await redis.quit();
    });

    /** The `data` (a number) of every entry still pending in the group. */
    async function pendingNumbers(stream: string): Promise<number[]> {
      const rows = (await redis.xpending(stream, 'workers', '-', '+', 10_000)) as [string][];
      const pending = new Set(rows.map(([entryId]) => entryId));
      const entries = (await redis.xrange(stream, '-', '+')) as [string, string[]][];
      return entries
        .filter(([entryId]) => pending.has(entryId))
        .map(([entryId, fields]) => decodeEntry(entryId, fields).data as number)
        .sort((a, b) => a - b);
    }

    it('publishes a batch in one script call, in order, as wire version 2 entries', async () => {
      const prefix = testPrefix('bus-publish');
      const publisher = new EventBus({ redis, prefix, consumer: 'gateway' });
      const ids = await publisher.publish(
        Array.from({ length: 300 }, (_, n) => ({ id: `p:${n}`, type: 'T', shardId: 1, data: n })),
      );
      const entries = (await redis.xrange(publisher.stream, '-', '+')) as [string, string[]][];
      expect(entries.map(([entryId]) => entryId)).toEqual(ids);
      expect(entries.every(([, fields]) => fields.length === 2 && fields[0] === 'e')).toBe(true);
      expect(entries.map(([entryId, fields]) => decodeEntry(entryId, fields).id)).toEqual(
        Array.from({ length: 300 }, (_, n) => `p:${n}`),
      );
      expect(publisher.stats.published).toBe(300);
    });

    it('loads a script Redis does not know yet, then runs it by its hash', async () => {
      const script = scriptOf(`return '${randomUUID()}'`);
      const [before] = (await redis.script('EXISTS', script.sha)) as number[];
      const first = await runScript(redis, script, [], []);
      const [after] = (await redis.script('EXISTS', script.sha)) as number[];
      expect({ before, after }).toEqual({ before: 0, after: 1 });
      expect(await runScript(redis, script, [], [])).toBe(first);
    });

    it('acknowledges exactly the events that were handled, however they settled', async () => {
      const prefix = testPrefix('bus-acks');
      const consumer = new EventBus({
        redis,
        prefix,
        consumer: 'w1',
        blockMs: 100,
        batch: 50,
        batchesInFlight: 2,
        claimIdleMs: 600_000, // nothing is claimed back during the test
        onError: () => undefined,
      });
      await consumer.consume((event) => {
        const n = event.data as number;
        if (n % 4 === 0) throw new Error('sync failure');
        if (n % 4 === 1)
          return new Promise<void>((_, reject) =>
            setTimeout(() => reject(new Error('late')), n % 7),
          );
        if (n % 4 === 2) return new Promise<void>((resolve) => setTimeout(resolve, n % 7));
        return undefined;
      });
      await consumer.publish(
        Array.from({ length: 400 }, (_, n) => ({ id: `a:${n}`, type: 'T', shardId: 0, data: n })),
      );
      await until(() => consumer.stats.handled + consumer.stats.failed === 400);
      await consumer.stop();
      expect(consumer.stats).toMatchObject({ handled: 200, failed: 200, duplicates: 0 });
      expect(await pendingNumbers(consumer.stream)).toEqual(
        Array.from({ length: 400 }, (_, n) => n).filter((n) => n % 4 < 2),
      );
    });

    it('a consumer that died between handling and acknowledging: what it recorded done is acknowledged, the rest runs once more', async () => {
      const prefix = testPrefix('bus-crash');
      const idem = (id: string) => `${prefix}:idem:${id}`;
      const byDead: number[] = [];
      const dead = new EventBus({
        redis,
        prefix,
        consumer: 'dead',
        blockMs: 100,
        claimIdleMs: 300,
        idempotency: 'every',
      });
      await dead.consume((event) => {
        const n = event.data as number;
        byDead.push(n);
        // From 10 on it did the work, then "died" before settling (its handler never returns).
        return n < 10 ? undefined : new Promise<void>(() => undefined);
      });
      await dead.publish(
        Array.from({ length: 20 }, (_, n) => ({ id: `c:${n}`, type: 'T', shardId: 0, data: n })),
      );
      await until(() => byDead.length === 20 && dead.stats.handled === 10);
      void dead.stop(); // never resolves: its handlers never settle, as after kill -9
      // 10–14: the settle's `done` records reached Redis, the XACK after them did not.
      for (let n = 10; n < 15; n += 1) await redis.set(idem(`c:${n}`), 'done', 'PX', 60_000);
      expect(await pendingNumbers(dead.stream)).toEqual(
        Array.from({ length: 10 }, (_, n) => n + 10),
      );

      const bySurvivor: number[] = [];
      const survivor = new EventBus({
        redis,
        prefix,
        consumer: 'alive',
        blockMs: 100,
        claimIdleMs: 300,
      });
      await survivor.consume((event) => {
        bySurvivor.push(event.data as number);
      });
      await until(async () => (await survivor.pending()) === 0);
      await survivor.stop();
      expect(bySurvivor.sort((a, b) => a - b)).toEqual([15, 16, 17, 18, 19]);
      expect(survivor.stats.duplicates).toBe(5);
      const records = await redis.mget(Array.from({ length: 20 }, (_, n) => idem(`c:${n}`)));
      expect(records.every((record) => record === 'done')).toBe(true);
    });
  },
);
