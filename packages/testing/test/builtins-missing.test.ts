import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBot, TestingError } from '../src/index.js';

// @zoryx/testing does not depend on @zoryx/builtins, so neither a bare folder nor this
// package's working directory resolves it.
describe('builtins without @zoryx/builtins installed', () => {
  let userDir: string;
  beforeAll(async () => {
    userDir = await mkdtemp(join(tmpdir(), 'zoryx-user-bot-'));
  });
  afterAll(async () => {
    await rm(userDir, { recursive: true, force: true });
  });

  it('fails with ZRX_TESTING_BUILTINS_MISSING naming where it looked, before starting anything', async () => {
    const error = await createTestBot({ dir: userDir, builtins: ['core'] }).catch((e) => e);
    expect(error).toBeInstanceOf(TestingError);
    expect(error.code).toBe('ZRX_TESTING_BUILTINS_MISSING');
    expect(error.message).toContain('@zoryx/builtins');
    expect(error.message).toContain(userDir);
    expect(error.message).toContain(process.cwd());
    expect(error.hint).toMatch(/npm install @zoryx\/builtins/);
    expect(await readdir(userDir)).toEqual([]);
  });

  it('fails with ZRX_TESTING_DIR for a folder that does not exist', async () => {
    const missing = join(userDir, 'nope');
    await expect(createTestBot({ dir: missing })).rejects.toMatchObject({
      code: 'ZRX_TESTING_DIR',
    });
  });
});
