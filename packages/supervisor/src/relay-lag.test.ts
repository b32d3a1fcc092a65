import { describe, expect, it } from 'vitest';
import { LAG_BOUNDS_MS, LAG_BUCKETS, LagCounts, lagBucket, summarizeLag } from './relay-lag.js';

describe('lag buckets', () => {
  it('puts a lag in the first bucket whose upper bound holds it', () => {
    expect(lagBucket(0)).toBe(0);
    expect(lagBucket(-1)).toBe(0);
    expect(lagBucket(Number.NaN)).toBe(0);
    for (const ms of [0.011, 0.05, 0.2, 1, 3.3, 47, 950, 12_345]) {
      const i = lagBucket(ms);
      expect(LAG_BOUNDS_MS[i]).toBeGreaterThanOrEqual(ms);
      expect(LAG_BOUNDS_MS[i - 1]).toBeLessThan(ms);
    }
  });

  it('counts a lag beyond the last bound (a minute) in the overflow bucket', () => {
    expect(LAG_BOUNDS_MS.at(-1)).toBeGreaterThanOrEqual(60_000);
    expect(lagBucket(10 * 60_000)).toBe(LAG_BUCKETS - 1);
    expect(LAG_BOUNDS_MS).toHaveLength(LAG_BUCKETS - 1);
  });
});

describe('LagCounts', () => {
  it('reads percentiles within 5 % of the exact ones', () => {
    const counts = new LagCounts();
    // 1,000 lags: 0.1, 0.2, … 100 ms.
    for (let i = 1; i <= 1000; i++) counts.record(i / 10);
    const summary = counts.summary();
    expect(summary.count).toBe(1000);
    expect(summary.p50Ms / 50).toBeGreaterThan(0.95);
    expect(summary.p50Ms / 50).toBeLessThan(1.05);
    expect(summary.p90Ms / 90).toBeGreaterThan(0.95);
    expect(summary.p90Ms / 90).toBeLessThan(1.05);
    expect(summary.p99Ms / 99).toBeGreaterThan(0.95);
    expect(summary.p99Ms / 99).toBeLessThan(1.05);
    expect(summary.maxMs).toBeGreaterThanOrEqual(100);
    expect(summary.maxMs).toBeLessThan(111);
  });

  it('hands its counts over once (take) and adds counts of the same buckets (add)', () => {
    const worker = new LagCounts();
    expect(worker.take()).toBeNull();
    worker.record(2);
    worker.record(2);
    worker.record(40);
    const sent = worker.take();
    expect(sent).toHaveLength(LAG_BUCKETS);
    expect(worker.take()).toBeNull();

    const supervisor = new LagCounts();
    supervisor.add(sent as number[]);
    supervisor.add(sent as number[]);
    const summary = supervisor.summary();
    expect(summary.count).toBe(6);
    expect(summary.p50Ms).toBeGreaterThan(1.9);
    expect(summary.p50Ms).toBeLessThan(2.1);
    expect(summary.maxMs).toBeGreaterThanOrEqual(40);
    const histogram = supervisor.histogram();
    expect(histogram.counts.reduce((a, b) => a + b, 0)).toBe(6);
    expect(histogram.counts[lagBucket(40)]).toBe(2);
  });

  it('summarizes nothing as zeros', () => {
    expect(summarizeLag(new Array(LAG_BUCKETS).fill(0))).toEqual({
      count: 0,
      p50Ms: 0,
      p90Ms: 0,
      p99Ms: 0,
      maxMs: 0,
    });
  });
});
