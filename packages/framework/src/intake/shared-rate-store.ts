import { FrameworkError } from '../errors.js';

/**
 * One hit on a shared window counter: the count after this hit and how long the window lasts.
 */
export interface SharedHit {
  /** The window's count including this hit (1 for the first hit of a window). */
  readonly count: number;
  /** Milliseconds until the window ends (and the count starts over). */
  readonly resetInMs: number;
}

/**
 * A fixed-window counter that several processes share (e.g. Redis: `@zoryx/cluster`'s
 * `RedisRateStore`). It lets the intake limits and command cooldowns hold for the whole bot
 * when it runs as several workers, instead of once per process.
 *
 * @remarks Plugged in with `bot.intake.useStore(store)` and `bot.cooldowns.useStore(store)`.
 * Without a store the in-process counters are used, synchronously (the default).
 */
export interface SharedRateStore {
  /**
   * Adds one to the counter `key`, opening a window of `windowMs` when there is none (or the
   * last one ended), and answers the count and the window's remaining time. Keys look like
   * `intake:commands:<userId>` or `cooldown:<command>:<userId>`.
   */
  hit(key: string, windowMs: number): Promise<SharedHit>;
}

/** How a limiter uses its {@link SharedRateStore}. */
export interface SharedStoreOptions {
  /**
   * How long to wait for the store before counting in this process instead. Default 1,000 ms.
   */
  readonly timeoutMs?: number;
  /**
   * Told when the store fails or is too slow (at most once a minute; `suppressed` = failures
   * not reported since the last call). The hit is then counted in this process: the limit still
   * holds per process (fail to local, never unlimited).
   */
  readonly onError?: (error: FrameworkError, suppressed: number) => void;
}

const REPORT_EVERY_MS = 60_000;

/**
 * A {@link SharedRateStore} behind a time limit and a fallback: `hit` answers `undefined` when
 * the store fails, answers something that is no count, or is slower than `timeoutMs`, and the
 * caller counts locally instead.
 */
export class SharedWindows {
  readonly #store: SharedRateStore;
  readonly #timeoutMs: number;
  readonly #onError: ((error: FrameworkError, suppressed: number) => void) | undefined;
  readonly #clock: () => number;
  #lastReport = Number.NEGATIVE_INFINITY;
  #suppressed = 0;
  /** Hits the store did not answer (counted locally instead). */
  public failures = 0;

  public constructor(
    store: SharedRateStore,
    options: SharedStoreOptions = {},
    clock: () => number = Date.now,
  ) {
    this.#store = store;
    this.#timeoutMs = options.timeoutMs ?? 1_000;
    this.#onError = options.onError;
    this.#clock = clock;
  }

  /** One hit on `key`, or `undefined` when the store could not answer in time. */
  public async hit(key: string, windowMs: number): Promise<SharedHit | undefined> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const answer = await Promise.race([
        this.#store.hit(key, windowMs),
        new Promise<'timeout'>((resolve) => {
          timer = setTimeout(() => resolve('timeout'), this.#timeoutMs);
        }),
      ]);
      if (answer === 'timeout') {
        this.#fail(
          new FrameworkError(
            'ZRX_SHARED_LIMITS_UNAVAILABLE',
            `The shared rate store did not answer within ${this.#timeoutMs} ms.`,
          ),
        );
        return undefined;
      }
      if (!Number.isFinite(answer.count) || !Number.isFinite(answer.resetInMs)) {
        this.#fail(
          new FrameworkError(
            'ZRX_SHARED_LIMITS_UNAVAILABLE',
            `The shared rate store answered no count for "${key}".`,
          ),
        );
        return undefined;
      }
      return { count: answer.count, resetInMs: Math.max(0, answer.resetInMs) };
    } catch (cause) {
      this.#fail(
        new FrameworkError(
          'ZRX_SHARED_LIMITS_UNAVAILABLE',
          `The shared rate store failed: ${cause instanceof Error ? cause.message : String(cause)}`,
          { cause },
        ),
      );
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  #fail(error: FrameworkError): void {
    this.failures += 1;
    const now = this.#clock();
    if (now - this.#lastReport < REPORT_EVERY_MS) {
      this.#suppressed += 1;
      return;
    }
    this.#lastReport = now;
    const suppressed = this.#suppressed;
    this.#suppressed = 0;
    try {
      this.#onError?.(error, suppressed);
    } catch {
      // A failing reporter must not turn a limit check into a failed command.
    }
  }
}
