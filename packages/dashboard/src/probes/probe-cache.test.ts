import { describe, expect, it } from 'vitest';
import { ProbeCache } from './probe-cache.js';

function counting() {
  let builds = 0;
  const cache = new ProbeCache(
    async () => {
      builds += 1;
      return { code: 200, text: `build ${builds}` };
    },
    { maxAgeMs: 60_000 },
  );
  return { cache, builds: () => builds };
}

describe('ProbeCache', () => {
  it('serves one build to every request while fresh, with a stable strong ETag', async () => {
    const { cache, builds } = counting();
    const [a, b] = await Promise.all([cache.get(), cache.get()]);
    expect(builds()).toBe(1);
    expect(a).toBe(b);
    const again = cache.get();
    // A fresh answer is returned synchronously: the route awaits nothing.
    expect(again).not.toBeInstanceOf(Promise);
    expect((again as typeof a).body.toString()).toBe('build 1');
    expect(a.etag).toMatch(/^"[\w-]{27}"$/);
  });

  it('tells onBuilt listeners of every answer it keeps, until they stop listening', async () => {
    const { cache } = counting();
    const seen: string[] = [];
    const stop = cache.onBuilt((doc) => seen.push(doc.body.toString()));
    await cache.refresh();
    await cache.refresh();
    stop();
    await cache.refresh();
    expect(seen).toEqual(['build 1', 'build 2']);
  });

  it('rebuilds after invalidate, and after maxAge on the next request', async () => {
    const { cache, builds } = counting();
    await cache.get();
    cache.invalidate();
    const rebuilt = await cache.get();
    expect(rebuilt.body.toString()).toBe('build 2');
    expect(builds()).toBe(2);
    const expired = await cache.get(Date.now() + 61_000);
    expect(expired.body.toString()).toBe('build 3');
  });

  it('serves an expired answer within the stale window while the next one builds', async () => {
    let builds = 0;
    const cache = new ProbeCache(
      async () => {
        builds += 1;
        return { code: 200, text: `build ${builds}` };
      },
      { maxAgeMs: 1_000, staleWhileRevalidateMs: 1_000 },
    );
    const first = await cache.get();
    const stale = cache.get(first.builtAt + 1_500);
    // Returned at once (not a promise), the old answer; the rebuild runs behind it.
    expect(stale).toBe(first);
    const next = await cache.refresh();
    expect(next.body.toString()).toBe('build 2');
    // Past the stale window the request waits for a new build.
    const waited = await cache.get(next.builtAt + 2_500);
    expect(waited.body.toString()).toBe('build 3');
  });

  it('peek answers only what get would answer without waiting, and never starts a first build', async () => {
    let builds = 0;
    const cache = new ProbeCache(
      async () => {
        builds += 1;
        return { code: 200, text: `build ${builds}` };
      },
      { maxAgeMs: 1_000, staleWhileRevalidateMs: 1_000 },
    );
    expect(cache.peek()).toBeUndefined();
    expect(builds).toBe(0);
    const first = await cache.refresh();
    expect(cache.peek(first.builtAt + 500)).toBe(first);
    // Stale window: the old answer, and the rebuild starts behind it.
    expect(cache.peek(first.builtAt + 1_500)).toBe(first);
    expect(builds).toBe(2);
    const second = await cache.refresh();
    expect(second.body.toString()).toBe('build 2');
    // Past the stale window, or invalidated: nothing without waiting.
    expect(cache.peek(second.builtAt + 2_500)).toBeUndefined();
    cache.invalidate();
    expect(cache.peek(second.builtAt)).toBeUndefined();
  });

  it('a failed build is not cached and the next request retries', async () => {
    let fail = true;
    const cache = new ProbeCache(
      async () => {
        if (fail) throw new Error('boom');
        return { code: 503, text: 'down' };
      },
      { maxAgeMs: 60_000 },
    );
    await expect(cache.get()).rejects.toThrow('boom');
    fail = false;
    const doc = await cache.get();
    expect([doc.code, doc.body.toString()]).toEqual([503, 'down']);
  });

  it('refreshes in the background until closed, without keeping the process alive', async () => {
    const { cache, builds } = counting();
    cache.refreshEvery(5);
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (builds() >= 2) {
          clearInterval(poll);
          resolve();
        }
      }, 5);
    });
    cache.close();
    const after = builds();
    await new Promise((resolve) => setTimeout(resolve, 50));
    // At most a build already running when close() was called finishes.
    expect(builds()).toBeLessThanOrEqual(after + 1);
  });
});
