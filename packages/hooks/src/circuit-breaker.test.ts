import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from './circuit-breaker.js';

const settings = { failures: 3, windowMs: 1000, openMs: 500 };

describe('CircuitBreaker', () => {
  it('opens when `failures` failures fall inside the window', () => {
    const b = new CircuitBreaker(settings);
    expect(b.recordFailure('call', 0)).toBe(false);
    expect(b.recordFailure('call', 400)).toBe(false);
    expect(b.recordFailure('call', 900)).toBe(true);
    expect(b.status(900)).toBe('open');
    expect(b.admit(1000)).toBe('skip');
  });

  it('does not open when the failures are spread wider than the window', () => {
    const b = new CircuitBreaker(settings);
    b.recordFailure('call', 0);
    b.recordFailure('call', 600);
    expect(b.recordFailure('call', 1200)).toBe(false); // 0 fell out of the window
    expect(b.failuresInWindow(1200)).toBe(2);
    expect(b.recordFailure('call', 1500)).toBe(true); // 600, 1200, 1500
  });

  it('lets exactly one trial through after openMs, and its success closes it', () => {
    const b = new CircuitBreaker(settings);
    for (const t of [0, 1, 2]) b.recordFailure('call', t);
    expect(b.admit(501)).toBe('skip');
    expect(b.status(502)).toBe('half-open');
    expect(b.admit(502)).toBe('trial');
    expect(b.admit(503)).toBe('skip'); // the trial is still running
    expect(b.recordSuccess('trial')).toBe(true);
    expect(b.status(504)).toBe('closed');
    expect(b.failuresInWindow(504)).toBe(0); // the window was cleared
    expect(b.recordFailure('call', 505)).toBe(false);
  });

  it('re-opens for another openMs when the trial fails', () => {
    const b = new CircuitBreaker(settings);
    for (const t of [0, 1, 2]) b.recordFailure('call', t);
    expect(b.admit(600)).toBe('trial');
    expect(b.recordFailure('trial', 650)).toBe(true);
    expect(b.admit(1100)).toBe('skip');
    expect(b.admit(1150)).toBe('trial');
  });

  it('ignores late results of calls admitted before it opened', () => {
    const b = new CircuitBreaker(settings);
    for (const t of [0, 1, 2]) b.recordFailure('call', t);
    expect(b.recordFailure('call', 3)).toBe(false);
    expect(b.recordSuccess('call')).toBe(false);
    expect(b.status(4)).toBe('open');
  });

  it('reset closes and reports whether it changed anything', () => {
    const b = new CircuitBreaker(settings);
    expect(b.reset()).toBe(false);
    for (const t of [0, 1, 2]) b.recordFailure('call', t);
    expect(b.reset()).toBe(true);
    expect(b.admit(3)).toBe('call');
  });

  it('snapshots relative times and restores them on another clock', () => {
    const b = new CircuitBreaker(settings);
    b.recordFailure('call', 10_000);
    b.recordFailure('call', 10_100);
    const closed = b.snapshot(10_200);
    expect(closed).toEqual({ state: 'closed', failureAgesMs: [200, 100], openRemainingMs: 0 });

    const other = new CircuitBreaker(settings);
    other.restore(closed, 50);
    expect(other.recordFailure('call', 60)).toBe(true); // two restored + this one

    const open = other.snapshot(160);
    expect(open.state).toBe('open');
    expect(open.openRemainingMs).toBe(400);
    const third = new CircuitBreaker(settings);
    third.restore(open, 0);
    expect(third.admit(399)).toBe('skip');
    expect(third.admit(400)).toBe('trial');
    // A half-open breaker exports as open with nothing remaining: the new hook gets the trial.
    expect(third.snapshot(401)).toMatchObject({ state: 'open', openRemainingMs: 0 });
  });
});
