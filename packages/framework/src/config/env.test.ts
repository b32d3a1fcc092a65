import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyEnv, loadDotEnv, readEnv } from './env.js';
import { defaultConfig } from './schema.js';

describe('readEnv', () => {
  it('reads token, owners, api base and toggles', () => {
    const env = readEnv({
      DISCORD_TOKEN: ' secret ',
      BOT_OWNER_ID: '123456789012345678, 223456789012345678',
      ZORYX_DISCORD_API: 'http://127.0.0.1:4000/api',
      ZORYX_AUTO_RELOAD: 'off',
      ZORYX_COMMAND_SYNC: 'yes',
    });
    expect(env.token).toBe('secret');
    expect(env.ownerIds).toEqual(['123456789012345678', '223456789012345678']);
    expect(env.apiBase).toBe('http://127.0.0.1:4000/api');
    expect(env.toggles).toEqual({ autoReload: false, commandSync: true });
  });

  it('names the variable when an owner id is malformed', () => {
    expect(() => readEnv({ BOT_OWNER_ID: '12,abc' })).toThrow(/BOT_OWNER_ID.*"12", "abc"/);
  });

  it('refuses a toggle that is not a boolean', () => {
    expect(() => readEnv({ ZORYX_AUTO_RELOAD: 'maybe' })).toThrow(/ZORYX_AUTO_RELOAD/);
  });

  it('lets the environment win over the file', () => {
    const config = applyEnv(
      { ...defaultConfig(), owners: ['111111111111111111'] },
      readEnv({
        BOT_OWNER_ID: '222222222222222222',
        ZORYX_LOG_LEVEL: 'debug',
        ZORYX_AUTO_RELOAD: '0',
      }),
    );
    expect(config.owners).toEqual(['111111111111111111', '222222222222222222']);
    expect(config.logging.level).toBe('debug');
    expect(config.autoReload).toBe(false);
  });
});

describe('loadDotEnv', () => {
  it('fills unset variables from .env without overriding set ones', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'zoryx-env-'));
    try {
      await writeFile(join(dir, '.env'), 'DISCORD_TOKEN=abc\nBOT_OWNER_ID="123456789012345678"\n');
      const env: Record<string, string | undefined> = { DISCORD_TOKEN: 'kept' };
      expect(await loadDotEnv(dir, env)).toEqual(['BOT_OWNER_ID']);
      expect(env).toEqual({ DISCORD_TOKEN: 'kept', BOT_OWNER_ID: '123456789012345678' });
      expect(await loadDotEnv(join(dir, 'missing'), env)).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
