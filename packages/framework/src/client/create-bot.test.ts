import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../config/defaults.js';
import { createBot, createBotWithConfig } from './create-bot.js';

const OWNER = '123456789012345678';
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function folder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'zoryx-create-bot-'));
  dirs.push(dir);
  return dir;
}

const quiet = { logger: pino({ level: 'silent' }), handleSignals: false } as const;

describe('createBotWithConfig (runBot’s worker, handed a validated config)', () => {
  it('runs the given config with the environment’s overrides, and never reads or writes config.json', async () => {
    const cwd = await folder();
    const config = { ...defaultConfig(), prefix: '?', logging: { ...defaultConfig().logging } };
    const bot = await createBotWithConfig(
      { ...quiet, cwd, env: { BOT_OWNER_ID: OWNER }, configPath: join(cwd, 'missing.json') },
      config,
    );
    try {
      expect(bot.config.prefix).toBe('?');
      expect(bot.config.owners).toEqual([OWNER]);
      expect(existsSync(join(cwd, 'config.json'))).toBe(false);
      expect(existsSync(join(cwd, 'missing.json'))).toBe(false);
    } finally {
      await bot.shutdown('test');
    }
  });

  it('createBot still validates what it is given (an invalid in-code config rejects)', async () => {
    const cwd = await folder();
    await expect(
      createBot({ ...quiet, cwd, env: {}, config: { prefix: 'far too long' } }),
    ).rejects.toThrow(/prefix/);
    expect(existsSync(join(cwd, 'data'))).toBe(false);
  });
});

describe('client.runtime', () => {
  it('is null in one process, and what the hosting runtime passed otherwise', async () => {
    const alone = await createBot({ ...quiet, cwd: await folder(), env: {} });
    try {
      expect(alone.runtime).toBeNull();
    } finally {
      await alone.shutdown('test');
    }
    const counts = { boundsMs: [0.1, 1], counts: [3, 2, 1] };
    const runtime = {
      mode: 'supervised' as const,
      workerId: 4,
      relayLag: () => counts,
    };
    const bot = await createBot({ ...quiet, cwd: await folder(), env: {}, runtime });
    try {
      expect(bot.runtime).toBe(runtime);
      expect(bot.runtime?.relayLag('arrival').counts).toEqual([3, 2, 1]);
    } finally {
      await bot.shutdown('test');
    }
  });
});
