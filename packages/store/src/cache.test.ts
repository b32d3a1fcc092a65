import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempRoot } from '../test/temp-root.js';
import { AtomicStore } from './atomic-store.js';
import { LruTtlCache } from './lru-cache.js';

describe('LruTtlCache', () => {
  it('evicts the least recently used beyond capacity', () => {
    const cache = new LruTtlCache<number>(2, 1000, () => 0);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // a is now most recent
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
  });

  it('expires entries after the TTL of the injected clock', () => {
    let now = 0;
    const cache = new LruTtlCache<number>(10, 100, () => now);
    cache.set('a', 1);
    now = 99;
    expect(cache.get('a')).toBe(1);
    now = 100;
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('capacity 0 caches nothing', () => {
    const cache = new LruTtlCache<number>(0, 100, () => 0);
    cache.set('a', 1);
    expect(cache.get('a')).toBeUndefined();
  });
});

describe('AtomicStore cache', () => {
  it('serves repeated reads from the cache and counts hits and misses', async () => {
    const root = await tempRoot();
    const store = new AtomicStore({ root });
    await store.writeJson('a.json', { v: 1 });
    await store.readJson('a.json');
    // An edit behind the store's back is not seen while cached...
    await writeFile(path.join(root, 'a.json'), '{"v":2}');
    expect(await store.readJson('a.json')).toEqual({ v: 1 });
    expect(await store.readJson('a.json', { cache: false })).toEqual({ v: 2 });
    // ...until invalidated.
    store.invalidate('./a.json');
    expect(await store.readJson('a.json')).toEqual({ v: 2 });
    expect(store.stats()).toMatchObject({
      hits: 1,
      misses: 2,
      bypasses: 1,
      reads: 3,
      hitRate: 1 / 3,
    });
    await store.close();
  });

  it('expires cached files after ttlMs on the injected clock', async () => {
    let now = 1_000;
    const root = await tempRoot();
    const store = new AtomicStore({ root, ttlMs: 5_000, now: () => now });
    await store.writeJson('a.json', 1);
    await store.readJson('a.json');
    await writeFile(path.join(root, 'a.json'), '2');
    now += 4_999;
    expect(await store.readJson('a.json')).toBe(1);
    now += 1;
    expect(await store.readJson('a.json')).toBe(2);
    await store.close();
  });

  it('a write invalidates the cache; keepCached puts the written value in it', async () => {
    const root = await tempRoot();
    const store = new AtomicStore({ root });
    await store.writeJson('a.json', 1);
    await store.readJson('a.json');
    await store.writeJson('a.json', 2);
    expect(store.stats().cacheSize).toBe(0);
    expect(await store.readJson('a.json')).toBe(2);
    await store.writeJson('a.json', { v: 3 }, { keepCached: true });
    const misses = store.stats().misses;
    expect(await store.readJson('a.json')).toEqual({ v: 3 });
    expect(store.stats().misses).toBe(misses);
    await store.close();
  });

  it('update and delete invalidate the cache', async () => {
    const store = new AtomicStore({ root: await tempRoot() });
    await store.writeJson('a.json', 1);
    expect(await store.readJson('a.json')).toBe(1);
    await store.update<number>('a.json', (n) => (n ?? 0) + 1);
    expect(await store.readJson('a.json')).toBe(2);
    await store.delete('a.json');
    expect(await store.readJson('a.json')).toBeUndefined();
    await store.close();
  });

  it('a read racing a write never caches the old content', async () => {
    const store = new AtomicStore({ root: await tempRoot() });
    await store.writeJson('r.json', 0);
    for (let i = 1; i <= 30; i++) {
      const read = store.readJson('r.json');
      const write = store.writeJson('r.json', i);
      await Promise.all([read, write]);
      expect(await store.readJson('r.json')).toBe(i);
    }
    await store.close();
  });

  it('cached values are deep-frozen; cache:false returns a private copy', async () => {
    const store = new AtomicStore({ root: await tempRoot() });
    await store.writeJson('f.json', { list: [{ a: 1 }] });
    const shared = await store.readJson<{ list: { a: number }[] }>('f.json');
    expect(Object.isFrozen(shared?.list[0])).toBe(true);
    expect(() => {
      (shared as { list: { a: number }[] }).list[0]!.a = 2;
    }).toThrow(TypeError);
    const own = await store.readJson<{ list: { a: number }[] }>('f.json', { cache: false });
    own!.list[0]!.a = 2;
    expect(await store.readJson('f.json')).toEqual({ list: [{ a: 1 }] });
    await store.close();
  });

  it('clearCache drops everything; cacheSize bounds the cache', async () => {
    const store = new AtomicStore({ root: await tempRoot(), cacheSize: 2 });
    for (const f of ['a', 'b', 'c']) {
      await store.writeJson(`${f}.json`, f);
      await store.readJson(`${f}.json`);
    }
    expect(store.stats()).toMatchObject({ cacheSize: 2, cacheMax: 2 });
    store.clearCache();
    expect(store.stats().cacheSize).toBe(0);
    await store.close();
  });
});
