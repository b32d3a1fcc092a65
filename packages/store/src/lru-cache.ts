interface Entry<V> {
  readonly value: V;
  readonly expiresAt: number;
}

/**
 * A least-recently-used map with a time-to-live, driven by an injectable clock. A `Map` keeps
 * insertion order, so re-inserting on access makes its first key the least recently used.
 */
export class LruTtlCache<V> {
  readonly #entries = new Map<string, Entry<V>>();
  readonly #max: number;
  readonly #ttlMs: number;
  readonly #now: () => number;

  constructor(max: number, ttlMs: number, now: () => number) {
    this.#max = max;
    this.#ttlMs = ttlMs;
    this.#now = now;
  }

  /** Entries currently held (some may be expired but not yet looked at). */
  get size(): number {
    return this.#entries.size;
  }

  /** The configured capacity. */
  get max(): number {
    return this.#max;
  }

  /** The live value for `key`, or `undefined` when absent or expired (expired entries are dropped). */
  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (this.#now() >= entry.expiresAt) {
      this.#entries.delete(key);
      return undefined;
    }
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.value;
  }

  /** Stores `value` as most recently used, evicting the least recently used beyond capacity. */
  set(key: string, value: V): void {
    if (this.#max <= 0) return;
    this.#entries.delete(key);
    this.#entries.set(key, { value, expiresAt: this.#now() + this.#ttlMs });
    while (this.#entries.size > this.#max) {
      const oldest = this.#entries.keys().next();
      if (oldest.done) break;
      this.#entries.delete(oldest.value);
    }
  }

  /** Forgets `key`; returns whether it was held. */
  delete(key: string): boolean {
    return this.#entries.delete(key);
  }

  /** Forgets everything. */
  clear(): void {
    this.#entries.clear();
  }
}
