/**
 * A sliding one-minute window of events per key (a user, a guild). In memory on purpose: a
 * restart forgetting a minute of history is harmless, a disk write per question is not.
 */
export class MinuteRateLimiter {
  readonly #events = new Map<string, number[]>();
  readonly #now: () => number;

  public constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /**
   * Records an event for `key` if fewer than `limit` happened in the last minute; otherwise
   * records nothing and returns the ms until one slot frees up.
   */
  take(key: string, limit: number): { ok: true } | { ok: false; retryInMs: number } {
    const now = this.#now();
    const recent = (this.#events.get(key) ?? []).filter((at) => at > now - 60_000);
    if (recent.length >= limit) {
      this.#events.set(key, recent);
      return { ok: false, retryInMs: (recent[0] ?? now) + 60_000 - now };
    }
    recent.push(now);
    this.#events.set(key, recent);
    return { ok: true };
  }

  /** Gives an event back (the question was refused by a later check). */
  release(key: string): void {
    this.#events.get(key)?.pop();
  }
}
