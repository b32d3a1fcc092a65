// The dashboard in a supervised bot (`zoryx start`: @zoryx/cli's runBot, gateway in the
// supervisor, the bot and its extensions in a worker thread): `/metrics` exports the relay's lag
// the worker counts, and it grows with the commands relayed. Against the emulator, with the built
// worker entry of @zoryx/cli and this package's dist (turbo builds both before this test).
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type RunningBot, runBot } from '@zoryx/cli';
import { type ChannelHandle, type Emulator, startEmulator, type UserHandle } from '@zoryx/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let discord: Emulator;
let owner: UserHandle;
let general: ChannelHandle;
let dir: string;
let running: RunningBot | undefined;
let port: number;

/** A port free right now on 127.0.0.1 (the dashboard's, chosen here: the bot runs in a worker). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise((done) => server.close(done));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

beforeAll(async () => {
  discord = await startEmulator({ heartbeatInterval: 60_000 });
  owner = discord.createUser({ username: 'owner' });
  general = discord.createGuild({ name: 'Metrics', owner }).createChannel({ name: 'general' });
  dir = await mkdtemp(join(tmpdir(), 'zoryx-dashboard-supervised-'));
  await mkdir(join(dir, 'node_modules', '@zoryx'), { recursive: true });
  await symlink(
    resolve(import.meta.dirname, '..'),
    join(dir, 'node_modules', '@zoryx', 'dashboard'),
    'junction',
  );
  port = await freePort();
  await writeFile(
    join(dir, 'config.json'),
    JSON.stringify({
      logging: { level: 'error', file: false },
      components: { statusRotation: false },
      extensions: {
        packages: ['@zoryx/dashboard'],
        config: { dashboard: { port, printLoginLink: false } },
      },
    }),
  );
  const quiet = () => undefined;
  running = await runBot({
    cwd: dir,
    env: {
      ...process.env,
      // No boot bundle build after the start: it is @zoryx/cli's to test, and its low-priority
      // child would only compete with the other suites' own builds.
      ZORYX_BOOT_BUNDLE: 'off',
      DISCORD_TOKEN: discord.token,
      ZORYX_DISCORD_API: discord.apiUrl,
      BOT_OWNER_ID: owner.id,
    },
    handleSignals: false,
    standby: false,
    logger: { debug: quiet, info: quiet, warn: quiet, error: quiet },
  });
}, 90_000);

afterAll(async () => {
  await running?.close('test done');
  await discord?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
}, 30_000);

/** `zoryx_relay_lag_seconds_count{stage}` now (`/metrics` reuses an exposition for 1 s). */
async function relayed(stage: 'arrival' | 'handoff'): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  expect(text).toContain('# TYPE zoryx_relay_lag_seconds histogram');
  const line = new RegExp(`^zoryx_relay_lag_seconds_count\\{stage="${stage}"\\} (\\d+)$`, 'm');
  const match = line.exec(text);
  expect(match, `/metrics counts the ${stage} stage`).not.toBeNull();
  return Number(match?.[1]);
}

/** Polls until `stage` counts at least `n` events (30 s at most). */
async function relayedAtLeast(stage: 'arrival' | 'handoff', n: number): Promise<number> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const count = await relayed(stage);
    if (count >= n || Date.now() > deadline) return count;
    await new Promise((done) => setTimeout(done, 250));
  }
}

describe('the dashboard of a supervised bot', () => {
  it("exports the relay's lag on /metrics, counting every relayed event", async () => {
    const before = await relayed('handoff');
    // Each message is a relayed MESSAGE_CREATE (and the bot answers none: no prefix).
    for (let i = 0; i < 5; i++) owner.send(general, `hello ${i}`);
    expect(await relayedAtLeast('handoff', before + 5)).toBeGreaterThanOrEqual(before + 5);
    expect(await relayedAtLeast('arrival', before + 5)).toBeGreaterThanOrEqual(before + 5);
  });
});
