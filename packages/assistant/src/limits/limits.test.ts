import { describe, expect, it } from 'vitest';
import { MinuteRateLimiter } from './rate-limiter.js';
import { type DailyUsage, TokenBudget, type UsageStore } from './token-budget.js';

/** A store holding one JSON value per path in memory (the extension passes its real scoped store). */
function memoryStore(): UsageStore {
  const files = new Map<string, unknown>();
  return {
    async readJson<T>(path: string) {
      return files.get(path) as T | undefined;
    },
    async update<T>(path: string, fn: (current: T | undefined) => T) {
      const next = fn(files.get(path) as T | undefined);
      files.set(path, next);
      return next;
    },
  };
}

describe('MinuteRateLimiter', () => {
  it('allows `limit` events per key per sliding minute and says when the next one frees up', () => {
    let now = 1_000_000;
    const limiter = new MinuteRateLimiter(() => now);
    expect(limiter.take('user:1', 2)).toEqual({ ok: true });
    now += 10_000;
    expect(limiter.take('user:1', 2)).toEqual({ ok: true });
    expect(limiter.take('user:1', 2)).toEqual({ ok: false, retryInMs: 50_000 });
    expect(limiter.take('user:2', 2)).toEqual({ ok: true });
    now += 50_001;
    expect(limiter.take('user:1', 2)).toEqual({ ok: true });
    limiter.release('user:1');
    expect(limiter.take('user:1', 2)).toEqual({ ok: true });
  });
});

describe('TokenBudget', () => {
  it('counts tokens and questions per UTC day and per user, and starts a new day at midnight', async () => {
    let now = Date.parse('2026-12-05T23:59:00Z');
    const budget = new TokenBudget(memoryStore(), () => now);
    await budget.record('u1', 700, true);
    await budget.record('u2', 200, true);
    await budget.record('u1', 50);
    const usage: DailyUsage = await budget.usage();
    expect(usage).toEqual({
      day: '2026-12-05',
      tokens: 950,
      questions: 2,
      users: { u1: { tokens: 750, questions: 1 }, u2: { tokens: 200, questions: 1 } },
    });
    expect(await budget.remaining(1000)).toBe(50);
    expect(await budget.remaining(900)).toBe(0);
    now = Date.parse('2026-12-06T00:00:01Z');
    expect(await budget.remaining(900)).toBe(900);
    expect((await budget.usage()).day).toBe('2026-12-06');
  });
});
