import type { BreakerStatus } from './types.js';

/** Breaker thresholds (resolved from the bus options). */
export interface BreakerSettings {
  readonly failures: number;
  readonly windowMs: number;
  readonly openMs: number;
}

/**
 * Portable breaker state. Times are relative to the moment of export (ages and remaining time),
 * so a snapshot can be restored on another bus, clock or process.
 */
export interface BreakerSnapshot {
  readonly state: 'closed' | 'open' | 'half-open';
  /** Ages (ms before the export) of the failures still inside the window, oldest first. */
  readonly failureAgesMs: readonly number[];
  /** For `open`: ms until the trial call is allowed. */
  readonly openRemainingMs: number;
}

/** What {@link CircuitBreaker.admit} decided for one call. */
export type Admission = 'call' | 'trial' | 'skip';

/**
 * Per-hook circuit breaker: `failures` failures within `windowMs` open it for `openMs`; then ONE
 * trial call goes through (half-open); its success closes the breaker and clears the window, its
 * failure re-opens it. Time comes from the bus clock passed to each method, so there is no timer.
 */
export class CircuitBreaker {
  readonly #settings: BreakerSettings;
  /** Ring of the most recent failure times; only the last `failures` matter. */
  readonly #ring: number[] = [];
  #ringStart = 0;
  #state: 'closed' | 'open' | 'half-open' = 'closed';
  #openUntil = 0;

  constructor(settings: BreakerSettings) {
    this.#settings = settings;
  }

  /** The state as an observer at `now` sees it: an expired `open` reports `half-open`. */
  status(now: number): BreakerStatus {
    if (this.#state === 'open' && now >= this.#openUntil) return 'half-open';
    return this.#state;
  }

  /** Decides whether a call may run at `now`. `trial` means: report its result, it decides. */
  admit(now: number): Admission {
    if (this.#state === 'closed') return 'call';
    if (this.#state === 'open' && now >= this.#openUntil) {
      this.#state = 'half-open';
      return 'trial';
    }
    // Open, or half-open with the single trial still running.
    return 'skip';
  }

  /** Records a success. Returns true when this closed the breaker (trial succeeded). */
  recordSuccess(admission: Admission): boolean {
    if (admission !== 'trial' || this.#state !== 'half-open') return false;
    this.#close();
    return true;
  }

  /** Records a failure at `now`. Returns true when this opened (or re-opened) the breaker. */
  recordFailure(admission: Admission, now: number): boolean {
    if (admission === 'trial') {
      if (this.#state !== 'half-open') return false;
      this.#open(now);
      return true;
    }
    if (this.#state !== 'closed') return false;
    const { failures, windowMs } = this.#settings;
    if (this.#ring.length < failures) this.#ring.push(now);
    else {
      this.#ring[this.#ringStart] = now;
      this.#ringStart = (this.#ringStart + 1) % failures;
    }
    // The oldest of the last `failures` failures is inside the window ⇒ all of them are.
    const oldest = this.#ring[this.#ringStart] ?? now;
    if (this.#ring.length >= failures && now - oldest <= windowMs) {
      this.#open(now);
      return true;
    }
    return false;
  }

  /** Failures currently inside the window at `now`. */
  failuresInWindow(now: number): number {
    let count = 0;
    for (const at of this.#ring) if (now - at <= this.#settings.windowMs) count++;
    return count;
  }

  /** Forces the breaker closed and forgets failures. Returns true when it was not closed. */
  reset(): boolean {
    const wasClosed = this.#state === 'closed';
    this.#close();
    return !wasClosed;
  }

  /** Exports the state relative to `now`. */
  snapshot(now: number): BreakerSnapshot {
    const ages: number[] = [];
    for (let i = 0; i < this.#ring.length; i++) {
      const at = this.#ring[(this.#ringStart + i) % this.#ring.length] ?? now;
      if (now - at <= this.#settings.windowMs) ages.push(now - at);
    }
    return {
      // A half-open breaker whose trial was lost with the old hook gets a fresh trial.
      state: this.#state === 'half-open' ? 'open' : this.#state,
      failureAgesMs: ages,
      openRemainingMs: this.#state === 'closed' ? 0 : Math.max(0, this.#openUntil - now),
    };
  }

  /** Restores a snapshot taken by {@link snapshot}, rebased on `now`. */
  restore(snapshot: BreakerSnapshot, now: number): void {
    this.#close();
    for (const age of snapshot.failureAgesMs.slice(-this.#settings.failures)) {
      this.#ring.push(now - age);
    }
    if (snapshot.state !== 'closed') {
      this.#state = 'open';
      this.#openUntil = now + snapshot.openRemainingMs;
    }
  }

  #open(now: number): void {
    this.#state = 'open';
    this.#openUntil = now + this.#settings.openMs;
  }

  #close(): void {
    this.#state = 'closed';
    this.#ring.length = 0;
    this.#ringStart = 0;
    this.#openUntil = 0;
  }
}
