// The contract's other runner: `zoryx start` (supervised by default: the bot and its extensions
// run in a worker thread) against the emulator. `zoryx ext add` makes the running bot load the
// package and answer its slash command, with no restart; `zoryx ext remove` unloads it.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type Emulator, type GuildHandle, startEmulator } from '@zoryx/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, WORKSPACE, type World } from './e2e-world.js';
import { base } from './fixtures/extension-packages.js';

let world: World;
let emulator: Emulator;
let bot: ChildProcess;
let botOutput = '';
let guild: GuildHandle;

const registered = (name: string) => emulator.commands().some((c) => c.name === name);

beforeAll(async () => {
  world = await createWorld();
  await world.publish(base('1.0.0'));
  emulator = await startEmulator();
  const owner = emulator.createUser({ username: 'owner' });
  guild = emulator.createGuild({ name: 'Start Guild', owner });
  guild.createChannel({ name: 'general' });
  bot = spawn(process.execPath, [join(WORKSPACE, 'packages/cli/bin/zoryx.mjs'), 'start'], {
    cwd: world.botDir,
    env: {
      ...world.env,
      DISCORD_TOKEN: emulator.token,
      ZORYX_DISCORD_API: emulator.apiUrl,
      BOT_OWNER_ID: owner.id,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  bot.stdout?.on('data', (c: Buffer) => (botOutput += c.toString()));
  bot.stderr?.on('data', (c: Buffer) => (botOutput += c.toString()));
  await emulator
    .waitFor(() => registered('marketplace'), {
      timeout: 120_000,
      description: 'zoryx start registers /marketplace',
    })
    .catch((error: unknown) => {
      throw new Error(`${String(error)}\nbot output:\n${botOutput.slice(-3000)}`);
    });
}, 300_000);

afterAll(async () => {
  if (bot && bot.exitCode === null) {
    const gone = new Promise((r) => bot.once('exit', r));
    bot.kill('SIGINT');
    const timer = setTimeout(() => bot.kill('SIGKILL'), 20_000);
    await gone;
    clearTimeout(timer);
  }
  await emulator?.close();
  await world?.close();
  if (world && process.env.ZORYX_E2E_KEEP !== '1')
    await rm(world.root, { recursive: true, force: true });
}, 60_000);

describe('zoryx ext with a running zoryx start bot', () => {
  it('adds an extension the supervised bot loads live, and removes it again', async () => {
    const add = await world.zoryx(['ext', 'add', 'zx-base']);
    expect(add.code, `${add.stdout}\n${add.stderr}`).toBe(0);
    expect(add.stdout).toContain('live in the running bot (zx-base)');
    const config = JSON.parse(await readFile(join(world.botDir, 'config.json'), 'utf8'));
    expect(config.extensions.packages).toEqual(['@zoryx/marketplace', 'zx-base']);
    await emulator.waitFor(() => registered('zxbase'), {
      timeout: 30_000,
      description: '/zxbase registered',
    });
    const member = emulator.createUser({ username: 'asker' });
    guild.addMember(member);
    const reply = await member.slash(guild, 'zxbase').reply();
    expect(reply.content).toBe('zx-base answers v1.0.0');

    const removed = await world.zoryx(['ext', 'remove', 'zx-base']);
    expect(removed.stdout).toContain('removed zx-base (unloaded zx-base)');
    await emulator.waitFor(() => !registered('zxbase'), {
      timeout: 30_000,
      description: '/zxbase unregistered',
    });
  });
});
