import { describeError } from './errors.js';
import type { HookMetrics } from './types.js';

const WINDOW = 256;

/** Portable metrics state, kept across a hot reload of the owning extension. */
export interface MetricsSnapshot {
  readonly calls: number;
  readonly successes: number;
  readonly failures: number;
  readonly timeouts: number;
  readonly skippedOpen: number;
  readonly skippedDisabled: number;
  readonly durationsMs: readonly number[];
  readonly lastError: { readonly message: string; readonly at: number } | null;
}

/**
 * Counters of one hook. Durations go into a fixed ring of the last 256 calls so the hot path is
 * one store; the average and p95 are computed only when someone asks.
 */
export class HookMetricsRecorder {
  calls = 0;
  successes = 0;
  failures = 0;
  timeouts = 0;
  skippedOpen = 0;
  skippedDisabled = 0;
  #lastError: { message: string; at: number } | null = null;
  readonly #durations = new Float64Array(WINDOW);
  #count = 0;

  /** Records a completed call. */
  duration(ms: number): void {
    this.#durations[this.#count++ % WINDOW] = ms;
  }

  /** Records the error of a failed call. */
  error(error: unknown, at: number): void {
    this.#lastError = { message: describeError(error), at };
  }

  /** A read-only view with the derived durations. */
  view(): HookMetrics {
    const n = Math.min(this.#count, WINDOW);
    const sorted = Array.from(this.#durations.subarray(0, n)).sort((a, b) => a - b);
    let sum = 0;
    for (const d of sorted) sum += d;
    return {
      calls: this.calls,
      successes: this.successes,
      failures: this.failures,
      timeouts: this.timeouts,
      skippedOpen: this.skippedOpen,
      skippedDisabled: this.skippedDisabled,
      avgDurationMs: n === 0 ? 0 : sum / n,
      p95DurationMs: n === 0 ? 0 : (sorted[Math.min(n - 1, Math.ceil(n * 0.95) - 1)] ?? 0),
      lastError: this.#lastError,
    };
  }

  /** Exports everything (durations oldest first). */
  snapshot(): MetricsSnapshot {
    const n = Math.min(this.#count, WINDOW);
    const durations: number[] = [];
    for (let i = this.#count - n; i < this.#count; i++)
      durations.push(this.#durations[i % WINDOW] ?? 0);
    return {
      calls: this.calls,
      successes: this.successes,
      failures: this.failures,
      timeouts: this.timeouts,
      skippedOpen: this.skippedOpen,
      skippedDisabled: this.skippedDisabled,
      durationsMs: durations,
      lastError: this.#lastError,
    };
  }

  /** Restores a snapshot taken by {@link snapshot}. */
  restore(snapshot: MetricsSnapshot): void {
    this.calls = snapshot.calls;
    this.successes = snapshot.successes;
    this.failures = snapshot.failures;
    this.timeouts = snapshot.timeouts;
    this.skippedOpen = snapshot.skippedOpen;
    this.skippedDisabled = snapshot.skippedDisabled;
    this.#lastError = snapshot.lastError;
    this.#count = 0;
    for (const d of snapshot.durationsMs.slice(-WINDOW)) this.duration(d);
  }
}
