import type { HookEvents } from '@zoryx/hooks';

/** What the framework emits as `command_error` (a failed command, or a prefix typo). */
export type CommandErrorPayload = HookEvents['command_error'];

/** Commands and errors counted over the rolling window. */
export interface ErrorRate {
  /** Commands that finished, with or without an error. */
  readonly commands: number;
  readonly errors: number;
  /** `errors / commands × 100`, 0 without commands; two decimals. */
  readonly percent: number;
}

/** Options of {@link RollingErrorRate}. */
export interface RollingErrorRateOptions {
  /** Window length in ms. Default one hour. */
  windowMs?: number;
  /** Bucket width in ms (memory is `windowMs / bucketMs` counters). Default one minute. */
  bucketMs?: number;
  /** Wall clock in ms. Default `Date.now`. */
  clock?: () => number;
}

/**
 * Whether a `command_error` is a typo (a prefix message that matched no command) rather than a
 * failure. The original counted those, so a user mistyping a command degraded the bot's health.
 */
export function isUnknownCommand(payload: CommandErrorPayload): boolean {
  return payload.commandName === 'unknown' || payload.error.name === 'CommandNotFound';
}

/**
 * Command successes and errors in a rolling window (one hour by default), counted in fixed-width
 * buckets so memory does not grow with traffic.
 */
export class RollingErrorRate {
  readonly #windowMs: number;
  readonly #bucketMs: number;
  readonly #clock: () => number;
  /** bucket index → [commands, errors] */
  readonly #buckets = new Map<number, [number, number]>();

  constructor(options: RollingErrorRateOptions = {}) {
    this.#windowMs = options.windowMs ?? 3_600_000;
    this.#bucketMs = options.bucketMs ?? 60_000;
    this.#clock = options.clock ?? Date.now;
  }

  /** Counts a command that finished without an error. */
  success(): void {
    this.#bump(false);
  }

  /** Counts a command that failed. */
  error(): void {
    this.#bump(true);
  }

  /** Counts and errors inside the window now. */
  rate(): ErrorRate {
    this.#prune();
    let commands = 0;
    let errors = 0;
    for (const [c, e] of this.#buckets.values()) {
      commands += c;
      errors += e;
    }
    const percent = commands === 0 ? 0 : Math.round((errors / commands) * 10_000) / 100;
    return { commands, errors, percent };
  }

  #bump(isError: boolean): void {
    const index = Math.floor(this.#clock() / this.#bucketMs);
    const bucket = this.#buckets.get(index) ?? [0, 0];
    bucket[0]++;
    if (isError) bucket[1]++;
    this.#buckets.set(index, bucket);
    this.#prune();
  }

  #prune(): void {
    const oldest = Math.floor((this.#clock() - this.#windowMs) / this.#bucketMs);
    for (const index of this.#buckets.keys()) if (index <= oldest) this.#buckets.delete(index);
  }
}
