import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';

/** Event-loop delay, sampled by Node itself (no timer of ours), with a short history for the system page. */
export class LoopLag {
  readonly #histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: 20 });
  readonly #history: { at: number; p99Ms: number; meanMs: number }[] = [];

  public constructor() {
    this.#histogram.enable();
  }

  /** Current p99 and mean in milliseconds since the last {@link LoopLag.sample}. */
  public current(): { p99Ms: number; meanMs: number; maxMs: number } {
    const h = this.#histogram;
    const ms = (ns: number) => (Number.isFinite(ns) ? ns / 1e6 : 0);
    return { p99Ms: ms(h.percentile(99)), meanMs: ms(h.mean), maxMs: ms(h.max) };
  }

  /** Records the current values into the history (keeps 120) and starts a new window. */
  public sample(now = Date.now()): void {
    const { p99Ms, meanMs } = this.current();
    this.#history.push({ at: now, p99Ms, meanMs });
    if (this.#history.length > 120) this.#history.shift();
    this.#histogram.reset();
  }

  /** Oldest first. */
  public history(): readonly { at: number; p99Ms: number; meanMs: number }[] {
    return this.#history;
  }

  /** Stops sampling. */
  public close(): void {
    this.#histogram.disable();
  }
}
