// A worker over its heap limit (resourceLimits) is replaced, and the bot answers again.
import type { Supervisor } from '@zoryx/supervisor';
import { afterAll, beforeAll, expect, it } from 'vitest';
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
  // The probe bot uses ~30 MiB of heap; the hog command allocates ~16 MiB per millisecond.
  supervisor = await superviseProbe(world, { logger, watchdog: { memoryMb: 128 } });
}, 60_000);

afterAll(async () => {
  await teardown(world, supervisor);
});

it('replaces a worker that runs out of heap, without a new IDENTIFY', async () => {
  const crashed = next(supervisor, 'worker_crashed');
  const restarted = next(supervisor, 'worker_restarted');
  expect(await ask(world, '!hog')).toBe('hogging');
  const crash = await crashed;
  expect(crash.reason).toBe('memory');
  expect(crash.error?.code).toBe('ERR_WORKER_OUT_OF_MEMORY');
  expect(crash.activity).toBe('probe/hog');
  expect((await restarted).reason).toBe('memory');
  expect(await ask(world, '!ping')).toBe('pong');
  expect(world.discord.gateway.identifyCount).toBe(1);
  expect(logger.lines.map((line) => (line.data as { code?: string }).code)).toContain(
    'ZRX_SUPERVISOR_WORKER_OUT_OF_MEMORY',
  );
});
