// End to end on real Redis, real PostgreSQL and the emulator: one gateway process (with a hot
// standby gateway beside it) and three worker processes (node child processes running
// test/fixtures/role.mjs from the built packages) answer slash and prefix commands, each exactly
// once, through a kill -9 of a worker and of the gateway, and a restart of every worker, without
// a second IDENTIFY. ZORYX_E2E_COMMANDS scales the load (default 150 per phase, to keep CI
// short; the full size is 10,000). The emulator keeps its default RESUME buffer (2,000
// dispatches per session): the standby's takeover has to be short enough to fit in it.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type BotMessage,
  type ChannelHandle,
  type Emulator,
  type GuildHandle,
  startEmulator,
  type UserHandle,
} from '@zoryx/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTestUrl } from '../src/testing/postgres.js';
import { redisTestUrl, testPrefix } from '../src/testing/redis.js';

const redisUrl = redisTestUrl();
const databaseUrl = databaseTestUrl();
/** Whether the built framework has the settings sync hook the workers use. */
const HAS_SETTINGS_SYNC = 'settingsSync' in (await import('@zoryx/framework/internals'));
const COMMANDS = Number(process.env.ZORYX_E2E_COMMANDS ?? 150);
/**
 * How long the replies of one phase may take, and a phase's time limit: generous, and growing
 * with ZORYX_E2E_COMMANDS (three workers starved of CPU on a loaded machine answered ~30
 * commands/s).
 */
const REPLIES_MS = Math.max(120_000, COMMANDS * 100);
const PHASE_MS = Math.max(300_000, REPLIES_MS + 300_000);
/**
 * Discord's acknowledgement window for interactions, ms (`ZORYX_E2E_ACK_TIMEOUT`, e.g. 3000);
 * default off. On, a slash command whose answer comes later is refused (10062) and stays
 * unanswered: the phases then count those (reported, not failed) and still require every prefix
 * command answered and nothing answered twice. A measurement mode, not CI's.
 */
const ACK_MS = process.env.ZORYX_E2E_ACK_TIMEOUT
  ? Number(process.env.ZORYX_E2E_ACK_TIMEOUT)
  : undefined;
/** With the window on, an answer this late is not coming (a refused slash command). */
const REPLY_WAIT_MS = ACK_MS === undefined ? REPLIES_MS : 30_000;
/** Slash commands of each phase left unanswered (only with `ACK_MS`). */
const expired = new Map<string, number>();
/** The answers a phase of `count` commands must have: all but its expired slash commands. */
const answerable = (tag: string, count: number) => count - (expired.get(tag) ?? 0);
const FIXTURES = join(import.meta.dirname, 'fixtures');
const PSQL = '/usr/lib/postgresql/15/bin/psql';

interface World {
  discord: Emulator;
  guild: GuildHandle;
  general: ChannelHandle;
  alice: UserHandle;
  dir: string;
  env: NodeJS.ProcessEnv;
}

/** When a gateway took its shard leases and had its shards connected (ms since epoch). */
interface Takeover {
  leasedAt: number;
  connectedAt: number;
}

/** A gateway process: `standing` resolves once it waits as a standby, `ready` once it serves. */
interface GatewayProcess {
  child: ChildProcess;
  standing: Promise<void>;
  ready: Promise<Takeover>;
}

