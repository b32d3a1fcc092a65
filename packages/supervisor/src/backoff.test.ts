import { describe, expect, it } from 'vitest';
import { Backoff } from './backoff.js';

describe('the restart backoff', () => {
  it('doubles per consecutive fault, caps, and starts over after a stable period', () => {
    const backoff = new Backoff({ initialMs: 100, maxMs: 1_000, resetAfterMs: 60_000 });
    expect([0, 0, 0, 0, 0, 0].map(() => backoff.next(500))).toEqual([
      100, 200, 400, 800, 1_000, 1_000,
    ]);
    expect(backoff.faults).toBe(6);
    expect(backoff.next(60_000)).toBe(100);
    expect(backoff.faults).toBe(1);
  });
});
