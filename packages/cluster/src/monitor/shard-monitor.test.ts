import { describe, expect, it } from 'vitest';
import { LATENCY_HISTORY, ShardMonitor } from './shard-monitor.js';

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('shard monitor', () => {
  it('keeps the last 120 latency samples and judges a connected, quiet shard healthy', () => {
    const c = clock();
    const monitor = new ShardMonitor({ now: c.now });
    monitor.record(0, { kind: 'connect' });
    for (let i = 0; i < 200; i += 1)
      monitor.record(0, { kind: 'latency', ms: i < 80 ? 5_000 : 40 });
    monitor.record(0, { kind: 'event' });
    const [m] = monitor.metrics();
    expect(m?.latencies).toHaveLength(LATENCY_HISTORY);
    expect(m?.latencies.every((ms) => ms === 40)).toBe(true);
    c.advance(120_000);
    expect(monitor.health()[0]).toMatchObject({
      healthy: true,
      colour: 'green',
      uptimePercent: 100,
    });
  });

  it("applies the original's rules in order: latency, silence, failures, disconnected", () => {
    const c = clock();
    const monitor = new ShardMonitor({ now: c.now });
    monitor.record(1, { kind: 'connect' });
    monitor.record(1, { kind: 'latency', ms: 1_500 });
    expect(monitor.health()[0]).toMatchObject({
      healthy: false,
      colour: 'yellow',
      reason: 'average latency 1500 ms',
    });
    monitor.record(1, { kind: 'latency', ms: 4_000 });
    expect(monitor.health()[0]?.colour).toBe('red');

    monitor.record(2, { kind: 'connect' });
    monitor.record(2, { kind: 'event' });
    c.advance(301_000);
    expect(monitor.health().find((h) => h.shardId === 2)?.reason).toBe('no event for 301 s');

    monitor.record(3, { kind: 'connect' });
    for (let i = 0; i < 3; i += 1) monitor.record(3, { kind: 'error', message: 'boom' });
    expect(monitor.health().find((h) => h.shardId === 3)?.reason).toBe('3 consecutive failures');

    monitor.record(4, { kind: 'connect' });
    monitor.record(4, { kind: 'disconnect' });
    expect(monitor.health().find((h) => h.shardId === 4)).toMatchObject({
      reason: 'disconnected',
      colour: 'red',
    });
  });

  it('counts downtime into uptime % and resumes clear consecutive failures', () => {
    const c = clock();
    const monitor = new ShardMonitor({ now: c.now, rules: { recentDisconnectMs: 1 } });
    monitor.record(0, { kind: 'connect' });
    c.advance(75_000);
    monitor.record(0, { kind: 'disconnect' });
    c.advance(25_000);
    expect(monitor.health()[0]?.uptimePercent).toBeCloseTo(75);
    monitor.record(0, { kind: 'resume' });
    c.advance(100_000);
    const [m] = monitor.metrics();
    expect(m).toMatchObject({ connects: 1, disconnects: 1, resumes: 1, consecutiveFailures: 0 });
    expect(monitor.health()[0]?.uptimePercent).toBeCloseTo(87.5);
  });

  it('alerts at most once per 300 s and resets one shard or all', () => {
    const c = clock();
    const monitor = new ShardMonitor({ now: c.now });
    monitor.record(0, { kind: 'disconnect' });
    monitor.record(1, { kind: 'connect' });
    expect(monitor.dueAlert().map((h) => h.shardId)).toEqual([0]);
    c.advance(299_000);
    expect(monitor.dueAlert()).toEqual([]);
    c.advance(1_000);
    expect(monitor.dueAlert()).toHaveLength(1);
    expect(monitor.reset(0)).toBe(1);
    expect(monitor.metrics()[0]?.disconnects).toBe(0);
    expect(monitor.reset()).toBe(2);
  });
});
