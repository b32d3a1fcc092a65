// End to end on real Redis and the emulator: an extension's settings changed on one worker
// (`bot.extensions.configure`, what the dashboard's settings form calls) are read by every other
// worker without a restart, each worker reloads the extension once, and a worker started later
// begins with them (its data folder is new). A gateway and worker processes on the built
// packages; each worker keeps its own SQLite data, so only Redis (`<prefix>:extconfig`) and the
// control channel carry the change.
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

describe.skipIf(redisUrl === undefined)(
  `extension settings shared by a clustered bot${redisUrl === undefined ? ' (skipped: ZORYX_TEST_REDIS_URL is not set)' : ''}`,
  () => {
    let discord: Emulator;
    let guild: GuildHandle;
    let room: ChannelHandle;
    let alice: UserHandle;
    let dir: string;
    let env: NodeJS.ProcessEnv;
    let prefix: string;
    const children: ChildProcess[] = [];
    let workers: ChildProcess[] = [];

    beforeAll(async () => {
      discord = await startEmulator({ heartbeatInterval: 60_000, replyTimeout: 60_000 });
      guild = discord.createGuild({ name: 'Settings' });
      room = guild.createChannel({ name: 'general' });
      alice = discord.createUser({ username: 'alice' });
      guild.addMember(alice);
      dir = await writeClusterBot('settings', {
        extensions: ['greet', 'settings'],
        commands: Object.fromEntries(
          ['greet', 'setgreeting'].map((name) => [
            name,
            { cooldown: { limit: 1_000_000, windowSeconds: 1 } },
          ]),
        ),
        intake: { commandsPerUser: false },
      });
      prefix = testPrefix('settings');
      env = roleEnv(discord, redisUrl!, prefix);
      children.push(await startRole(dir, env, 'gateway'));
      workers = await Promise.all([startRole(dir, env, 'worker'), startRole(dir, env, 'worker')]);
      children.push(...workers);
    }, 120_000);

    afterAll(async () => {
      for (const child of children) await stopRole(child);
      await discord?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    /** `!greet`'s answer: the greeting, how often greet was set up there, and the worker's pid. */
    const greet = async () => {
      const text = (await alice.send(room, '!greet').reply()).content;
      const match = /^(.*) loads (\d+) by (\d+)$/.exec(text);
      expect(match, text).not.toBeNull();
      return { greeting: match![1]!, loads: Number(match![2]), pid: Number(match![3]) };
    };

    /** Asks `!greet` until every running worker answered `greeting`; their latest answers. */
    const untilEveryWorkerSays = async (greeting: string) => {
      const latest = new Map<number, { greeting: string; loads: number }>();
      const done = () =>
        workers.every((w) => latest.get(w.pid!)?.greeting === greeting) &&
        latest.size === workers.length;
      for (let n = 0; n < 60 && !done(); n += 1) {
        const answer = await greet();
        latest.set(answer.pid, answer);
      }
      expect(Object.fromEntries(latest)).toEqual(
        Object.fromEntries(workers.map((w) => [w.pid!, expect.objectContaining({ greeting })])),
      );
      return latest;
    };

    it('applies a settings change made on one worker on every worker, reloading once each', async () => {
      await untilEveryWorkerSays('hello');
      const configured = await alice.send(room, '!setgreeting good-morning').reply();
      expect(configured.content).toMatch(/^configured by \d+$/);
      const latest = await untilEveryWorkerSays('good-morning');
      // Set up at start, then once for the change: the configure's own reload is not announced
      // as a plain reload as well.
      expect([...latest.values()].map((a) => a.loads)).toEqual([2, 2]);

      const redis = new Redis(redisUrl!);
      try {
        expect(JSON.parse((await redis.hget(`${prefix}:extconfig`, 'greet')) ?? 'null')).toEqual({
          greeting: 'good-morning',
        });
      } finally {
        redis.disconnect();
      }

      // A second change reaches every worker again (the others' overrides were in step).
      await alice.send(room, '!setgreeting good-evening').reply();
      const again = await untilEveryWorkerSays('good-evening');
      expect([...again.values()].map((a) => a.loads)).toEqual([3, 3]);
    }, 180_000);

    it('starts a new worker with the settings the others changed', async () => {
      const newcomer = await startRole(dir, env, 'worker');
      children.push(newcomer);
      for (const old of workers) await stopRole(old);
      workers = [newcomer];
      const answer = await greet();
      expect(answer).toEqual({ greeting: 'good-evening', loads: 1, pid: newcomer.pid });
    }, 120_000);
  },
);
