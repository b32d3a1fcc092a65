// A guild the bot joins while the workers run: its GUILD_CREATE travels on the fan-out stream,
// the first message in it on the work stream, read by the workers on two connections. The
// worker must not hand that message to discord.js before the guild (discord.js would drop it):
// every first command in a new guild is answered. Real Redis, the emulator, a gateway and two
// worker processes from role.mjs.
import type { ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { type BotMessage, type Emulator, startEmulator } from '@zoryx/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisTestUrl, testPrefix } from '../src/testing/redis.js';
import { roleEnv, startRole, stopRole, writeClusterBot } from './role-processes.js';

const redisUrl = redisTestUrl();
const GUILDS = 30;

describe.skipIf(redisUrl === undefined)(
  `first messages in guilds joined while the workers run${redisUrl === undefined ? ' (skipped: ZORYX_TEST_REDIS_URL is not set)' : ''}`,
  () => {
    let discord: Emulator;
    let dir: string;
    const children: ChildProcess[] = [];

    beforeAll(async () => {
      discord = await startEmulator({ replyTimeout: 30_000 });
      // One guild from the start: the workers need a snapshot to start from.
      discord.createGuild({ name: 'Home' });
      dir = await writeClusterBot('new-guild', {
        extensions: ['echo'],
        commands: { echo: { cooldown: { limit: 1_000_000, windowSeconds: 1 } } },
        intake: { commandsPerUser: false },
      });
      const env = roleEnv(discord, redisUrl!, testPrefix('new-guild'));
      children.push(await startRole(dir, env, 'gateway'));
      children.push(...(await Promise.all([0, 1].map(() => startRole(dir, env, 'worker')))));
    }, 120_000);

    afterAll(async () => {
      for (const child of children) await stopRole(child);
      await discord?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('answers the first command in each of 30 guilds created one after another', async () => {
      const alice = discord.createUser({ username: 'alice' });
      const replies: Promise<BotMessage>[] = [];
      for (let i = 0; i < GUILDS; i += 1) {
        const guild = discord.createGuild({ name: `New ${i}` });
        const channel = guild.createChannel({ name: 'general' });
        guild.addMember(alice);
        // At once: the message follows its guild on the gateway by microseconds.
        const reply = alice.send(channel, `!echo g-${i}`).reply({ timeout: 30_000 });
        reply.catch(() => undefined); // reported below
        replies.push(reply);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const settled = await Promise.allSettled(replies);
      const unanswered = settled.flatMap((outcome, i) =>
        outcome.status === 'rejected' ? [`g-${i}`] : [],
      );
      expect(unanswered).toEqual([]);
    }, 120_000);
  },
);
