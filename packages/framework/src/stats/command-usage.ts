import type { ZoryxDatabase } from '@zoryx/db';
import { UsageBatcher } from './usage-batcher.js';
import { writeUsage } from './usage-table.js';
// Kept as a bare import too, so the `command_stats` table declaration reaches the built types.
import './usage-table.js';

/** One command's recorded usage, as returned by `bot.commandStats()`. */
export interface CommandStat {
  name: string;
  count: number;
  lastUsed: Date;
}

/** What {@link CommandUsage} is built on. */
export interface CommandUsageOptions {
  db: ZoryxDatabase;
  /** Resolves once the framework's main migrations (with `command_stats`) ran. */
  ready: () => Promise<void>;
  /** Receives errors of background flushes (they are retried with the next flush). */
  onError: (error: unknown) => void;
  /** Flush once this many uses are pending. Default 1,000. */
  batchSize?: number;
  /** Flush pending uses at least this often; 0 disables the timer. Default 5,000. */
  flushIntervalMs?: number;
  now?: () => number;
}

/**
 * How often each command ran, in the main database's `command_stats`. The framework is its one
 * writer: every successful command is recorded once, by the framework's result listeners.
 * Recording only bumps an in-memory counter; batches are written by size, by timer, before
 * {@link CommandUsage.stats} and on {@link CommandUsage.close}.
 */
export class CommandUsage {
  readonly #db: ZoryxDatabase;
  readonly #ready: () => Promise<void>;
  readonly #batcher: UsageBatcher;
  #closed = false;

  public constructor(options: CommandUsageOptions) {
    this.#db = options.db;
    this.#ready = options.ready;
    this.#batcher = new UsageBatcher({
      batchSize: options.batchSize ?? 1_000,
      flushIntervalMs: options.flushIntervalMs ?? 5_000,
      now: options.now ?? Date.now,
      write: async (batch) => {
        await this.#ready();
        await writeUsage(this.#db, batch);
      },
      onError: options.onError,
    });
  }

  /** Uses recorded and not yet written. */
  public get pending(): number {
    return this.#batcher.pending;
  }

  /** Counts one use of `name`; never throws, never waits (ignored after {@link close}). */
  public record(name: string): void {
    if (!this.#closed) this.#batcher.record(name);
  }

  /** Writes every pending use now. */
  public flush(): Promise<void> {
    return this.#batcher.flush();
  }

  /** Usage per command, most used first (ties by name); flushes pending uses first. */
  public async stats(): Promise<CommandStat[]> {
    await this.#batcher.flush();
    await this.#ready();
    const rows = await this.#db.main
      .selectFrom('command_stats')
      .select(['name', 'count', 'last_used'])
      .orderBy('count', 'desc')
      .orderBy('name')
      .execute();
    return rows.map((r) => ({ name: r.name, count: r.count, lastUsed: new Date(r.last_used) }));
  }

  /** Stops recording and the timer, and writes what is pending (before the database closes). */
  public async close(): Promise<void> {
    this.#closed = true;
    this.#batcher.stop();
    await this.#batcher.flush();
  }
}
