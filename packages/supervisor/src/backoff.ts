/** Options of the restart backoff. */
export interface BackoffOptions {
  /** Delay before the second consecutive restart, ms (default 100); the first is immediate. */
  initialMs: number;
  /** The delay doubles per further consecutive fault up to this, ms (default 30,000). */
  maxMs: number;
  /** A worker serving this long without a fault resets the delay, ms (default 60,000). */
  resetAfterMs: number;
}

/**
 * Exponential backoff for restarts after faults: the first restart is immediate (one fault is
 * the common case and every millisecond is an outage), then `initialMs`, doubling per further
 * consecutive fault, at most `maxMs`; a worker that served for `resetAfterMs` starts the count
 * over. Requested restarts do not count.
 */
export class Backoff {
  readonly #options: BackoffOptions;
  #faults = 0;

  /** Creates the policy. */
  public constructor(options: BackoffOptions) {
    this.#options = options;
  }

  /** Consecutive faults so far. */
  public get faults(): number {
    return this.#faults;
  }

  /**
   * Records a fault of a worker that served for `servedMs` (0 if it never did) and returns the
   * delay before the next start.
   */
  public next(servedMs: number): number {
    if (servedMs >= this.#options.resetAfterMs) this.#faults = 0;
    this.#faults++;
    if (this.#faults === 1) return 0;
    return Math.min(this.#options.maxMs, this.#options.initialMs * 2 ** (this.#faults - 2));
  }
}
