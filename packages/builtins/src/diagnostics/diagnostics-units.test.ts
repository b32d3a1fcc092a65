import { describe, expect, it } from 'vitest';
import { alertsFor } from './alert-rules.js';
import { CpuSampler } from './cpu-sampler.js';
import { validateDiagnosticsConfig } from './diagnostics-config.js';
import { isUnknownCommand, RollingErrorRate } from './error-rate.js';
import { healthOf } from './health.js';
import { type DelaySource, LagSampler } from './lag-sampler.js';
import { RecentErrors } from './recent-errors.js';
import { type HealthSnapshot, takeSnapshot } from './snapshot.js';

const errorPayload = (commandName: string, extra: { code?: string; name?: string } = {}) => ({
  commandName,
  kind: 'prefix' as const,
  userId: '1',
  guildId: '2',
  channelId: '3',
  errorId: `ID${commandName.toUpperCase()}`,
  error: {
    name: extra.name ?? 'Error',
    message: `${commandName} broke`,
    ...(extra.code ? { code: extra.code } : {}),
  },
});

describe('healthOf', () => {
  it('maps <5 % healthy, 5–10 % degraded, ≥10 % critical', () => {
    expect(healthOf(0)).toBe('healthy');
    expect(healthOf(4.99)).toBe('healthy');
    expect(healthOf(5)).toBe('degraded');
    expect(healthOf(9.99)).toBe('degraded');
    expect(healthOf(10)).toBe('critical');
    expect(healthOf(100)).toBe('critical');
  });
});

describe('RollingErrorRate', () => {
  it('counts commands and errors inside the last hour only', () => {
    let now = 10 * 3_600_000;
    const rate = new RollingErrorRate({ clock: () => now });
    for (let i = 0; i < 18; i++) rate.success();
    rate.error();
    rate.error();
    expect(rate.rate()).toEqual({ commands: 20, errors: 2, percent: 10 });
    now += 30 * 60_000;
    for (let i = 0; i < 20; i++) rate.success();
    expect(rate.rate()).toEqual({ commands: 40, errors: 2, percent: 5 });
    now += 31 * 60_000; // the first batch is now older than an hour
    expect(rate.rate()).toEqual({ commands: 20, errors: 0, percent: 0 });
    now += 2 * 3_600_000;
    expect(rate.rate()).toEqual({ commands: 0, errors: 0, percent: 0 });
  });

  it('recognises unknown-command typos so they are not counted', () => {
    expect(isUnknownCommand(errorPayload('unknown'))).toBe(true);
    expect(isUnknownCommand(errorPayload('x', { name: 'CommandNotFound' }))).toBe(true);
    expect(isUnknownCommand(errorPayload('ban'))).toBe(false);
  });
});

describe('LagSampler', () => {
  it('averages the means of the last 10 readings and resets the histogram per reading', () => {
    let mean = 0;
    let resets = 0;
    const source: DelaySource = {
      get mean() {
        return mean;
      },
      get max() {
        return mean * 2;
      },
      reset: () => void resets++,
      enable: () => true,
      disable: () => true,
    };
    const sampler = new LagSampler({ source });
    expect(sampler.averageMs()).toBe(0);
    for (let i = 1; i <= 12; i++) {
      mean = i * 1_000_000; // i ms in ns
      expect(sampler.read()).toEqual({ meanMs: i, maxMs: 2 * i });
    }
    expect(resets).toBe(12);
    expect(sampler.readings()).toHaveLength(10);
    expect(sampler.averageMs()).toBe(7.5); // mean of 3..12
  });

  it('reads the real perf_hooks histogram', () => {
    const sampler = new LagSampler();
    const reading = sampler.read();
    expect(reading.meanMs).toBeGreaterThanOrEqual(0);
    sampler.stop();
  });
});

describe('CpuSampler', () => {
  it('reports CPU time over wall time since the previous call', () => {
    let cpu = 0;
    let now = 0;
    const sampler = new CpuSampler({
      cpuUsage: () => ({ user: cpu, system: cpu / 2 }),
      now: () => now,
    });
    cpu = 400_000; // 400 ms user + 200 ms system
    now = 1000;
    expect(sampler.percent()).toBe(60);
    expect(sampler.percent()).toBe(0);
  });
});

describe('takeSnapshot and alertsFor', () => {
  const snap = (errors: number, lagMs: number): HealthSnapshot =>
    takeSnapshot({
      at: new Date('2026-01-01T00:00:00Z'),
      rate: { commands: 100, errors, percent: errors },
      lagMs,
      lagThresholdMs: 500,
      memory: { rss: 100 * 1024 * 1024, heapUsed: 50 * 1024 * 1024 },
      cpuPercent: 3.2,
      uptimeSeconds: 61.4,
      latencyMs: Number.NaN,
    });

  it('derives status and lag flag and rounds the numbers', () => {
    const s = snap(7, 600);
    expect(s).toMatchObject({ status: 'degraded', lagHigh: true, memoryMb: 100, heapUsedMb: 50 });
    expect(s.uptimeSeconds).toBe(61);
    expect(s.latencyMs).toBe(-1);
  });

  it('alerts on entering or worsening a tier and on lag crossing, not while it lasts', () => {
    expect(alertsFor(undefined, snap(1, 10), 500)).toEqual([]);
    const degraded = alertsFor({ status: 'healthy', lagHigh: false }, snap(6, 10), 500);
    expect(degraded.map((a) => a.title)).toEqual(['Health degraded']);
    expect(alertsFor({ status: 'degraded', lagHigh: false }, snap(6, 10), 500)).toEqual([]);
    expect(alertsFor({ status: 'degraded', lagHigh: false }, snap(12, 10), 500)[0]?.level).toBe(
      'error',
    );
    const lag = alertsFor({ status: 'healthy', lagHigh: false }, snap(0, 800), 500);
    expect(lag.map((a) => a.title)).toEqual(['Event-loop lag high']);
    expect(alertsFor({ status: 'healthy', lagHigh: true }, snap(0, 800), 500)).toEqual([]);
    const recovered = alertsFor({ status: 'critical', lagHigh: true }, snap(0, 10), 500);
    expect(recovered.map((a) => a.title)).toEqual(['Health recovered', 'Event-loop lag normal']);
  });
});

describe('RecentErrors', () => {
  it('keeps the last 20, newest first', () => {
    const errors = new RecentErrors();
    for (let i = 0; i < 25; i++) errors.add(errorPayload(`c${i}`), i);
    const list = errors.list();
    expect(list).toHaveLength(20);
    expect(list[0]?.command).toBe('c24');
    expect(list[0]?.errorId).toBe('IDC24');
    expect(list[19]?.command).toBe('c5');
  });
});

describe('validateDiagnosticsConfig', () => {
  it('fills defaults and names bad keys', () => {
    expect(validateDiagnosticsConfig(undefined)).toEqual({
      value: { lagThresholdMs: 500, lagSampleSeconds: 5, checkIntervalMinutes: 5 },
    });
    expect(validateDiagnosticsConfig({ lagThresholdMs: 250 }).issues).toBeUndefined();
    const bad = validateDiagnosticsConfig({ lagThresholdMs: -1, nope: 1 });
    expect(bad.issues?.map((i) => i.path[0])).toEqual(['nope', 'lagThresholdMs']);
  });
});
