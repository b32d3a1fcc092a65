import { execFileSync } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempRoot } from '../test/temp-root.js';
import { AtomicStore } from './atomic-store.js';
import type { StoreError } from './errors.js';
import { nodeFileSystem, type StoreFileSystem } from './file-system.js';

function osError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: injected`), { code });
}

/**
 * The real file system, with `count` failures of `code` injected into `method`. EBUSY, EACCES
 * (we may run as root, which bypasses permissions) and EMFILE cannot be provoked reliably here,
 * so these tests inject them; the EPERM test below provokes a real one with `chattr +i`.
 */
function flaky(method: 'rename' | 'open' | 'unlink' | 'readFile', code: string, count: number) {
  let left = count;
  const fs: StoreFileSystem = {
    ...nodeFileSystem,
    [method]: (...args: unknown[]) => {
      if (left > 0) {
        left--;
        return Promise.reject(osError(code));
      }
      return (nodeFileSystem[method] as (...a: unknown[]) => Promise<unknown>)(...args);
    },
  };
  return { fs, left: () => left };
}

describe('retries on transient errors', () => {
  it.each([
    ['rename', 'EBUSY'],
    ['rename', 'EPERM'],
    ['open', 'EMFILE'],
    ['open', 'EACCES'],
  ] as const)('%s failing with %s is retried and the write succeeds', async (method, code) => {
    const root = await tempRoot();
    const { fs, left } = flaky(method, code, 2);
    // fsync off so no spare temp file is pre-opened: the injected open failures hit the write.
    const store = new AtomicStore({ root, fs, retryDelayMs: 1, fsync: method !== 'open' });
    await store.writeJson('a.json', { ok: true });
    expect(left()).toBe(0);
    expect(JSON.parse(await readFile(path.join(root, 'a.json'), 'utf8'))).toEqual({ ok: true });
    expect(store.stats()).toMatchObject({ retries: 2, failures: 0, health: 'healthy' });
    await store.close();
    // Failed attempts left no temp files.
    expect((await readdir(root)).sort()).toEqual(['a.json', 'a.json.bak']);
  });

  it('gives up after `retries` retries with ZRX_STORE_WRITE; the old content stays', async () => {
    const root = await tempRoot();
    await writeFile(path.join(root, 'a.json'), '"old"');
    const { fs } = flaky('rename', 'EBUSY', 100);
    const store = new AtomicStore({ root, fs, retries: 2, retryDelayMs: 1 });
    const error = (await store.writeJson('a.json', 'new').catch((e) => e)) as StoreError;
    expect(error.code).toBe('ZRX_STORE_WRITE');
    expect(error.osCode).toBe('EBUSY');
    expect(error.file).toBe('a.json');
    expect(error.message).toContain('a.json');
    expect(store.stats()).toMatchObject({ retries: 2, failures: 1 });
    expect(await readFile(path.join(root, 'a.json'), 'utf8')).toBe('"old"');
    await store.close();
    expect(await readdir(root)).toEqual(['a.json']);
  });

  it('does not retry errors that will not go away', async () => {
    const { fs, left } = flaky('rename', 'ENOSPC', 5);
    const store = new AtomicStore({ root: await tempRoot(), fs, retryDelayMs: 1 });
    const error = (await store.writeJson('a.json', 1).catch((e) => e)) as StoreError;
    expect(error.code).toBe('ZRX_STORE_WRITE');
    expect(error.hint).toMatch(/disk space/);
    expect(left()).toBe(4);
    expect(store.stats().retries).toBe(0);
    await store.close();
  });

  it('retries reads and deletes too', async () => {
    const root = await tempRoot();
    await writeFile(path.join(root, 'a.json'), '1');
    const reads = flaky('readFile', 'EMFILE', 1);
    const s1 = new AtomicStore({ root, fs: reads.fs, retryDelayMs: 1 });
    expect(await s1.readJson('a.json')).toBe(1);
    await s1.close();
    const deletes = flaky('unlink', 'EBUSY', 1);
    const s2 = new AtomicStore({ root, fs: deletes.fs, retryDelayMs: 1 });
    expect(await s2.delete('a.json')).toBe(true);
    expect(s2.stats().retries).toBe(1);
    await s2.close();
  });
});

function canMakeImmutable(): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  try {
    execFileSync('sh', ['-c', 'command -v chattr'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(!canMakeImmutable())('a real EPERM (chattr +i, Linux as root)', () => {
  it('is retried until the file becomes writable again', async () => {
    const root = await tempRoot();
    const file = path.join(root, 'locked.json');
    await writeFile(file, '"old"');
    try {
      execFileSync('chattr', ['+i', file]);
    } catch {
      return; // file system without immutable flags (tmpfs…): nothing to test here
    }
    try {
      const store = new AtomicStore({ root, retries: 5, retryDelayMs: 100 });
      const write = store.writeJson('locked.json', 'new');
      // Event-driven: unlock once the store has met the EPERM and scheduled a retry.
      while (store.stats().retries === 0) await new Promise((resolve) => setImmediate(resolve));
      execFileSync('chattr', ['-i', file]);
      await write;
      expect(await readFile(file, 'utf8')).toBe('"new"\n');
      expect(store.stats().retries).toBeGreaterThanOrEqual(1);
      await store.close();
    } finally {
      execFileSync('chattr', ['-i', file], { stdio: 'ignore' });
    }
  });
});

describe('health', () => {
  it('goes healthy → degraded → critical with the failure rate', async () => {
    const root = await tempRoot();
    let failNext = false;
    const fs: StoreFileSystem = {
      ...nodeFileSystem,
      rename: (from, to) =>
        failNext ? Promise.reject(osError('EIO')) : nodeFileSystem.rename(from, to),
    };
    const store = new AtomicStore({ root, fs, fsync: false });
    for (let i = 0; i < 97; i++) await store.writeJson('ok.json', i);
    expect(store.stats().health).toBe('healthy');
    failNext = true;
    await store.writeJson('bad.json', 1).catch(() => undefined);
    expect(store.stats().failureRate).toBeCloseTo(1 / 98);
    expect(store.stats().health).toBe('degraded');
    for (let i = 0; i < 5; i++) await store.writeJson('bad.json', 1).catch(() => undefined);
    expect(store.stats().health).toBe('critical');
    expect(store.stats().failures).toBe(6);
    await store.close();
  });
});
