import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  listedPackages,
  openBotFolder,
  restore,
  snapshot,
  unchangedSince,
  writeListedPackages,
} from './bot-folder.js';
import { withOperationLock } from './operation-lock.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zoryx-botfolder-test-'));
  await writeFile(join(dir, 'package.json'), '{ "name": "bot",   "dependencies": {} }');
  await writeFile(
    join(dir, 'config.json'),
    '{"prefix":"?","data":{"dir":"state"},"extensions":{"dir":"ext","packages":["a"]}}',
  );
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('bot folder', () => {
  it('detects the package manager from the lockfile and the state folder from data.dir', async () => {
    expect((await openBotFolder(dir)).packageManager).toBe('npm');
    await writeFile(join(dir, 'pnpm-lock.yaml'), "lockfileVersion: '9.0'\n");
    const folder = await openBotFolder(dir);
    expect(folder.packageManager).toBe('pnpm');
    expect(folder.stateDir).toBe(join(dir, 'state', 'marketplace'));
  });

  it('refuses a folder without package.json', async () => {
    await rm(join(dir, 'package.json'));
    await expect(openBotFolder(dir)).rejects.toMatchObject({ code: 'ZRX_MARKET_BOT_FOLDER' });
  });

  it('edits extensions.packages and restores every byte from a snapshot', async () => {
    const folder = await openBotFolder(dir);
    const taken = await snapshot(folder);
    await writeListedPackages(folder, ['a', 'zx-b']);
    expect(await listedPackages(folder)).toEqual(['a', 'zx-b']);
    const config = JSON.parse(await readFile(folder.configFile, 'utf8'));
    expect(config.extensions.dir).toBe('ext');
    await writeFile(folder.lockFile, '{}');
    expect(await unchangedSince(taken)).toBe(false);
    await restore(taken);
    expect(await unchangedSince(taken)).toBe(true);
    expect(await readFile(folder.configFile, 'utf8')).toBe(
      '{"prefix":"?","data":{"dir":"state"},"extensions":{"dir":"ext","packages":["a"]}}',
    );
  });

  it('runs one operation at a time and takes over a lock whose process is gone', async () => {
    const folder = await openBotFolder(dir);
    let release: () => void = () => undefined;
    const first = withOperationLock(
      folder,
      'add zx-a',
      () => new Promise<void>((r) => (release = r)),
    );
    await new Promise((r) => setTimeout(r, 20));
    await expect(withOperationLock(folder, 'add zx-b', async () => 1)).rejects.toMatchObject({
      code: 'ZRX_MARKET_BUSY',
      message: expect.stringContaining('add zx-a'),
    });
    release();
    await first;
    await writeFile(
      join(folder.stateDir, 'operation.lock'),
      JSON.stringify({ pid: 2 ** 22 + 17, operation: 'old' }),
    );
    expect(await withOperationLock(folder, 'add zx-c', async () => 'ran')).toBe('ran');
  });
});
