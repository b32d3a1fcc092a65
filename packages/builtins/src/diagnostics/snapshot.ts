import type { ErrorRate } from './error-rate.js';
import { type Health, healthOf } from './health.js';

/** One health record, as `fw_diagnostics` shows it and `fw_history` keeps it. */
export interface HealthSnapshot {
  /** ISO time of the snapshot. */
  readonly at: string;
  readonly status: Health;
  /** Error rate over the last hour, percent. */
  readonly errorRatePercent: number;
  readonly commands: number;
  readonly errors: number;
  /** Mean event-loop lag over the last readings, ms. */
  readonly lagMs: number;
  /** Whether `lagMs` is above the alert threshold. */
  readonly lagHigh: boolean;
  readonly memoryMb: number;
  readonly heapUsedMb: number;
  readonly cpuPercent: number;
  /** Whole seconds since the client became ready (rounded down, like `stats` shows it). */
  readonly uptimeSeconds: number;
  /** Gateway latency, ms (-1 when unknown). */
  readonly latencyMs: number;
}

/** The measurements a snapshot is made of. */
export interface SnapshotInput {
  readonly at: Date;
  readonly rate: ErrorRate;
  readonly lagMs: number;
  readonly lagThresholdMs: number;
  readonly memory: Pick<NodeJS.MemoryUsage, 'rss' | 'heapUsed'>;
  readonly cpuPercent: number;
  readonly uptimeSeconds: number;
  readonly latencyMs: number;
}

const MB = 1024 * 1024;

/** Builds a {@link HealthSnapshot}: the status comes from the error rate alone. */
export function takeSnapshot(input: SnapshotInput): HealthSnapshot {
  return {
    at: input.at.toISOString(),
    status: healthOf(input.rate.percent),
    errorRatePercent: input.rate.percent,
    commands: input.rate.commands,
    errors: input.rate.errors,
    lagMs: input.lagMs,
    lagHigh: input.lagMs > input.lagThresholdMs,
    memoryMb: Math.round((input.memory.rss / MB) * 10) / 10,
    heapUsedMb: Math.round((input.memory.heapUsed / MB) * 10) / 10,
    cpuPercent: input.cpuPercent,
    // Down, not to the nearest: 61.6 s is "1m 1s" here as in `stats`, not "1m 2s".
    uptimeSeconds: Math.floor(input.uptimeSeconds),
    latencyMs: Number.isFinite(input.latencyMs) ? Math.round(input.latencyMs) : -1,
  };
}
