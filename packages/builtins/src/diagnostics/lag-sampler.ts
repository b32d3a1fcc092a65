import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';

/** What {@link LagSampler} reads: the part of Node's `IntervalHistogram` it uses. */
export interface DelaySource {
  /** Mean delay since the last reset, in nanoseconds (NaN before the first sample). */
  readonly mean: number;
  /** Largest delay since the last reset, in nanoseconds. */
  readonly max: number;
  reset(): void;
  enable(): boolean;
  disable(): boolean;
}

/** One reading of the event-loop delay. */
export interface LagReading {
  /** Mean delay over the reading's period, ms. */
  readonly meanMs: number;
  /** Largest delay over the reading's period, ms. */
  readonly maxMs: number;
}

/**
 * Event-loop lag from `perf_hooks.monitorEventLoopDelay`: each {@link read} takes the mean and
 * max delay since the previous reading and resets the histogram; {@link averageMs} is the mean
 * of the last `keep` readings (10 by default).
 */
export class LagSampler {
  readonly #source: DelaySource;
  readonly #keep: number;
  readonly #readings: LagReading[] = [];

  constructor(options: { source?: DelaySource; keep?: number; resolutionMs?: number } = {}) {
    this.#source =
      options.source ??
      (monitorEventLoopDelay({ resolution: options.resolutionMs ?? 20 }) as IntervalHistogram);
    this.#keep = options.keep ?? 10;
    this.#source.enable();
  }

  /** Takes a reading and starts the next period. */
  read(): LagReading {
    const toMs = (ns: number) => (Number.isFinite(ns) ? Math.round(ns / 10_000) / 100 : 0);
    const reading = { meanMs: toMs(this.#source.mean), maxMs: toMs(this.#source.max) };
    this.#source.reset();
    this.#readings.push(reading);
    if (this.#readings.length > this.#keep) this.#readings.shift();
    return reading;
  }

  /** The kept readings, oldest first. */
  readings(): readonly LagReading[] {
    return this.#readings;
  }

  /** Mean of the kept readings' means, ms (0 before the first reading); two decimals. */
  averageMs(): number {
    if (this.#readings.length === 0) return 0;
    const sum = this.#readings.reduce((total, r) => total + r.meanMs, 0);
    return Math.round((sum / this.#readings.length) * 100) / 100;
  }

  /** Stops the histogram (on unload). */
  stop(): void {
    this.#source.disable();
  }
}
