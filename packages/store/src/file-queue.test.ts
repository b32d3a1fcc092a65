import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempRoot } from '../test/temp-root.js';
import { AtomicStore } from './atomic-store.js';
import type { StoreError } from './errors.js';

describe('update: atomic read-modify-write', () => {
  it('1,000 concurrent increments give exactly 1,000', async () => {
    const root = await tempRoot();
    const store = new AtomicStore({ root });
    const results = await Promise.all(
      Array.from({ length: 1000 }, () => store.update<number>('count.json', (n) => (n ?? 0) + 1)),
    );
    expect(JSON.parse(await readFile(path.join(root, 'count.json'), 'utf8'))).toBe(1000);
    // Each caller got its own step, in call order.
    expect(results).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
    await store.close();
  });

  it('increments spread over many ticks and async functions are not lost either', async () => {
    const store = new AtomicStore({ root: await tempRoot() });
    const calls: Promise<unknown>[] = [];
    for (let i = 0; i < 200; i++) {
      calls.push(
        store.update<{ n: number }>('c.json', async (cur) => {
          await new Promise((resolve) => setImmediate(resolve));
          return { n: (cur?.n ?? 0) + 1 };
        }),
      );
      if (i % 7 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(calls);
    expect(await store.readJson('c.json', { cache: false })).toEqual({ n: 200 });
    await store.close();
  });

  it('runs update functions strictly one after another', async () => {
    const store = new AtomicStore({ root: await tempRoot() });
    let running = 0;
    let maxRunning = 0;
    await Promise.all(
      Array.from({ length: 50 }, () =>
        store.update<number>('s.json', async (n) => {
          running++;
          maxRunning = Math.max(maxRunning, running);
          await new Promise((resolve) => setImmediate(resolve));
          running--;
          return (n ?? 0) + 1;
        }),
      ),
    );
    expect(maxRunning).toBe(1);
    await store.close();
  });

  it('gives each update a fresh mutable copy, so results never alias', async () => {
    const store = new AtomicStore({ root: await tempRoot() });
    await store.writeJson('m.json', { list: [] as number[] });
    const results = await Promise.all(
      [1, 2, 3].map((x) =>
        store.update<{ list: number[] }>('m.json', (cur) => {
          cur?.list.push(x); // mutating the argument is allowed
          return cur ?? { list: [x] };
        }),
      ),
    );
    expect(results.map((r) => r.list)).toEqual([[1], [1, 2], [1, 2, 3]]);
    await store.close();
  });

  it('a throwing update rejects alone and leaves the value to the others', async () => {
    const store = new AtomicStore({ root: await tempRoot() });
    const boom = new Error('nope');
    const [a, b, c] = await Promise.allSettled([
      store.update<number>('t.json', (n) => (n ?? 0) + 1),
      store.update<number>('t.json', () => {
        throw boom;
      }),
      store.update<number>('t.json', (n) => (n ?? 0) + 10),
    ]);
    expect(a).toEqual({ status: 'fulfilled', value: 1 });
    expect(b).toEqual({ status: 'rejected', reason: boom });
    expect(c).toEqual({ status: 'fulfilled', value: 11 });
    expect(await store.readJson('t.json')).toBe(11);
    await store.close();
  });

  it('an update returning a non-JSON value rejects with ZRX_STORE_SERIALIZE', async () => {
    const store = new AtomicStore({ root: await tempRoot() });
    const error = await store.update('u.json', () => 1n).catch((e: unknown) => e);
    expect((error as StoreError).code).toBe('ZRX_STORE_SERIALIZE');
    expect(await store.readJson('u.json')).toBeUndefined();
    await store.close();
  });

  it('updates see writes queued before them, and writes after them win', async () => {
    const store = new AtomicStore({ root: await tempRoot() });
    const w1 = store.writeJson('x.json', { n: 5 });
    const u = store.update<{ n: number }>('x.json', (cur) => ({ n: (cur?.n ?? 0) * 2 }));
    const w2 = store.writeJson('x.json', { n: 1 });
    await Promise.all([w1, u, w2]);
    expect(await u).toEqual({ n: 10 });
    expect(await store.readJson('x.json', { cache: false })).toEqual({ n: 1 });
    await store.close();
  });
});

describe('writeJson coalescing', () => {
  it('a burst on one file writes once and resolves every caller with the last content on disk', async () => {
    const root = await tempRoot();
    const store = new AtomicStore({ root });
    const order: number[] = [];
    const calls = Array.from({ length: 500 }, (_, v) =>
      store.writeJson('b.json', { v }).then(() => order.push(v)),
    );
    expect(store.stats().activeLocks).toBe(1);
    await Promise.all(calls);
    expect(store.stats().activeLocks).toBe(0);
    expect(order).toHaveLength(500);
    expect(JSON.parse(await readFile(path.join(root, 'b.json'), 'utf8'))).toEqual({ v: 499 });
    const stats = store.stats();
    expect(stats.writes).toBe(1);
    expect(stats.coalescedWrites).toBe(499);
    await store.close();
  });

  it('calls made while a write is in flight form the next batch, written after it', async () => {
    const root = await tempRoot();
    const store = new AtomicStore({ root });
    const first = store.writeJson('c.json', { v: 0 });
    await Promise.resolve(); // the first batch is now formed
    await Promise.resolve();
    const later = Array.from({ length: 10 }, (_, i) => store.writeJson('c.json', { v: i + 1 }));
    await first;
    await Promise.all(later);
    expect(JSON.parse(await readFile(path.join(root, 'c.json'), 'utf8'))).toEqual({ v: 10 });
    expect(store.stats().writes).toBeLessThanOrEqual(3);
    await store.close();
  });

  it('different files do not coalesce with each other', async () => {
    const root = await tempRoot();
    const store = new AtomicStore({ root });
    await Promise.all(Array.from({ length: 30 }, (_, i) => store.writeJson(`d/${i}.json`, i)));
    for (let i = 0; i < 30; i++) {
      expect(JSON.parse(await readFile(path.join(root, `d/${i}.json`), 'utf8'))).toBe(i);
    }
    expect(store.stats().writes).toBe(30);
    expect(store.stats().activeLocks).toBe(0);
    await store.close();
  });
});
