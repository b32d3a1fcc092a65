// SIGTERM to a supervisor process: the worker's bot shuts down gracefully (its shutdown() runs
// with reason "signal"), then the gateway session is closed and the process exits 0.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { ask, createWorld, FIXTURES, teardown, type World } from './harness.js';

let world: World | undefined;
let child: ChildProcess | undefined;

afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await teardown(world, undefined);
});

it('shuts the bot down and closes the session on SIGTERM', async () => {
  world = await createWorld();
  const marker = join(world.dir, 'shutdown-reason.txt');
  const running = spawn(process.execPath, [join(FIXTURES, 'supervise.mjs')], {
    env: {
      ...process.env,
      DISCORD_TOKEN: world.discord.token,
      ZORYX_DISCORD_API: world.discord.apiUrl,
      ZORYX_TEST_BOT_DIR: world.dir,
      ZORYX_TEST_SHUTDOWN_MARKER: marker,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child = running;
  const lines: string[] = [];
  running.stdout
    ?.setEncoding('utf8')
    .on('data', (chunk: string) => lines.push(...chunk.split('\n')));
  await world.discord.waitFor(() => lines.some((line) => line.includes('supervisor started')), {
    timeout: 60_000,
    description: 'the supervisor process to start',
  });
  expect(await ask(world, '!ping')).toBe('pong');
  const exited = once(running, 'exit');
  running.kill('SIGTERM');
  const [code] = await exited;
  expect(code).toBe(0);
  expect(await readFile(marker, 'utf8')).toBe('signal');
  expect(world.discord.gateway.connections()).toBe(0);
  expect(world.discord.gateway.identifyCount).toBe(1);
}, 90_000);
