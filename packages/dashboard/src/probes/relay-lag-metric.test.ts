import type { BotRuntime } from '@zoryx/framework';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { foldRelayLag, registerRelayLag } from './relay-lag-metric.js';

// Fine buckets as a supervised worker counts them (bounds in ms; one more count beyond the last).
const boundsMs = [0.05, 0.1, 0.5, 1, 5];
const counts = [1, 2, 3, 4, 5, 6];

function runtime(arrival: number[], handoff: number[]): BotRuntime {
  return {
    mode: 'supervised',
    workerId: 1,
    relayLag: (stage) => ({ boundsMs, counts: stage === 'arrival' ? arrival : handoff }),
  };
}

describe('zoryx_relay_lag_seconds', () => {
  it('folds the fine buckets into cumulative Prometheus buckets, with sum and count', () => {
    const folded = foldRelayLag({ boundsMs, counts });
    const at = (le: number) => folded.buckets.find((b) => b.le === le)?.count;
    expect([at(0.0001), at(0.00025), at(0.0005), at(0.001), at(0.005), at(10)]).toEqual([
      3, 3, 6, 10, 15, 15,
    ]);
    expect(folded.count).toBe(21);
    // Geometric middles: 0.05 (first bucket at its bound), √(0.05·0.1), √(0.1·0.5), √(0.5·1),
    // √(1·5), and the overflow at the last bound (5 ms).
    const sumMs =
      1 * 0.05 +
      2 * Math.sqrt(0.005) +
      3 * Math.sqrt(0.05) +
      4 * Math.sqrt(0.5) +
      5 * Math.sqrt(5) +
      6 * 5;
    expect(folded.sumSeconds).toBeCloseTo(sumMs / 1000, 9);
  });

  it('is exposed per stage, read at each scrape, when the bot runs supervised', async () => {
    const registry = new Registry();
    const arrival = [...counts];
    registerRelayLag(runtime(arrival, [0, 0, 0, 0, 0, 1]), registry);
    const first = await registry.metrics();
    expect(first).toContain('# TYPE zoryx_relay_lag_seconds histogram');
    expect(first).toContain('zoryx_relay_lag_seconds_bucket{le="0.001",stage="arrival"} 10');
    expect(first).toContain('zoryx_relay_lag_seconds_bucket{le="+Inf",stage="arrival"} 21');
    expect(first).toContain('zoryx_relay_lag_seconds_count{stage="arrival"} 21');
    expect(first).toContain('zoryx_relay_lag_seconds_bucket{le="10",stage="handoff"} 0');
    expect(first).toContain('zoryx_relay_lag_seconds_count{stage="handoff"} 1');
    // get() (the JSON form) reads the same counts.
    const json = await registry.getMetricsAsJSON();
    const count = json[0]?.values.find(
      (v) => 'metricName' in v && v.metricName === 'zoryx_relay_lag_seconds_count',
    );
    expect(count).toMatchObject({ value: 21, labels: { stage: 'arrival' } });
    arrival[0] = 101;
    expect(await registry.metrics()).toContain(
      'zoryx_relay_lag_seconds_count{stage="arrival"} 121',
    );
  });

  it('is not registered in one process', async () => {
    const registry = new Registry();
    registerRelayLag(null, registry);
    expect(await registry.metrics()).not.toContain('zoryx_relay_lag_seconds');
  });
});
