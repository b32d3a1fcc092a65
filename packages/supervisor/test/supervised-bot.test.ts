// A Zoryx bot (createBot + an extension folder) in a real worker thread behind the supervisor,
// against the emulator: it answers, survives a requested restart without a new IDENTIFY, gets the
// events sent while it restarted, and finds its guild state intact.

import { getHeapStatistics } from 'node:v8';
import type { Supervisor } from '@zoryx/supervisor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ask,
  createWorld,
  next,
  recordingLogger,
  superviseProbe,
  teardown,
  type World,
} from './harness.js';

let world: World;
let supervisor: Supervisor;
const logger = recordingLogger();

beforeAll(async () => {
  world = await createWorld();
  supervisor = await superviseProbe(world, { logger });
}, 60_000);

afterAll(async () => {
  await teardown(world, supervisor);
});

describe('a supervised Zoryx bot', () => {
  it('answers !ping from a worker thread, on a session identified once', async () => {
    expect(await ask(world, '!ping')).toBe('pong');
    expect(await ask(world, '!whoami')).toMatch(/^thread \d+$/);
    expect(world.discord.gateway.identifyCount).toBe(1);
    const stats = supervisor.stats();
    expect(stats.state).toBe('running');
    expect(stats.worker).toMatchObject({ id: 1, phase: 'serving' });
    expect(stats.shards).toEqual({ shardIds: [0], shardCount: 1 });
    expect(stats.cache.guilds).toBe(1);
  });

  it("gives the worker this process's own heap limit by default (what the bot has in one process)", async () => {
    const own = getHeapStatistics().heap_size_limit;
    // The heartbeat (every 500 ms) reports the worker's limit: its old generation, plus the young one.
    await world.discord.waitFor(() => (supervisor.stats().worker?.heapLimit ?? 0) > 0);
    const limit = supervisor.stats().worker?.heapLimit ?? 0;
    expect(limit).toBeGreaterThanOrEqual(Math.floor(own / 1_048_576) * 1_048_576);
    expect(limit).toBeLessThan(own + 128 * 1_048_576);
  });

  it('restarts on request into a new thread, keeps the session and delivers what arrived meanwhile', async () => {
    const before = await ask(world, '!whoami');
    const started = next(supervisor, 'worker_started');
    const restarted = next(supervisor, 'worker_restarted');
    const restart = supervisor.restartWorker({ detail: 'test' });
    // The old worker is told to stop synchronously: these arrive while no worker serves.
    world.alice.send(world.general, 'note:one');
    world.alice.send(world.general, 'note:two');
    await restart;
    const event = await restarted;
    expect(event).toMatchObject({ reason: 'requested', detail: 'test', previousWorkerId: 1 });
    expect(event.workerId).toBeGreaterThan(1);
    expect((await started).reason).toBe('requested');
    expect(await ask(world, '!whoami')).not.toBe(before);
    expect(await ask(world, '!seen')).toBe('notes=one,two');
    expect(world.discord.gateway.identifyCount).toBe(1);
  });

  it("counts the relay's lag of every live event, a restart's buffered ones with their wait", async () => {
    // The notes above waited in the buffer while the old worker stopped and the new one started
    // (a new thread: hundreds of ms); the heartbeat (every 500 ms) reports what was handed over.
    const waited = () => supervisor.stats().relayLag;
    await world.discord.waitFor(
      () => waited().arrival.maxMs >= 20 && waited().handoff.maxMs >= 20,
      {
        timeout: 5_000,
      },
    );
    const { arrival, handoff } = waited();
    // Two !ping/!whoami rounds, the notes, !seen and more: each counted once at each stage.
    expect(arrival.count).toBeGreaterThanOrEqual(6);
    expect(handoff.count).toBe(arrival.count);
    expect(handoff.p50Ms).toBeGreaterThan(0);
    expect(handoff.p50Ms).toBeLessThanOrEqual(handoff.p99Ms);
    for (const stage of ['arrival', 'handoff'] as const) {
      const histogram = supervisor.relayLagHistogram(stage);
      expect(histogram.counts).toHaveLength(histogram.boundsMs.length + 1);
      expect(histogram.counts.reduce((sum, n) => sum + n, 0)).toBe(waited()[stage].count);
    }
  });

  it('gives a restarted worker the guild as it is now: channels, members, roles, counts', async () => {
    world.guild.createChannel({ name: 'before-restart' });
    const bob = world.discord.createUser({ username: 'bob' });
    world.guild.addMember(bob);
    await world.discord.waitFor(() => supervisor.stats().cache.members >= 4);
    await supervisor.restartWorker();
    // Changes while the next worker starts are buffered and applied after its snapshot.
    const restart = supervisor.restartWorker();
    world.guild.createChannel({ name: 'during-restart' });
    world.guild.createRole({ name: 'moderators' });
    const carol = world.discord.createUser({ username: 'carol' });
    world.guild.addMember(carol);
    world.guild.removeMember(bob);
    await restart;
    const state = await ask(world, '!state');
    expect(state).toContain('channels=before-restart,during-restart,general ');
    expect(state).toContain('members=Zoryx Bot,alice,carol,supervised-owner ');
    expect(state).toContain('roles=@everyone,Zoryx Bot,moderators ');
    expect(state).toContain('count=4');
    expect(world.discord.gateway.identifyCount).toBe(1);
  });

  it('uses the standby worker for a restart once it has loaded', async () => {
    await world.discord.waitFor(() => supervisor.stats().standby?.loaded === true, {
      timeout: 30_000,
      description: 'a loaded standby',
    });
    const standbyId = supervisor.stats().standby?.id;
    const started = next(supervisor, 'worker_started');
    await supervisor.restartWorker();
    expect(await started).toMatchObject({ workerId: standbyId, standby: true });
    expect(await ask(world, '!ping')).toBe('pong');
    const fresh = next(supervisor, 'worker_started');
    await supervisor.restartWorker({ fresh: true });
    expect((await fresh).standby).toBe(false);
  });

  it('logs every worker start, and nothing at error level', () => {
    expect(logger.lines.filter((line) => line.level === 'error')).toEqual([]);
    expect(
      logger.lines.filter((line) => line.message === 'worker serving').length,
    ).toBeGreaterThanOrEqual(5);
  });
});
