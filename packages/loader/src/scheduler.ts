import { Cron } from 'croner';
import { type ActivitySink, runAsExtension } from './attribution.js';
import { type Duration, toMilliseconds } from './duration.js';
import { LoaderError } from './errors.js';
import type { OwnershipScope } from './ownership.js';

/** A scheduled job. Cancelling is idempotent; unloading the extension cancels it too. */
export interface ScheduledTask {
  /** Stops the job; a run in progress finishes. */
  cancel(): void;
  /** How many times the job has started. */
  readonly runs: number;
  /** False once cancelled (or, for `after`, once it ran). */
  readonly active: boolean;
}

/** Options for {@link ExtensionScheduler.every}. */
export interface EveryOptions {
  /** Also run once right away. Default false. */
  immediate?: boolean;
}

/** Timers owned by an extension: stopped automatically on unload and reload. */
export interface ExtensionScheduler {
  /**
   * Runs `fn` every `interval` (`'1h'`, `'30s'`, or milliseconds). A run never overlaps the
   * previous one: if an async run is still going, that tick is skipped. Errors are logged, and
   * the job keeps its schedule.
   */
  every(interval: Duration, fn: () => unknown, options?: EveryOptions): ScheduledTask;
  /** Runs `fn` once after `delay`. */
  after(delay: Duration, fn: () => unknown): ScheduledTask;
  /**
   * Runs `fn` on a cron schedule (5 fields, or 6 with seconds first: `'0 3 * * *'` = daily at
   * 03:00), via croner. Like `every`, runs never overlap and errors are logged.
   */
  cron(pattern: string, fn: () => unknown, options?: CronOptions): ScheduledTask;
}

/** Options for {@link ExtensionScheduler.cron}. */
export interface CronOptions {
  /** IANA time zone the pattern is read in (`'Europe/Berlin'`). Default: the process's. */
  timezone?: string;
}

/** Where scheduled jobs report what they threw. */
export type ScheduleErrorReporter = (error: unknown, job: string) => void;

/**
 * Creates the `ctx.schedule` of one extension. Every timer is registered with the scope, so
 * releasing the scope clears it; timers are unref'd so they never keep a process alive alone.
 * Each run is attributed to the extension (see `runAsExtension`), `activity` told about it.
 */
export function createScheduler(
  scope: OwnershipScope,
  report: ScheduleErrorReporter,
  activity?: ActivitySink,
): ExtensionScheduler {
  let jobs = 0;
  const owner = scope.owner;

  function run(fn: () => unknown, job: string, done: () => void): void {
    try {
      const result = runAsExtension(owner, fn, activity);
      if (result !== null && typeof result === 'object' && 'then' in result) {
        Promise.resolve(result).then(done, (error: unknown) => {
          done();
          report(error, job);
        });
        return;
      }
    } catch (error) {
      report(error, job);
    }
    done();
  }

  return {
    every(interval, fn, options = {}) {
      const periodMs = toMilliseconds(interval, 'schedule.every(interval)');
      const job = `every(${String(interval)})#${++jobs}`;
      let runs = 0;
      let running = false;
      let active = true;
      const tick = (): void => {
        if (running || !active) return;
        running = true;
        runs++;
        run(fn, job, () => {
          running = false;
        });
      };
      const timer = setInterval(tick, Math.max(1, periodMs));
      timer.unref();
      const cancel = scope.onDispose(() => {
        active = false;
        clearInterval(timer);
      });
      if (options.immediate) tick();
      return {
        cancel,
        get runs() {
          return runs;
        },
        get active() {
          return active;
        },
      };
    },
    cron(pattern, fn, options = {}) {
      const job = `cron(${pattern})#${++jobs}`;
      let runs = 0;
      let cron: Cron;
      try {
        cron = new Cron(
          pattern,
          {
            protect: true,
            unref: true,
            ...(options.timezone ? { timezone: options.timezone } : {}),
          },
          async () => {
            runs++;
            try {
              await runAsExtension(owner, fn, activity);
            } catch (error) {
              report(error, job);
            }
          },
        );
      } catch (error) {
        throw new LoaderError(
          'ZRX_EXT_INVALID_CRON',
          `schedule.cron(pattern) got an invalid pattern ${JSON.stringify(pattern)}: ${(error as Error).message}`,
          "Use 5 fields (minute hour day month weekday), e.g. '0 3 * * *', or 6 with seconds first.",
          { cause: error },
        );
      }
      const cancel = scope.onDispose(() => cron.stop());
      return {
        cancel,
        get runs() {
          return runs;
        },
        get active() {
          return !cron.isStopped();
        },
      };
    },
    after(delay, fn) {
      const delayMs = toMilliseconds(delay, 'schedule.after(delay)');
      const job = `after(${String(delay)})#${++jobs}`;
      let runs = 0;
      let active = true;
      const timer = setTimeout(() => {
        active = false;
        runs++;
        cancel();
        run(fn, job, () => {});
      }, delayMs);
      timer.unref();
      const cancel = scope.onDispose(() => {
        active = false;
        clearTimeout(timer);
      });
      return {
        cancel,
        get runs() {
          return runs;
        },
        get active() {
          return active;
        },
      };
    },
  };
}
