import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusEvent } from '../bus/wire.js';
import { connect, redisTestUrl, testPrefix } from '../testing/redis.js';
import { compareEntryIds, FanOutBarrier } from './fan-out-barrier.js';

const url = redisTestUrl();

describe('compareEntryIds', () => {
  it('orders stream ids by millisecond, then sequence, as numbers', () => {
    expect(compareEntryIds('1000-2', '1000-10')).toBeLessThan(0);
    expect(compareEntryIds('999-5', '1000-0')).toBeLessThan(0);
    expect(compareEntryIds('1000-0', '1000-0')).toBe(0);
  });
});

describe.skipIf(url === undefined)(
  `the fan-out barrier${url === undefined ? ' (skipped: ZORYX_TEST_REDIS_URL is not set)' : ''}`,
  () => {
    let redis: Redis;
    beforeAll(() => {
      redis = connect(url!);
    });
    afterAll(async () => {
      await redis.quit();
    });

    const work = (entryId: string, guildId?: string): BusEvent => ({
      id: entryId,
      type: 'MESSAGE_CREATE',
      shardId: 0,
      data: guildId === undefined ? {} : { guild_id: guildId },
      entryId,
      publishedAt: 0,
    });

    it('holds a message of a guild not introduced yet until the fan-out tail applied its GUILD_CREATE', async () => {
      const prefix = testPrefix('barrier');
      const state = `${prefix}:state`;
      const introduced = await redis.xadd(state, '*', 't', 'GUILD_CREATE');
      const message = await redis.xadd(`${prefix}:events`, '*', 't', 'MESSAGE_CREATE');
      const barrier = new FanOutBarrier({ redis, stream: state, from: '0-0', maxWaitMs: 60_000 });
      let appliedYet = false;
      const passed = barrier.before(work(message!, '42')).then(() => appliedYet);
      await new Promise((resolve) => setTimeout(resolve, 50));
      appliedYet = true;
      barrier.note('GUILD_CREATE', { id: '42' });
      barrier.applied(introduced!);
      expect(await passed).toBe(true); // released by the tail, not by the deadline
      expect(barrier.waited).toBe(1);
      // Introduced now: its events pass without asking Redis.
      await barrier.before(work(message!, '42'));
      expect(barrier.waited).toBe(1);
    });

    it('lets events of no guild, and of unknown guilds with nothing newer on the fan-out stream, pass at once', async () => {
      const prefix = testPrefix('barrier-pass');
      const state = `${prefix}:state`;
      const old = await redis.xadd(state, '*', 't', 'CHANNEL_UPDATE');
      const message = await redis.xadd(`${prefix}:events`, '*', 't', 'MESSAGE_CREATE');
      const barrier = new FanOutBarrier({ redis, stream: state, from: old!, maxWaitMs: 60_000 });
      await barrier.before(work(message!));
      await barrier.before(work(message!, '7'));
      expect(barrier.waited).toBe(0);
    });

    it('forgets a guild the bot left, not one that became unavailable', async () => {
      const prefix = testPrefix('barrier-left');
      const state = `${prefix}:state`;
      const barrier = new FanOutBarrier({ redis, stream: state, from: '0-0', maxWaitMs: 60_000 });
      barrier.note('GUILD_CREATE', { id: '1' });
      barrier.note('GUILD_CREATE', { id: '2' });
      barrier.note('GUILD_DELETE', { id: '1', unavailable: true });
      barrier.note('GUILD_DELETE', { id: '2' });
      const later = await redis.xadd(state, '*', 't', 'GUILD_DELETE');
      const message = await redis.xadd(`${prefix}:events`, '*', 't', 'MESSAGE_CREATE');
      await barrier.before(work(message!, '1')); // still known: no wait
      expect(barrier.waited).toBe(0);
      let appliedYet = false;
      const waiting = barrier.before(work(message!, '2')).then(() => appliedYet);
      await new Promise((resolve) => setTimeout(resolve, 50));
      appliedYet = true;
      barrier.applied(later!);
      expect(await waiting).toBe(true);
      expect(barrier.waited).toBe(1);
    });
  },
);