function spawnRole(world: World, role: 'gateway' | 'worker'): GatewayProcess {
  const child = spawn(process.execPath, [join(FIXTURES, 'role.mjs'), role, world.dir], {
    env: world.env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<never>((_, reject) =>
    child.on('exit', (code) => reject(new Error(`${role} exited early (${code})`))),
  );
  exited.catch(() => undefined);
  let output = '';
  const line = (word: string) =>
    Promise.race([
      exited,
      new Promise<string>((resolve) => {
        const look = () => {
          const match = new RegExp(`^${word}(.*)$`, 'm').exec(output);
          if (match) resolve(match[1] ?? '');
        };
        child.stdout?.on('data', look);
        look();
      }),
    ]);
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const standing = line('standby').then(() => undefined);
  const ready = line('ready').then((rest) => JSON.parse(rest.trim() || '{}') as Takeover);
  // Every process exits in the end: a promise nobody awaits any more must not report that.
  standing.catch(() => undefined);
  ready.catch(() => undefined);
  return { child, standing, ready };
}

async function startRole(world: World, role: 'gateway' | 'worker'): Promise<ChildProcess> {
  const started = spawnRole(world, role);
  await started.ready;
  return started.child;
}

/** Starts a gateway that waits as a hot standby (the shards are held), once it is waiting. */
async function startStandby(world: World): Promise<GatewayProcess> {
  const standby = spawnRole(world, 'gateway');
  await standby.standing;
  return standby;
}

function stop(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  // A child killed by a signal has no exit code but a signal code: it has exited too.
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

/**
 * Commands offered per second (default 1,000): one shard of a real bot receives events at a
 * bounded rate; a generator that put thousands on one session within a millisecond would test
 * the emulator's socket, not the cluster.
 */
const RATE = Number(process.env.ZORYX_E2E_RATE ?? 1_000);
/** Commands sent per tick of the generator (a tenth of a second's worth). */
const TICK = Math.max(1, Math.round(RATE / 10));
/**
 * Commands awaiting their answer at most (default 500): a bot that keeps up with its traffic,
 * as one must on Discord (an interaction answered after 3 s is refused). Sent open-loop (no
 * window), 10,000 commands piled minutes of backlog on three CPU-starved workers and an emulator
 * in one process; REST calls then timed out and were retried, which is a capacity test of this
 * machine rather than of the cluster (see the issue note).
 */
const WINDOW = Number(process.env.ZORYX_E2E_WINDOW ?? 500);

/**
 * Sends `count` commands (half slash, half prefix) tagged `tag-<n>` at `RATE` per second with at
 * most `WINDOW` unanswered, runs `during` once a third is out, and awaits every reply.
 */
async function load(world: World, tag: string, count: number, during?: () => Promise<void>) {
  const replies: Promise<BotMessage>[] = [];
  for (let n = 0; n < count; n += 1) {
    if (n >= WINDOW) await replies[n - WINDOW]!.catch(() => undefined);
    const text = `${tag}-${n}`;
    const action =
      n % 2 === 0
        ? world.alice.slash(world.guild, 'echo', { text }, { channel: world.general })
        : world.alice.send(world.general, `!echo ${text}`);
    const reply = action.reply({ timeout: REPLY_WAIT_MS });
    reply.catch(() => undefined); // reported below
    replies.push(reply);
    if (n === Math.floor(count / 3)) await during?.();
    else if (n % TICK === TICK - 1) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const settled = await Promise.allSettled(replies);
  const missing = { slash: 0, prefix: 0 };
  for (const [n, outcome] of settled.entries()) {
    if (outcome.status === 'rejected') missing[n % 2 === 0 ? 'slash' : 'prefix'] += 1;
  }
  if (ACK_MS === undefined || missing.prefix > 0) {
    const failed = settled.find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
  }
  if (ACK_MS !== undefined) {
    expired.set(tag, missing.slash);
    console.log(
      `phase ${tag}: ${count} commands; slash unanswered after Discord's ${ACK_MS} ms window: ${missing.slash} of ${Math.ceil(count / 2)}; prefix unanswered: ${missing.prefix}`,
    );
  }
  return settled.flatMap((outcome) =>
    outcome.status === 'fulfilled' ? [outcome.value.content] : [],
  );
}

/** The texts of `tag` answered more than once, with the pids that answered (should be none). */
function duplicates(world: World, tag: string): string[] {
  const by = new Map<string, string[]>();
  for (const message of world.discord.messages(world.general)) {
    const match = /^(\S+-\d+) by (\d+)$/.exec(message.content);
    if (match?.[1]?.startsWith(`${tag}-`))
      by.set(match[1], [...(by.get(match[1]) ?? []), match[2]!]);
  }
  return [...by]
    .filter(([, pids]) => pids.length > 1)
    .map(([text, pids]) => `${text} by ${pids.join('+')}`);
}

/** How many bot messages answer each text of `tag` in the channel and interaction replies. */
function answers(world: World, tag: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const message of world.discord.messages(world.general)) {
    const match = /^(\S+-\d+) by \d+$/.exec(message.content);
    if (match?.[1]?.startsWith(`${tag}-`)) counts.set(match[1], (counts.get(match[1]) ?? 0) + 1);
  }
  return counts;
}

describe.skipIf(redisUrl === undefined || databaseUrl === undefined)(
  `a clustered bot${redisUrl === undefined || databaseUrl === undefined ? ' (skipped: ZORYX_TEST_REDIS_URL or ZORYX_TEST_DATABASE_URL is not set)' : ''}`,
  () => {
    let world: World;
    let gateway: ChildProcess;
    let standby: GatewayProcess | undefined;
    let apiGone = false;
    let workers: ChildProcess[] = [];
    let database: string;

    beforeAll(async () => {
      database = `zoryx_cluster_e2e_${process.pid}`;
      execFileSync(PSQL, [databaseUrl!, '-qc', `create database ${database}`]);
      const pgUrl = new URL(databaseUrl!);
      pgUrl.pathname = `/${database}`;
      // Discord's 3 s acknowledgement window is off (ZORYX_E2E_ACK_TIMEOUT turns it on, see
      // ACK_MS): an interaction created just before a kill -9 of the gateway reaches a worker
      // only after the successor took over the shard lease and RESUMEd (seconds later); on
      // Discord that interaction is lost to the user whatever the bus does (10062). What this file proves is the bus and the RESUME: every event Discord
      // delivers or replays is handled exactly once.
      const discord = await startEmulator({
        heartbeatInterval: 60_000,
        replyTimeout: 120_000,
        interactionAckTimeout: ACK_MS ?? false,
      });
      const guild = discord.createGuild({ name: 'Cluster' });
      const general = guild.createChannel({ name: 'general' });
      const alice = discord.createUser({ username: 'alice' });
      guild.addMember(alice);
      const dir = await mkdtemp(join(tmpdir(), 'zoryx-cluster-e2e-'));
      await mkdir(join(dir, 'extensions', 'echo'), { recursive: true });
      await copyFile(
        join(FIXTURES, 'echo-extension.ts'),
        join(dir, 'extensions', 'echo', 'index.ts'),
      );
      await mkdir(join(dir, 'extensions', 'admin'), { recursive: true });
      await copyFile(
        join(FIXTURES, 'admin-extension.ts'),
        join(dir, 'extensions', 'admin', 'index.ts'),
      );
      await writeFile(
        join(dir, 'config.json'),
        JSON.stringify({
          logging: { file: false, level: 'warn' },
          autoReload: false,
          components: { statusRotation: false },
          // One user asks everything: no per-command cooldowns.
          commands: Object.fromEntries(
            ['echo', 'getlocale', 'setlocale', 'reloadecho'].map((name) => [
              name,
              { cooldown: { limit: 1_000_000, windowSeconds: 1 } },
            ]),
          ),
          // One user sends every command: the per-user intake limit would answer "slow down".
          intake: { commandsPerUser: false, unknownCommandReplies: false },
        }),
      );
      // Not the test runner's environment (vitest's variables change how a bot behaves).
      const env = {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DISCORD_TOKEN: discord.token,
        ZORYX_DISCORD_API: discord.apiUrl,
        ZORYX_REDIS_URL: redisUrl,
        ZORYX_DATABASE_URL: pgUrl.toString(),
        ZORYX_TEST_PREFIX: testPrefix('e2e'),
      };
      world = { discord, guild, general, alice, dir, env };
      gateway = await startRole(world, 'gateway');
      standby = await startStandby(world);
      workers = await Promise.all([0, 1, 2].map(() => startRole(world, 'worker')));
    }, 180_000);

    afterAll(async () => {
      for (const child of [...workers, gateway, standby?.child]) if (child) await stop(child);
      if (!apiGone) await world?.discord.close();
      if (world) await rm(world.dir, { recursive: true, force: true });
      if (database)
        execFileSync(PSQL, [
          databaseUrl!,
          '-qc',
          `drop database if exists ${database} with (force)`,
        ]);
    });

    it(
      'answers slash and prefix commands exactly once, spread over the workers',
      async () => {
        const replies = await load(world, 'a', COMMANDS);
        expect(replies).toHaveLength(answerable('a', COMMANDS));
        const counts = answers(world, 'a');
        expect(counts.size).toBe(answerable('a', COMMANDS));
        expect([...counts.values()].every((n) => n === 1)).toBe(true);
        const pids = new Set(replies.map((r) => r.split(' by ')[1]));
        expect(pids.size).toBeGreaterThan(1);
        expect(world.discord.gateway.identifyCount).toBe(1);
      },
      PHASE_MS,
    );

    it(
      'loses nothing and duplicates nothing when a worker and the gateway are killed -9 mid-run',
      async () => {
        const victim = workers[0]!;
        const successor = standby!;
        let outage: Record<string, number> = {};
        let nextStandby: Promise<GatewayProcess> | undefined;
        const replies = await load(world, 'b', COMMANDS, async () => {
          const resumes = world.discord.readyCount;
          const killedAt = Date.now();
          await Promise.all([stop(victim, 'SIGKILL'), stop(gateway, 'SIGKILL')]);
          // The standby takes the shard lease once the dead gateway's runs out, and RESUMEs.
          const takeover = await successor.ready;
          await world.discord.waitFor(() => world.discord.readyCount > resumes, {
            timeout: 60_000,
          });
          outage = {
            killToLease: takeover.leasedAt - killedAt,
            leaseToResumed: takeover.connectedAt - takeover.leasedAt,
            killToResumed: takeover.connectedAt - killedAt,
          };
          gateway = successor.child;
          // The next standby boots while the load goes on.
          nextStandby = startStandby(world);
        });
        standby = await nextStandby;
        // Reported, not asserted (no timing assertions): the note records it.
        console.log(`gateway kill -9 outage (ms): ${JSON.stringify(outage)}`);
        expect(replies).toHaveLength(answerable('b', COMMANDS));
        const counts = answers(world, 'b');
        expect(counts.size).toBe(answerable('b', COMMANDS));
        expect({ victim: victim.pid, duplicates: duplicates(world, 'b') }).toEqual({
          victim: victim.pid,
          duplicates: [],
        });
        expect(world.discord.gateway.identifyCount).toBe(1);
        workers[0] = await startRole(world, 'worker');
      },
      PHASE_MS,
    );

    it(
      'restarts every worker under load without a new IDENTIFY',
      async () => {
        const restart = async () => {
          const old = workers;
          workers = await Promise.all(old.map(() => startRole(world, 'worker')));
          for (const child of old) await stop(child);
        };
        const replies = await load(world, 'c', COMMANDS, restart);
        expect(replies).toHaveLength(answerable('c', COMMANDS));
        expect([...answers(world, 'c').values()].every((n) => n === 1)).toBe(true);
        expect(world.discord.gateway.identifyCount).toBe(1);
      },
      PHASE_MS,
    );

    /** Asks `command` as a prefix command; the answer and the pid of the worker that gave it. */
    const ask = async (command: string) => {
      const reply = await world.alice.send(world.general, `!${command}`).reply({ timeout: 60_000 });
      // An error answer is an embed: its text shows in a failed assertion.
      const text = reply.content || JSON.stringify(reply.embeds);
      return { text, pid: reply.content.split(' by ')[1] ?? '' };
    };
    /**
     * Asks `command` until every worker answered (consumers take turns) and, when `until` is
     * given, every worker's latest answer satisfies it (another worker applies a change a moment
     * after it was announced); the latest answer of each worker.
     */
    const fromEveryWorker = async (
      command: string,
      until: (text: string) => boolean = () => true,
    ) => {
      const seen = new Map<string, string>();
      const done = () => seen.size === workers.length && [...seen.values()].every(until);
      for (let n = 0; n < 200 && !done(); n += 1) {
        const { text, pid } = await ask(command);
        seen.set(pid, text);
        if (!until(text)) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return seen;
    };

    it.skipIf(!HAS_SETTINGS_SYNC)(
      `reads a guild setting written on one worker fresh on every other${HAS_SETTINGS_SYNC ? '' : ' (skipped: the built @zoryx/framework predates settingsSync; build it)'}`,
      async () => {
        // Every worker reads (and caches) the guild's settings first: no locale yet.
        const before = await fromEveryWorker('getlocale');
        expect(before.size).toBe(workers.length);
        expect([...before.values()].every((text) => text.startsWith('locale null '))).toBe(true);
        const setter = (await ask('setlocale fr')).pid;
        const after = await fromEveryWorker('getlocale', (text) => text.startsWith('locale fr '));
        expect(after.size).toBe(workers.length);
        expect([...after.keys()].filter((pid) => pid !== setter)).toHaveLength(workers.length - 1);
        expect([...after.values()].every((text) => text.startsWith('locale fr '))).toBe(true);
      },
      PHASE_MS,
    );

    it(
      'propagates a reload asked of one worker to every worker',
      async () => {
        const before = await fromEveryWorker('getlocale');
        expect(before.size).toBe(workers.length);
        expect([...before.values()].filter((text) => !/ loads 1 by /.test(text))).toEqual([]);
        await ask('reloadecho');
        const reloaded = await fromEveryWorker('getlocale', (text) => / loads 2 by /.test(text));
        expect(reloaded.size).toBe(workers.length);
        expect([...reloaded.values()].filter((text) => !/ loads 2 by /.test(text))).toEqual([]);
        // echo still answers after the reload, exactly once.
        const replies = await load(world, 'd', 30);
        expect(replies).toHaveLength(answerable('d', 30));
        expect([...answers(world, 'd').values()].every((n) => n === 1)).toBe(true);
      },
      PHASE_MS,
    );

    it('stops every worker on SIGTERM once the Discord API is gone', async () => {
      // Commands in flight when the API goes away: their replies retry against nothing, and a
      // worker's clean stop must not wait for them without end (it is bounded).
      const sent = Array.from({ length: COMMANDS }, (_, n) =>
        world.alice.send(world.general, `!echo e-${n}`),
      );
      await sent[0]!.reply({ timeout: 60_000 }); // the workers are busy with the rest
      apiGone = true;
      await world.discord.close();
      await Promise.all(workers.map((child) => stop(child)));
      // Each ended by itself (not killed by a signal). Its exit code may be 1: commands in flight
      // fail as the worker ends with no API to answer them, and the framework reports that.
      expect(workers.map((child) => child.signalCode)).toEqual(workers.map(() => null));
      expect(workers.every((child) => child.exitCode !== null)).toBe(true);
    }, 120_000);
  },
);
