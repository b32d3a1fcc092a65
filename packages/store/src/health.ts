/** Overall store health, from the failure rate over recent I/O operations. */
export type StoreHealth = 'healthy' | 'degraded' | 'critical';

/**
 * The outcome of the last `window` I/O operations in a ring buffer, so one bad minute long ago
 * does not keep the store "critical" forever and a fresh failure is not diluted by old history.
 */
export class FailureWindow {
  readonly #outcomes: Uint8Array;
  #next = 0;
  #filled = 0;
  #failures = 0;

  constructor(window = 1000) {
    this.#outcomes = new Uint8Array(Math.max(1, window));
  }

  /** Records one operation's outcome. */
  record(failed: boolean): void {
    const slot = this.#next;
    if (this.#filled === this.#outcomes.length) this.#failures -= this.#outcomes[slot] ?? 0;
    else this.#filled++;
    this.#outcomes[slot] = failed ? 1 : 0;
    if (failed) this.#failures++;
    this.#next = (slot + 1) % this.#outcomes.length;
  }

  /** Failures / operations over the window (0 when nothing happened yet). */
  get rate(): number {
    return this.#filled === 0 ? 0 : this.#failures / this.#filled;
  }

  /** `healthy` below 1 %, `degraded` from 1 % to 5 %, `critical` above 5 %. */
  get health(): StoreHealth {
    const rate = this.rate;
    if (rate < 0.01) return 'healthy';
    if (rate <= 0.05) return 'degraded';
    return 'critical';
  }
}
