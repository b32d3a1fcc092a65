import { describe, expect, it } from 'vitest';
import { Backoff } from './backoff.js';

describe('the restart backoff', () => {
  it('restarts at once after one fault, then doubles per consecutive fault, caps, and starts over', () => {
    const backoff = new Backoff({ initialMs: 100, maxMs: 1_000, resetAfterMs: 60_000 });
    const delays = Array.from({ length: 7 }, () => backoff.next(500));
    expect(delays).toEqual([0, 100, 200, 400, 800, 1_000, 1_000]);
    expect(backoff.faults).toBe(7);
    expect(backoff.next(60_000)).toBe(0);
    expect(backoff.faults).toBe(1);
  });
});
