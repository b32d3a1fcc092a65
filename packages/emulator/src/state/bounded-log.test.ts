import { describe, expect, it } from 'vitest';
import { BoundedLog } from './bounded-log.js';

describe('BoundedLog', () => {
  it('keeps the last `limit` items in order across many compactions', () => {
    const log = new BoundedLog<number>(4);
    for (let i = 0; i < 23; i += 1) {
      log.push(i);
      const kept = Array.from({ length: Math.min(i + 1, 4) }, (_, k) => i - Math.min(i, 3) + k);
      expect(log.slice()).toEqual(kept);
      expect([...log]).toEqual(kept);
      expect(log.length).toBe(kept.length);
      expect(log.first()).toBe(kept[0]);
      expect(log.dropped + log.length).toBe(i + 1);
    }
  });

  it('slices from a position among the kept items and lists the newest ones', () => {
    const log = new BoundedLog<string>(3);
    for (const item of ['a', 'b', 'c', 'd', 'e']) log.push(item);
    expect(log.slice(1)).toEqual(['d', 'e']);
    expect(log.slice(-5)).toEqual(['c', 'd', 'e']);
    expect(log.slice(7)).toEqual([]);
    expect(log.last(2)).toEqual(['d', 'e']);
    expect(log.last(10)).toEqual(['c', 'd', 'e']);
    expect(log.last(0)).toEqual([]);
  });

  it('counts cleared items as dropped and starts over', () => {
    const log = new BoundedLog<number>(3);
    log.push(1);
    log.push(2);
    log.clear();
    expect(log.length).toBe(0);
    expect(log.first()).toBeUndefined();
    expect(log.dropped).toBe(2);
    log.push(3);
    expect(log.slice()).toEqual([3]);
  });

  it('keeps nothing with a limit of 0', () => {
    const log = new BoundedLog<number>(0);
    log.push(1);
    log.push(2);
    expect(log.length).toBe(0);
    expect(log.first()).toBeUndefined();
    expect(log.dropped).toBe(2);
  });
});
