// runBot spawns the worker before it validates the bot's settings (early-start.ts): an invalid
// setting must still be what the start rejects with — the settings' own coded error, not the
// failed worker's — and nothing may keep running. Against the emulator and the built worker entry
// (dist/supervised-worker.js: turbo builds it before the tests).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Emulator, startEmulator } from '@zoryx/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBot } from '../src/index.js';

let discord: Emulator;
let dir: string;
const quiet = () => undefined;

beforeAll(async () => {
  discord = await startEmulator({ heartbeatInterval: 60_000 });
  dir = await mkdtemp(join(tmpdir(), 'zoryx-run-bot-settings-'));
});
afterAll(async () => {
  await discord.close();
  await rm(dir, { recursive: true, force: true });
});

describe('runBot with settings that do not validate', () => {
  it('rejects with the config error after stopping the supervisor it started', async () => {
    // Valid JSON with `supervise` readable (so the worker is spawned first), invalid for the schema.
    await writeFile(join(dir, 'config.json'), JSON.stringify({ supervise: true, prefix: 42 }));
    const start = runBot({
      cwd: dir,
      env: { DISCORD_TOKEN: discord.token, ZORYX_DISCORD_API: discord.apiUrl },
      handleSignals: false,
      standby: false,
      logger: { debug: quiet, info: quiet, warn: quiet, error: quiet },
    });
    await expect(start).rejects.toMatchObject({ code: 'ZRX_CONFIG_INVALID' });
  });
});
