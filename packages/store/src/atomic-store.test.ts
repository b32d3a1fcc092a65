import { existsSync } from 'node:fs';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempRoot } from '../test/temp-root.js';
import { AtomicStore } from './atomic-store.js';
import { StoreError } from './errors.js';

async function rejection(promise: Promise<unknown>): Promise<StoreError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StoreError);
  return error as StoreError;
}

describe('AtomicStore read/write', () => {
  it('writes JSON that a fresh store reads back, creating directories', async () => {
    const root = await tempRoot();
    const store = new AtomicStore({ root });
    await store.writeJson('guilds/123/settings.json', { prefix: '!', n: [1, 2] });
    await store.close();
    const disk = JSON.parse(await readFile(path.join(root, 'guilds/123/settings.json'), 'utf8'));
    expect(disk).toEqual({ prefix: '!', n: [1, 2] });
    const again = new AtomicStore({ root });
    expect(await again.readJson('guilds/123/settings.json')).toEqual({ prefix: '!', n: [1, 2] });
    await again.close();
  });

  it('returns undefined for a missing file and a missing directory', async () => {
    const store = new AtomicStore({ root: await tempRoot() });
    expect(await store.readJson('nope.json')).toBeUndefined();
    expect(await store.readJson('no/such/dir.json')).toBeUndefined();
    await store.close();
  });

  it('leaves no temp files behind and never names one *.json', async () => {
    const root = await tempRoot();
    const store = new AtomicStore({ root });
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.writeJson(`f${i % 3}.json`, { i })),
    );
    await store.close();
    // Each file and its last-good copy, nothing else.
    expect((await readdir(root)).sort()).toEqual([
      'f0.json',
      'f0.json.bak',
      'f1.json',
      'f1.json.bak',
      'f2.json',
      'f2.json.bak',
    ]);
  });

  it('snapshots data when the tick ends: a change in a later tick never leaks into the write', async () => {
    const store = new AtomicStore({ root: await tempRoot() });
    const data = { v: 1 };
    const written = store.writeJson('a.json', data);
    await Promise.resolve();
    data.v = 2;
    await written;
    expect(await store.readJson('a.json', { cache: false })).toEqual({ v: 1 });
    await store.close();
  });

  it('serialises only the last of a burst in one tick, so a replaced bad value cannot fail', async () => {
    const store = new AtomicStore({ root: await tempRoot() });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const calls = [store.writeJson('a.json', cyclic), store.writeJson('a.json', { ok: 1 })];
    await Promise.all(calls);
    expect(await store.readJson('a.json')).toEqual({ ok: 1 });
    expect(store.stats()).toMatchObject({ writes: 1, coalescedWrites: 1 });
    await store.close();
  });

  it('refuses values JSON cannot represent with ZRX_STORE_SERIALIZE', async () => {
    const store = new AtomicStore({ root: await tempRoot() });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect((await rejection(store.writeJson('a.json', cyclic))).code).toBe('ZRX_STORE_SERIALIZE');
    expect((await rejection(store.writeJson('a.json', 10n))).code).toBe('ZRX_STORE_SERIALIZE');
    expect((await rejection(store.writeJson('a.json', undefined))).code).toBe(
      'ZRX_STORE_SERIALIZE',
    );
    expect(await store.readJson('a.json')).toBeUndefined();
    await store.close();
  });

  it('deletes durably and reports whether the file existed', async () => {
    const root = await tempRoot();
    const store = new AtomicStore({ root });
    await store.writeJson('a.json', 1);
    expect(await store.readJson('a.json')).toBe(1);
    expect(await store.delete('a.json')).toBe(true);
    expect(await store.delete('a.json')).toBe(false);
    expect(await store.delete('missing/dir.json')).toBe(false);
    expect(await store.readJson('a.json')).toBeUndefined();
    expect(existsSync(path.join(root, 'a.json'))).toBe(false);
    expect(store.stats().deletes).toBe(1);
    await store.close();
  });

  it('keeps delete in order with writes queued around it', async () => {
    const store = new AtomicStore({ root: await tempRoot() });
    const a = store.writeJson('a.json', 1);
    const d = store.delete('a.json');
    const b = store.writeJson('a.json', 2);
    await Promise.all([a, d, b]);
    expect(await d).toBe(true);
    expect(await store.readJson('a.json', { cache: false })).toBe(2);
    await store.close();
  });

  it('writes compact JSON with indent 0 and works with fsync off', async () => {
    const root = await tempRoot();
    const store = new AtomicStore({ root, indent: 0, fsync: false });
    await store.writeJson('a.json', { a: [1] });
    expect(await readFile(path.join(root, 'a.json'), 'utf8')).toBe('{"a":[1]}\n');
    await store.close();
  });

  it('rejects calls after close with ZRX_STORE_CLOSED, after flushing pending writes', async () => {
    const root = await tempRoot();
    const store = new AtomicStore({ root });
    const pending = store.writeJson('late.json', { ok: true });
    await store.close();
    await pending;
    expect(JSON.parse(await readFile(path.join(root, 'late.json'), 'utf8'))).toEqual({ ok: true });
    expect((await rejection(store.writeJson('x.json', 1))).code).toBe('ZRX_STORE_CLOSED');
    expect((await rejection(store.readJson('x.json'))).code).toBe('ZRX_STORE_CLOSED');
    expect((await rejection(store.update('x.json', () => 1))).code).toBe('ZRX_STORE_CLOSED');
    expect((await rejection(store.delete('x.json'))).code).toBe('ZRX_STORE_CLOSED');
    // close removed the unused spare temp files
    expect((await readdir(root)).sort()).toEqual(['late.json', 'late.json.bak']);
  });

  it('validates options with ZRX_STORE_OPTIONS', () => {
    expect(() => new AtomicStore({ root: '' })).toThrow(StoreError);
    expect(() => new AtomicStore({ root: '/tmp', cacheSize: -1 })).toThrow(/cacheSize/);
    expect(() => new AtomicStore({ root: '/tmp', retries: 1.5 })).toThrow(/retries/);
    expect(() => new AtomicStore({ root: '/tmp', ttlMs: 0 })).toThrow(/ttlMs/);
  });

  it('reports an unusable root on the first operation', async () => {
    const root = await tempRoot();
    await writeFile(path.join(root, 'file'), 'x');
    const store = new AtomicStore({ root: path.join(root, 'file', 'sub') });
    const error = await rejection(store.readJson('a.json', { cache: false }));
    expect(error.code).toBe('ZRX_STORE_OPTIONS');
    await store.close();
  });
});

describe('AtomicStore and directories removed behind its back', () => {
  it('deleting a file whose directory was removed reports it missing', async () => {
    const root = await tempRoot();
    const store = new AtomicStore({ root });
    await store.writeJson('gone/a.json', 1);
    await rm(path.join(root, 'gone'), { recursive: true, force: true });
    expect(await store.delete('gone/a.json')).toBe(false);
    await store.close();
  });

  it('recreates a removed directory on the next write (its spare temp file went with it)', async () => {
    const root = await tempRoot();
    const store = new AtomicStore({ root });
    await store.writeJson('guild/1/a.json', 1);
    await rm(path.join(root, 'guild'), { recursive: true, force: true });
    expect(await store.readJson('guild/1/a.json', { cache: false })).toBeUndefined();
    await store.writeJson('guild/1/a.json', 2);
    expect(await readFile(path.join(root, 'guild/1/a.json'), 'utf8')).toBe('2\n');
    await store.close();
  });
});
