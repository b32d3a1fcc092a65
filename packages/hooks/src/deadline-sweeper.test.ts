import { describe, expect, it } from 'vitest';
import { DeadlineSweeper } from './deadline-sweeper.js';

describe('DeadlineSweeper', () => {
  it('expires tickets of different durations on real time, each once, skipping released ones', async () => {
    const sweeper = new DeadlineSweeper(() => performance.now());
    const expired: string[] = [];
    let done!: () => void;
    const finished = new Promise<void>((r) => {
      done = r;
    });
    sweeper.track(30, () => {
      expired.push('30');
      done();
    });
    const released = sweeper.track(5, () => expired.push('released'));
    sweeper.track(5, () => expired.push('5'));
    sweeper.track(15, () => expired.push('15'));
    expect(sweeper.size).toBe(4);
    expect(sweeper.release(released)).toBe(true);
    expect(sweeper.release(released)).toBe(false);
    await finished;
    // Order across durations is covered on a fake clock below; real time can stall between calls.
    expect(expired.sort()).toEqual(['15', '30', '5']);
    expect(sweeper.size).toBe(0);
  });

  it('reports that an expired ticket can no longer be released', async () => {
    const sweeper = new DeadlineSweeper(() => performance.now());
    const ticket = await new Promise<ReturnType<DeadlineSweeper['track']>>((resolve) => {
      const t = sweeper.track(1, () => resolve(t));
    });
    expect(sweeper.release(ticket)).toBe(false);
  });

  it('keeps sweeping when an expiry callback throws', async () => {
    const sweeper = new DeadlineSweeper(() => performance.now());
    const reached = new Promise<void>((resolve) => {
      sweeper.track(2, () => {
        throw new Error('callback bug');
      });
      sweeper.track(2, resolve);
    });
    await reached;
    expect(sweeper.size).toBe(0);
  });

  it('judges deadlines on the injected clock', () => {
    let now = 0;
    const sweeper = new DeadlineSweeper(() => now);
    const expired: number[] = [];
    const ticket = sweeper.track(60_000, () => expired.push(1));
    sweeper.sweep();
    expect(expired).toEqual([]);
    now = 60_000;
    sweeper.sweep();
    expect(expired).toEqual([1]);
    expect(sweeper.release(ticket)).toBe(false);
  });

  it('keeps a deadline tracked from inside an expiry callback', async () => {
    const sweeper = new DeadlineSweeper(() => performance.now());
    const chained = new Promise<void>((resolve) => {
      sweeper.track(1, () => {
        sweeper.track(2, resolve);
      });
    });
    await chained;
    expect(sweeper.size).toBe(0);
  });

  it('fires callbacks in deadline order even when one late sweep expires them all', () => {
    let now = 0;
    const sweeper = new DeadlineSweeper(() => now);
    const expired: number[] = [];
    sweeper.track(300, () => expired.push(300));
    sweeper.track(100, () => expired.push(100));
    sweeper.track(200, () => expired.push(200));
    now = 1000;
    sweeper.sweep();
    expect(expired).toEqual([100, 200, 300]);
  });
});
