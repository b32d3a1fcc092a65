import { describe, expect, it } from 'vitest';
import { CooldownTracker } from '../cooldowns/cooldown-tracker.js';
import { FrameworkError } from '../errors.js';
import { IntakeLimiter, type IntakeRules } from './intake-limiter.js';
import type { SharedHit, SharedRateStore } from './shared-rate-store.js';

/**
 * A shared store in memory, as several processes would see one Redis: one set of windows for
 * every limiter given it. Its clock is stepped by the test.
 */
class MemoryRateStore implements SharedRateStore {
  public readonly windows = new Map<string, { count: number; endsAt: number }>();
  public now = 0;
  public hits = 0;

  public async hit(key: string, windowMs: number): Promise<SharedHit> {
    this.hits += 1;
    let window = this.windows.get(key);
    if (window === undefined || window.endsAt <= this.now) {
      window = { count: 0, endsAt: this.now + windowMs };
      this.windows.set(key, window);
    }
    window.count += 1;
    return { count: window.count, resetInMs: window.endsAt - this.now };
  }
}

const rules: IntakeRules = {
  commandsPerUser: { limit: 3, windowSeconds: 10 },
  unknownCommandReplies: { limit: 1, windowSeconds: 30 },
};

describe('IntakeLimiter with a shared store', () => {
  it('answers synchronously without a store', () => {
    const limiter = new IntakeLimiter(() => rules);
    const answer = limiter.admit({}, 'u1');
    expect(answer).not.toBeInstanceOf(Promise);
    expect(answer).toEqual({ ok: true });
    expect(limiter.count('unknownReplies', 'u1')).toEqual({ ok: true });
    expect(limiter.stats()).toMatchObject({ shared: false, sharedFailures: 0 });
  });

  it('holds the limit across two limiters (two workers) and notifies exactly once', async () => {
    const store = new MemoryRateStore();
    const a = new IntakeLimiter(() => rules);
    const b = new IntakeLimiter(() => rules);
    a.useStore(store);
    b.useStore(store);
    const verdicts = [];
    for (let n = 0; n < 10; n += 1) verdicts.push(await (n % 2 === 0 ? a : b).admit({}, 'u1'));
    expect(verdicts.filter((v) => v.ok)).toHaveLength(3);
    expect(verdicts.filter((v) => !v.ok && v.notify)).toHaveLength(1);
    expect(verdicts[3]).toEqual({ ok: false, notify: true, retryAfterMs: 10_000 });
    // Another member has a window of their own.
    expect(await b.admit({}, 'u2')).toEqual({ ok: true });
    // The window ends for everyone at once.
    store.now = 10_000;
    expect(await a.admit({}, 'u1')).toEqual({ ok: true });
    expect(a.stats().commandsLimited + b.stats().commandsLimited).toBe(7);
    expect(a.stats().noticesSent + b.stats().noticesSent).toBe(1);
    expect(a.stats().shared).toBe(true);
  });

  it('counts one invocation once, however often it is asked, even while the store answers', async () => {
    const store = new MemoryRateStore();
    const limiter = new IntakeLimiter(() => rules);
    limiter.useStore(store);
    const message = {};
    const first = limiter.admit(message, 'u1');
    const again = limiter.admit(message, 'u1');
    expect(again).toBe(first);
    await first;
    expect(await limiter.admit(message, 'u1')).toEqual({ ok: true });
    expect(store.hits).toBe(1);
  });

  it('never notifies about unknown-command replies and lets a rule set to false through', async () => {
    const store = new MemoryRateStore();
    let current: IntakeRules = rules;
    const limiter = new IntakeLimiter(() => current);
    limiter.useStore(store);
    expect(await limiter.count('unknownReplies', 'u1')).toEqual({ ok: true });
    expect(await limiter.count('unknownReplies', 'u1')).toMatchObject({ ok: false, notify: false });
    current = { ...rules, commandsPerUser: false };
    for (let n = 0; n < 5; n += 1) expect(await limiter.admit({}, 'u1')).toEqual({ ok: true });
    expect(store.windows.has('intake:commands:u1')).toBe(false);
    expect(store.windows.get('intake:unknownReplies:u1')?.count).toBe(2);
  });

  it('counts in this process when the store fails, reporting a coded error once a minute', async () => {
    const reports: Array<{ code: string; suppressed: number }> = [];
    const limiter = new IntakeLimiter(() => rules);
    limiter.useStore(
      {
        hit: () => Promise.reject(new Error('connection refused')),
      },
      { onError: (error, suppressed) => reports.push({ code: error.code, suppressed }) },
    );
    const verdicts = [];
    for (let n = 0; n < 5; n += 1) verdicts.push(await limiter.admit({}, 'u1'));
    // Fail to local, never unlimited: the process' own window still refuses the 4th.
    expect(verdicts.map((v) => v.ok)).toEqual([true, true, true, false, false]);
    expect(verdicts[3]).toMatchObject({ ok: false, notify: true });
    expect(reports).toEqual([{ code: 'ZRX_SHARED_LIMITS_UNAVAILABLE', suppressed: 0 }]);
    expect(limiter.stats()).toMatchObject({ sharedFailures: 5, windows: 1 });
  });

  it('counts in this process when the store is slower than its time limit or answers nonsense', async () => {
    const errors: FrameworkError[] = [];
    const hung = new IntakeLimiter(() => rules);
    hung.useStore(
      { hit: () => new Promise<SharedHit>(() => {}) },
      { timeoutMs: 20, onError: (error) => errors.push(error) },
    );
    expect(await hung.admit({}, 'u1')).toEqual({ ok: true });
    const odd = new IntakeLimiter(() => rules);
    odd.useStore(
      { hit: async () => ({ count: Number.NaN, resetInMs: 0 }) },
      { onError: (error) => errors.push(error) },
    );
    expect(await odd.admit({}, 'u1')).toEqual({ ok: true });
    expect(errors).toHaveLength(2);
    expect(errors.every((e) => e instanceof FrameworkError)).toBe(true);
    expect(errors[0]?.message).toContain('20 ms');
    expect(hung.stats().sharedFailures + odd.stats().sharedFailures).toBe(2);
  });

  it('goes back to this process only when the store is removed', () => {
    const limiter = new IntakeLimiter(() => rules);
    limiter.useStore(new MemoryRateStore());
    expect(limiter.admit({}, 'u1')).toBeInstanceOf(Promise);
    limiter.useStore(undefined);
    expect(limiter.admit({}, 'u1')).toEqual({ ok: true });
  });
});

