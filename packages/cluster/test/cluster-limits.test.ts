// End to end on real Redis and the emulator: the per-user intake limit and a command's cooldown
// hold for the whole clustered bot, not once per worker. A gateway process and worker processes
// (test/fixtures/role.mjs on the built packages); worker A answers first, then worker B takes
// over: with per-worker counters B would start from zero. Without PostgreSQL (each worker keeps
// its own SQLite data): the limits live in Redis, `<prefix>:limit:*`.
import type { ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
import {
  type ChannelHandle,
  type Emulator,
  type GuildHandle,
  startEmulator,
  type UserHandle,
} from '@zoryx/emulator';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisTestUrl, testPrefix } from '../src/testing/redis.js';
import { roleEnv, startRole, stopRole, writeClusterBot } from './role-processes.js';

const redisUrl = redisTestUrl();
const INTAKE_LIMIT = 4;
const SLOW_DOWN = 'You are sending commands too fast';

/** Every bot message's text (content or embed description) in a channel. */
function texts(discord: Emulator, channel: ChannelHandle): string[] {
  return discord
    .messages(channel)
    .filter((m) => m.author.bot === true)
    .map((m) => m.content || (m.embeds ?? []).map((e) => e.description ?? '').join(' '));
}

describe.skipIf(redisUrl === undefined)(
  `limits shared by a clustered bot${redisUrl === undefined ? ' (skipped: ZORYX_TEST_REDIS_URL is not set)' : ''}`,
  () => {
    let discord: Emulator;
    let guild: GuildHandle;
    let aliceRoom: ChannelHandle;
    let bobRoom: ChannelHandle;
    let alice: UserHandle;
    let bob: UserHandle;
    let carol: UserHandle;
    let carolRoom: ChannelHandle;
    let dir: string;
    let env: NodeJS.ProcessEnv;
    let prefix: string;
    const children: ChildProcess[] = [];

    beforeAll(async () => {
      discord = await startEmulator({ heartbeatInterval: 60_000, replyTimeout: 60_000 });
      guild = discord.createGuild({ name: 'Limits' });
      aliceRoom = guild.createChannel({ name: 'alice' });
      bobRoom = guild.createChannel({ name: 'bob' });
      carolRoom = guild.createChannel({ name: 'carol' });
      alice = discord.createUser({ username: 'alice' });
      bob = discord.createUser({ username: 'bob' });
      guild.addMember(alice);
      guild.addMember(bob);
      carol = discord.createUser({ username: 'carol' });
      guild.addMember(carol);
      dir = await writeClusterBot('limits', {
        extensions: ['echo', 'hello'],
        commands: {
          echo: { cooldown: { limit: 1_000_000, windowSeconds: 1 } },
          hello: { cooldown: { limit: 2, windowSeconds: 600 } },
        },
        intake: { commandsPerUser: { limit: INTAKE_LIMIT, windowSeconds: 600 } },
      });
      prefix = testPrefix('limits');
      env = roleEnv(discord, redisUrl!, prefix);
      children.push(await startRole(dir, env, 'gateway'));
    }, 120_000);

    afterAll(async () => {
      for (const child of children) await stopRole(child);
      await discord?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('holds the per-user intake limit and a cooldown across two workers', async () => {
      const workerA = await startRole(dir, env, 'worker');
      children.push(workerA);
      // Worker A alone: three of alice's four commands, one of bob's two `hello`s.
      const byA: string[] = [];
      for (let n = 0; n < INTAKE_LIMIT - 1; n += 1) {
        byA.push((await alice.send(aliceRoom, `!echo a-${n}`).reply()).content);
      }
      byA.push((await bob.send(bobRoom, '!hello').reply()).content);
      expect(byA.every((text) => text.endsWith(`by ${workerA.pid}`))).toBe(true);

      // Worker B takes over. Counting per worker it would answer alice four more times.
      await stopRole(workerA);
      const workerB = await startRole(dir, env, 'worker');
      children.push(workerB);
      expect((await alice.send(aliceRoom, `!echo a-${INTAKE_LIMIT - 1}`).reply()).content).toBe(
        `a-${INTAKE_LIMIT - 1} by ${workerB.pid}`,
      );
      const notice = await alice.send(aliceRoom, '!echo over-1').reply();
      expect(notice.embeds[0]?.description).toContain(SLOW_DOWN);
      for (let n = 2; n <= 5; n += 1) alice.send(aliceRoom, `!echo over-${n}`);
      // bob: his second `hello` is answered, the third is refused by the shared cooldown.
      expect((await bob.send(bobRoom, '!hello').reply()).content).toBe(`hello by ${workerB.pid}`);
      const cooled = await bob.send(bobRoom, '!hello').reply();
      expect(cooled.embeds[0]?.description).toContain('on cooldown');
      // The counters are where the README says; once all nine of alice's commands are counted
      // (refusals are decided when counted), a last answer to bob shows B is past them.
      const redis = new Redis(redisUrl!);
      try {
        const aliceKey = `${prefix}:limit:intake:commands:${alice.id}`;
        await expect
          .poll(async () => Number(await redis.get(aliceKey)), { timeout: 60_000, interval: 100 })
          .toBe(INTAKE_LIMIT + 5);
        expect(await redis.keys(`${prefix}:limit:*`)).toEqual(
          expect.arrayContaining([
            aliceKey,
            `${prefix}:limit:intake:commands:${bob.id}`,
            `${prefix}:limit:cooldown:hello:${bob.id}`,
          ]),
        );
        expect(await redis.pttl(aliceKey)).toBeGreaterThan(0);
      } finally {
        redis.disconnect();
      }
      await bob.send(bobRoom, '!echo barrier').reply();
      const aliceTexts = texts(discord, aliceRoom);
      expect(aliceTexts.filter((t) => /^a-\d+ by \d+$/.test(t))).toHaveLength(INTAKE_LIMIT);
      expect(aliceTexts.filter((t) => t.includes(SLOW_DOWN))).toHaveLength(1);
      expect(aliceTexts.some((t) => t.startsWith('over-'))).toBe(false);
    }, 180_000);

    it('bounds a burst of 40 commands from one member to the limit while two workers consume at once', async () => {
      // Worker B from the test above, and C beside it: the burst is spread over both.
      children.push(await startRole(dir, env, 'worker'));
      for (let n = 0; n < 40; n += 1) carol.send(carolRoom, `!echo c-${n}`);
      const redis = new Redis(redisUrl!);
      try {
        // Every one of the 40 was counted once, whichever worker took it.
        await expect
          .poll(
            async () => Number(await redis.get(`${prefix}:limit:intake:commands:${carol.id}`)),
            {
              timeout: 90_000,
              interval: 200,
            },
          )
          .toBe(40);
      } finally {
        redis.disconnect();
      }
      // Decided when counted (hits 1–4 admitted, hit 5 notified): wait for those answers to land.
      const answered = () => {
        const all = texts(discord, carolRoom);
        return (
          all.filter((t) => /^c-\d+ by \d+$/.test(t)).length >= INTAKE_LIMIT &&
          all.some((t) => t.includes(SLOW_DOWN))
        );
      };
      await discord.waitFor(answered, {
        timeout: 30_000,
        description: "carol's admitted commands and her notice answered",
      });
      const carolTexts = texts(discord, carolRoom);
      expect(carolTexts.filter((t) => /^c-\d+ by \d+$/.test(t))).toHaveLength(INTAKE_LIMIT);
      expect(carolTexts.filter((t) => t.includes(SLOW_DOWN))).toHaveLength(1);
    }, 180_000);
  },
);
