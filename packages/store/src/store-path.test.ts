import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempRoot } from '../test/temp-root.js';
import { AtomicStore } from './atomic-store.js';
import type { StoreError } from './errors.js';
import { isInside, normaliseStorePath } from './store-path.js';

const code = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (e: StoreError) => e.code,
  );

describe('normaliseStorePath', () => {
  it('normalises relative paths', () => {
    expect(normaliseStorePath('a/../b.json')).toBe('b.json');
    expect(normaliseStorePath('./x//y/./z.json')).toBe('x/y/z.json');
    expect(normaliseStorePath('x\\y.json')).toBe('x/y.json');
  });

  it.each([
    ['', 'empty'],
    ['/etc/passwd', 'absolute'],
    ['C:\\Windows\\x.json', 'drive letter'],
    ['C:x.json', 'drive-relative'],
    ['\\\\server\\share\\x.json', 'UNC'],
    ['../x.json', 'parent'],
    ['a/../../x.json', 'escapes after normalising'],
    ['..', 'parent itself'],
    ['.', 'the root'],
    ['dir/', 'a directory'],
    ['a\0b.json', 'NUL byte'],
  ])('refuses %j (%s) with ZRX_STORE_PATH', (input) => {
    expect(() => normaliseStorePath(input)).toThrow(
      expect.objectContaining({ code: 'ZRX_STORE_PATH' }),
    );
  });

  it('isInside compares whole path segments', () => {
    expect(isInside('/data', '/data/x')).toBe(true);
    expect(isInside('/data', '/data')).toBe(true);
    expect(isInside('/data', '/database/x')).toBe(false);
    expect(isInside('/data', '/')).toBe(false);
  });
});

describe('AtomicStore path safety', () => {
  it('refuses escaping paths on every method without touching the disk outside', async () => {
    const root = await tempRoot();
    const store = new AtomicStore({ root: path.join(root, 'store') });
    for (const bad of ['../outside.json', '/tmp/x.json', 'a\0.json']) {
      expect(await code(store.writeJson(bad, 1))).toBe('ZRX_STORE_PATH');
      expect(await code(store.readJson(bad))).toBe('ZRX_STORE_PATH');
      expect(await code(store.update(bad, () => 1))).toBe('ZRX_STORE_PATH');
      expect(await code(store.delete(bad))).toBe('ZRX_STORE_PATH');
      expect(() => store.invalidate(bad)).toThrow(
        expect.objectContaining({ code: 'ZRX_STORE_PATH' }),
      );
    }
    await expect(readFile(path.join(root, 'outside.json'))).rejects.toThrow();
    await store.close();
  });

  it('refuses a directory symlink leading outside the root, for reads and writes', async () => {
    const base = await tempRoot();
    const outside = path.join(base, 'outside');
    const root = path.join(base, 'root');
    await mkdir(outside);
    await mkdir(root);
    await writeFile(path.join(outside, 'secret.json'), '{"secret":true}');
    await symlink(outside, path.join(root, 'link'));
    const store = new AtomicStore({ root });
    expect(await code(store.readJson('link/secret.json'))).toBe('ZRX_STORE_PATH');
    expect(await code(store.writeJson('link/evil.json', 1))).toBe('ZRX_STORE_PATH');
    expect(await code(store.writeJson('link/deeper/evil.json', 1))).toBe('ZRX_STORE_PATH');
    expect(await code(store.update('link/secret.json', () => 1))).toBe('ZRX_STORE_PATH');
    expect(await code(store.delete('link/secret.json'))).toBe('ZRX_STORE_PATH');
    expect(await readFile(path.join(outside, 'secret.json'), 'utf8')).toBe('{"secret":true}');
    await expect(readFile(path.join(outside, 'evil.json'))).rejects.toThrow();
    expect(store.stats().failures).toBe(0); // the caller's mistake, not an I/O failure
    await store.close();
  });

  it('refuses reading a file symlink leading outside, allows one staying inside', async () => {
    const base = await tempRoot();
    const root = path.join(base, 'root');
    await mkdir(root);
    await writeFile(path.join(base, 'secret.json'), '{"secret":true}');
    await writeFile(path.join(root, 'real.json'), '{"ok":true}');
    await symlink(path.join(base, 'secret.json'), path.join(root, 'leak.json'));
    await symlink(path.join(root, 'real.json'), path.join(root, 'alias.json'));
    const store = new AtomicStore({ root });
    expect(await code(store.readJson('leak.json'))).toBe('ZRX_STORE_PATH');
    expect(await store.readJson('alias.json')).toEqual({ ok: true });
    await store.close();
  });

  it('writing over a file symlink replaces the link, never the file outside', async () => {
    const base = await tempRoot();
    const root = path.join(base, 'root');
    await mkdir(root);
    await writeFile(path.join(base, 'target.json'), '"outside"');
    await symlink(path.join(base, 'target.json'), path.join(root, 'l.json'));
    const store = new AtomicStore({ root });
    await store.writeJson('l.json', 'inside');
    expect(await readFile(path.join(base, 'target.json'), 'utf8')).toBe('"outside"');
    expect(await store.readJson('l.json')).toBe('inside');
    await store.close();
  });

  it('allows a root that is itself reached through a symlink', async () => {
    const base = await tempRoot();
    await mkdir(path.join(base, 'real'));
    await symlink(path.join(base, 'real'), path.join(base, 'alias'));
    const store = new AtomicStore({ root: path.join(base, 'alias') });
    await store.writeJson('sub/a.json', 1);
    expect(await readFile(path.join(base, 'real/sub/a.json'), 'utf8')).toBe('1\n');
    await store.close();
  });
});
