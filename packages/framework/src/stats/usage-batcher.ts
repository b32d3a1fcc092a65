/** Aggregated uses of one command waiting to be written. */
export interface PendingUsage {
  name: string;
  count: number;
  lastUsed: number;
}

/** Options of a {@link UsageBatcher}. */
export interface UsageBatcherOptions {
  /** Flush once this many uses are pending. */
  batchSize: number;
  /** Flush at least this often while uses are pending; 0 disables the timer. */
  flushIntervalMs: number;
  now: () => number;
  /** Writes one batch in one transaction. */
  write: (batch: PendingUsage[]) => Promise<void>;
  /** Receives errors of flushes nobody awaits (size- or timer-triggered). */
  onError: (error: unknown) => void;
}

/**
 * Batches command-usage records: each record only bumps an in-memory counter per command (so
 * recording never waits for the disk and never fails a command), and a flush writes one upsert
 * per distinct command in a single transaction. A failed flush puts its counts back, so nothing
 * is lost and the next flush retries.
 */
export class UsageBatcher {
  #pending = new Map<string, PendingUsage>();
  #records = 0;
  #flushing: Promise<void> = Promise.resolve();
  /** A size-triggered flush is queued and has not started: don't queue another per record. */
  #sizeFlushQueued = false;
  readonly #options: UsageBatcherOptions;
  readonly #timer: NodeJS.Timeout | undefined;

  public constructor(options: UsageBatcherOptions) {
    this.#options = options;
    if (options.flushIntervalMs > 0) {
      this.#timer = setInterval(() => {
        if (this.#records > 0) this.flush().catch(options.onError);
      }, options.flushIntervalMs);
      this.#timer.unref();
    }
  }

  /** Records not yet written. */
  public get pending(): number {
    return this.#records;
  }

  /** Counts one use of `name`. */
  public record(name: string): void {
    const now = this.#options.now();
    const entry = this.#pending.get(name);
    if (entry === undefined) this.#pending.set(name, { name, count: 1, lastUsed: now });
    else {
      entry.count += 1;
      if (now > entry.lastUsed) entry.lastUsed = now;
    }
    this.#records += 1;
    if (this.#records >= this.#options.batchSize && !this.#sizeFlushQueued) {
      this.#sizeFlushQueued = true;
      this.flush().catch(this.#options.onError);
    }
  }

  /** Writes everything pending; flushes run one after another. */
  public flush(): Promise<void> {
    const run = this.#flushing.then(() => this.#flushOnce());
    this.#flushing = run.catch(() => {});
    return run;
  }

  async #flushOnce(): Promise<void> {
    this.#sizeFlushQueued = false;
    if (this.#records === 0) return;
    const batch = [...this.#pending.values()];
    const records = this.#records;
    this.#pending = new Map();
    this.#records = 0;
    try {
      await this.#options.write(batch);
    } catch (error) {
      for (const usage of batch) {
        const entry = this.#pending.get(usage.name);
        if (entry === undefined) this.#pending.set(usage.name, usage);
        else {
          entry.count += usage.count;
          entry.lastUsed = Math.max(entry.lastUsed, usage.lastUsed);
        }
      }
      this.#records += records;
      throw error;
    }
  }

  /** Stops the timer (the owner flushes one last time itself). */
  public stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
  }
}