describe('CooldownTracker with a shared store', () => {
  it('holds a command cooldown across two trackers and says how long to wait', async () => {
    const store = new MemoryRateStore();
    const a = new CooldownTracker();
    const b = new CooldownTracker();
    a.useStore(store);
    b.useStore(store);
    const rule = { limit: 2, windowMs: 5_000 };
    expect(await a.check('daily', 'u1', rule)).toEqual({ ok: true, remaining: 1 });
    expect(await b.check('daily', 'u1', rule)).toEqual({ ok: true, remaining: 0 });
    store.now = 1_000;
    expect(await a.check('daily', 'u1', rule)).toEqual({ ok: false, retryAfterMs: 4_000 });
    expect(await b.check('other', 'u1', rule)).toMatchObject({ ok: true });
    expect(store.windows.has('cooldown:daily:u1')).toBe(true);
    // Nothing was counted in the processes themselves.
    expect(a.size + b.size).toBe(0);
  });

  it('answers synchronously without a store, and locally when the store fails', async () => {
    const tracker = new CooldownTracker();
    const rule = { limit: 1, windowMs: 5_000 };
    expect(tracker.check('daily', 'u1', rule)).toEqual({ ok: true, remaining: 0 });
    const failing = new CooldownTracker();
    failing.useStore({ hit: () => Promise.reject(new Error('down')) });
    expect(await failing.check('daily', 'u1', rule)).toEqual({ ok: true, remaining: 0 });
    expect(await failing.check('daily', 'u1', rule)).toMatchObject({ ok: false });
  });
});
