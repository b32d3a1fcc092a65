import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../config/schema.js';
import { createLogger } from './create-logger.js';
import { createErrorId } from './error-id.js';

describe('createLogger', () => {
  it('writes rotating files, keeps at most maxFiles old ones, and redacts secrets', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'zoryx-log-'));
    try {
      const logging = {
        ...defaultConfig().logging,
        dir: 'logs',
        maxFileSizeMb: 2 / 1024,
        maxFiles: 2,
      };
      const { logger, close, file } = createLogger({ logging, cwd: dir, console: false });
      expect(file).toBe(join(dir, 'logs', 'zoryx'));
      // pino-roll checks the size after each write its worker makes, so write in flushed batches.
      // On a loaded machine the worker may merge several batches into one write, so keep writing
      // (up to 200 batches) until a rotated file exists rather than assuming 6 batches suffice.
      const logs = join(dir, 'logs');
      const logFiles = async () =>
        (await readdir(logs).catch(() => [] as string[])).filter((f) => f.startsWith('zoryx'));
      for (let batch = 0; batch < 200; batch++) {
        for (let i = 0; i < 20; i++)
          logger.info({ token: 'super-secret', i }, 'line %d padding', i);
        await new Promise<void>((done) => logger.flush(() => done()));
        if (batch >= 5 && (await logFiles()).length > 1) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await close();
      const files = (await readdir(join(dir, 'logs'))).filter((f) => f.startsWith('zoryx'));
      expect(files.length).toBeGreaterThan(1);
      expect(files.length).toBeLessThanOrEqual(3);
      const text = (
        await Promise.all(files.map((f) => readFile(join(dir, 'logs', f), 'utf8')))
      ).join('');
      expect(text).toContain('[redacted]');
      expect(text).not.toContain('super-secret');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('createErrorId', () => {
  it('gives 8 unambiguous characters, different each time', () => {
    const ids = new Set(Array.from({ length: 1000 }, createErrorId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
  });
});
