// Entries other than a Zoryx bot: a bare discord.js client on the relay, and entries that cannot
// start (the first worker must start, or startSupervisor rejects and closes the session).
import { join } from 'node:path';
import { type Supervisor, SupervisorError, startSupervisor } from '@zoryx/supervisor';
import { currentActivity, isSupervised, setActivity } from '@zoryx/supervisor/worker';
import { afterEach, describe, expect, it } from 'vitest';
import { ask, createWorld, FIXTURES, recordingLogger, teardown, type World } from './harness.js';

let world: World | undefined;
let supervisor: Supervisor | undefined;

afterEach(async () => {
  await teardown(world, supervisor);
  world = undefined;
  supervisor = undefined;
});

function supervise(w: World, entry: string) {
  return startSupervisor({
    entry: join(FIXTURES, entry),
    token: w.discord.token,
    apiBase: w.discord.apiUrl,
    handleSignals: false,
    standby: false,
    logger: recordingLogger(),
  });
}

describe('worker entries', () => {
  it('relays the session to a bare discord.js client, and its gateway sends to Discord', async () => {
    world = await createWorld();
    supervisor = await supervise(world, 'plain-client.mjs');
    expect(await ask(world, '!ping')).toBe('pong from worker 1');
    // Status 0 is discord.js's Ready; the presence update travels worker → supervisor → gateway.
    expect(await ask(world, '!presence')).toBe('shard status 0, guilds 1');
    await supervisor.restartWorker();
    expect(await ask(world, '!ping')).toBe('pong from worker 2');
    expect(world.discord.gateway.identifyCount).toBe(1);
  });

  it('rejects with ZRX_SUPERVISOR_WORKER_START_FAILED when the entry has no default function', async () => {
    world = await createWorld();
    const error: unknown = await supervise(world, 'no-default.mjs').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SupervisorError);
    expect((error as SupervisorError).code).toBe('ZRX_SUPERVISOR_WORKER_START_FAILED');
    expect((error as SupervisorError).message).toContain('has no default export function');
    // The session it opened was closed again.
    await world.discord.waitFor(() => world?.discord.gateway.connections() === 0);
  });

  it('rejects when the entry throws, with its error as the cause', async () => {
    world = await createWorld();
    const error: unknown = await supervise(world, 'throws.mjs').catch((e: unknown) => e);
    expect((error as SupervisorError).code).toBe('ZRX_SUPERVISOR_WORKER_START_FAILED');
    expect((error as SupervisorError).cause).toMatchObject({
      message: 'cannot start: no database',
    });
  });

  it('rejects a wrong token with ZRX_SUPERVISOR_GATEWAY_FAILED, before any worker starts', async () => {
    world = await createWorld();
    const error: unknown = await startSupervisor({
      entry: join(FIXTURES, 'plain-client.mjs'),
      token: 'wrong',
      apiBase: world.discord.apiUrl,
      handleSignals: false,
      logger: recordingLogger(),
    }).catch((e: unknown) => e);
    expect((error as SupervisorError).code).toBe('ZRX_SUPERVISOR_GATEWAY_FAILED');
  });

  it('validates options with ZRX_SUPERVISOR_OPTIONS_INVALID', async () => {
    const codeOf = (options: Parameters<typeof startSupervisor>[0]) =>
      startSupervisor(options).then(
        () => 'started',
        (e: SupervisorError) => e.code,
      );
    expect(await codeOf({ entry: 'bot.js', token: 't' })).toBe('ZRX_SUPERVISOR_OPTIONS_INVALID');
    expect(await codeOf({ entry: '/bot.js', token: 't', watchdog: { blockedMs: 0 } })).toBe(
      'ZRX_SUPERVISOR_OPTIONS_INVALID',
    );
    expect(await codeOf({ entry: '/bot.js', token: 't', intents: -1 })).toBe(
      'ZRX_SUPERVISOR_OPTIONS_INVALID',
    );
  });
});

describe('the worker API outside a supervised worker', () => {
  it('remembers the activity and reports that nothing supervises it', () => {
    expect(isSupervised()).toBe(false);
    expect(setActivity('outside')).toBeNull();
    expect(setActivity(null)).toBe('outside');
    expect(currentActivity()).toBeNull();
  });
});
