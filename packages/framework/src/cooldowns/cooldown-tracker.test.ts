import { describe, expect, it } from 'vitest';
import { CooldownTracker } from './cooldown-tracker.js';

describe('CooldownTracker', () => {
  it('allows 3 uses per 5 s, then says how long to wait, then allows again', () => {
    let now = 1_000;
    const tracker = new CooldownTracker(() => now);
    const rule = { limit: 3, windowMs: 5_000 };
    expect(tracker.take('ping', 'u1', rule)).toEqual({ ok: true, remaining: 2 });
    expect(tracker.take('ping', 'u1', rule)).toEqual({ ok: true, remaining: 1 });
    expect(tracker.take('ping', 'u1', rule)).toEqual({ ok: true, remaining: 0 });
    now += 2_000;
    expect(tracker.take('ping', 'u1', rule)).toEqual({ ok: false, retryAfterMs: 3_000 });
    expect(tracker.take('ping', 'u2', rule).ok).toBe(true);
    expect(tracker.take('other', 'u1', rule).ok).toBe(true);
    now += 3_000;
    expect(tracker.take('ping', 'u1', rule)).toEqual({ ok: true, remaining: 2 });
  });

  it('forgets a command and sweeps expired windows', () => {
    let now = 0;
    const tracker = new CooldownTracker(() => now);
    tracker.take('a', 'u', { limit: 1, windowMs: 1_000 });
    tracker.take('b', 'u', { limit: 1, windowMs: 1_000 });
    tracker.forget('a');
    expect(tracker.size).toBe(1);
    now = 120_000;
    tracker.take('c', 'u', { limit: 1, windowMs: 1_000 });
    expect(tracker.size).toBe(1);
  });
});
