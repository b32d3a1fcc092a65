import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { earlyStart } from './early-start.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zoryx-early-start-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const env = { DISCORD_TOKEN: 'token-1', ZORYX_DISCORD_API: 'http://127.0.0.1:1/api' };

describe('earlyStart: what the supervisor needs before the settings are read', () => {
  it('reads the token and API base from the environment, and .env under it', async () => {
    expect(await earlyStart({ cwd: dir, env }, undefined)).toEqual({
      token: 'token-1',
      apiBase: 'http://127.0.0.1:1/api',
    });
    await writeFile(join(dir, '.env'), 'DISCORD_TOKEN=from-dotenv\n');
    expect(await earlyStart({ cwd: dir, env: {} }, undefined)).toEqual({
      token: 'from-dotenv',
      apiBase: undefined,
    });
  });

  it("follows config.json's supervise (missing file or key: supervised, as createBot's defaults)", async () => {
    await writeFile(join(dir, 'config.json'), JSON.stringify({ prefix: '?' }));
    expect(await earlyStart({ cwd: dir, env }, undefined)).not.toBeNull();
    await writeFile(join(dir, 'config.json'), JSON.stringify({ supervise: false }));
    expect(await earlyStart({ cwd: dir, env }, undefined)).toBeNull();
    expect(await earlyStart({ cwd: dir, env }, true)).not.toBeNull();
    expect(await earlyStart({ cwd: dir, env, config: { supervise: false } }, undefined)).toBeNull();
  });

  it('leaves to the full settings read what only it reports properly', async () => {
    // No token (ZRX_CLI_NO_TOKEN), a malformed variable (ZRX_ENV_INVALID), a file that is not
    // JSON (ZRX_CONFIG_JSON) or a supervise that is not a boolean (ZRX_CONFIG_INVALID).
    expect(await earlyStart({ cwd: dir, env: {} }, undefined)).toBeNull();
    expect(
      await earlyStart({ cwd: dir, env: { ...env, ZORYX_DISCORD_API: 'not a url' } }, undefined),
    ).toBeNull();
    await writeFile(join(dir, 'config.json'), '{ "supervise": ');
    expect(await earlyStart({ cwd: dir, env }, undefined)).toBeNull();
    await writeFile(join(dir, 'config.json'), JSON.stringify({ supervise: 'yes' }));
    expect(await earlyStart({ cwd: dir, env }, undefined)).toBeNull();
    expect(await earlyStart({ cwd: dir, env }, false)).toBeNull();
  });

  it("passes config's data.dir as written, for the boot bundle's folder", async () => {
    await writeFile(join(dir, 'config.json'), JSON.stringify({ data: { dir: 'state' } }));
    expect(await earlyStart({ cwd: dir, env }, undefined)).toMatchObject({ dataDir: 'state' });
    expect(
      await earlyStart({ cwd: dir, env, config: { data: { dir: 'other' } } }, undefined),
    ).toMatchObject({ dataDir: 'other' });
    // Not JSON: the full settings read reports it; the supervisor may still start first.
    await writeFile(join(dir, 'config.json'), '{ torn');
    expect(await earlyStart({ cwd: dir, env }, true)).toEqual({
      token: 'token-1',
      apiBase: 'http://127.0.0.1:1/api',
      dataDir: undefined,
    });
  });
});
