import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createBot } from '../../src/client/create-bot.js';

describe('one bot per data folder', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('refuses a second bot on the same folder, naming the holder, until the first shuts down', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'zoryx-lock-'));
    dirs.push(cwd);
    const options = {
      cwd,
      config: { logging: { file: false } },
      env: {},
      logger: pino({ level: 'silent' }),
      handleSignals: false,
    };
    const first = await createBot(options);
    const second = createBot(options);
    await expect(second).rejects.toMatchObject({
      code: 'ZRX_STORE_LOCKED',
      holder: { pid: process.pid },
    });
    await first.shutdown('test');
    const third = await createBot(options);
    expect(third.dataDir).toBe(first.dataDir);
    await third.shutdown('test');
  });
});
