import { HookError } from './errors.js';
import type { HookAlertListener } from './types.js';

/** Circuit-breaker settings, shared by every hook on a bus. */
export interface BreakerOptions {
  /** Failures within `windowMs` that open the breaker. Default 5. */
  failures?: number;
  /** Sliding window for counting failures, ms. Default 300 000 (5 min). */
  windowMs?: number;
  /** How long an opened breaker stays open before one trial call, ms. Default 60 000. */
  openMs?: number;
}

/** Options of `new HookBus(options)`. Every field is optional. */
export interface HookBusOptions {
  /** Maximum events waiting in the queue. Default 1000. */
  queueCapacity?: number;
  /** How long `emit` waits for room before dropping, ms. 0 drops at once. Default 5000. */
  backpressureMs?: number;
  /** Per-hook timeout when `on` gives none, ms. Default 10 000. */
  defaultTimeoutMs?: number;
  breaker?: BreakerOptions;
  /** Dispatches kept in the overall history. Default 100. */
  historySize?: number;
  /** Dispatches kept per event name. Default 20. */
  historyPerEvent?: number;
  /** Monotonic time source in ms; inject a fake one in tests. Default `performance.now`. */
  clock?: () => number;
  /** Queued events dispatched at the same time (1 = strictly one after another). Default 8. */
  concurrency?: number;
  /** Emitters allowed to wait for room at once; more are dropped at once. Default 10 000. */
  maxWaiting?: number;
  /** Maximum nesting of `emitAndWait` from inside hooks. Default 16. */
  maxDepth?: number;
  /** First restart delay of a crashed dispatcher, doubled per consecutive crash, ms. Default 10. */
  restartDelayMs?: number;
  /** Upper bound of the restart delay, ms. Default 5000. */
  maxRestartDelayMs?: number;
  /** Convenience: registers an alert listener at construction. */
  onAlert?: HookAlertListener;
}

/** {@link HookBusOptions} with every default filled in and validated. */
export interface ResolvedBusOptions {
  readonly queueCapacity: number;
  readonly backpressureMs: number;
  readonly defaultTimeoutMs: number;
  readonly failures: number;
  readonly windowMs: number;
  readonly openMs: number;
  readonly historySize: number;
  readonly historyPerEvent: number;
  readonly clock: () => number;
  readonly concurrency: number;
  readonly maxWaiting: number;
  readonly maxDepth: number;
  readonly restartDelayMs: number;
  readonly maxRestartDelayMs: number;
}

/** Largest delay a Node timer accepts. */
export const MAX_TIMER_MS = 2_147_483_647;

function invalid(argument: string, value: unknown, expected: string): HookError {
  return new HookError(
    'ZRX_HOOK_INVALID_OPTION',
    `${argument} must be ${expected}, got ${typeof value === 'number' ? value : typeof value}`,
    `Pass ${argument} as ${expected}, or leave it out to use the default.`,
    { argument },
  );
}

/** Validates an integer option in [min, max]. */
export function intOption(argument: string, value: unknown, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw invalid(argument, value, `an integer >= ${min}`);
  }
  return value;
}

/** Validates a millisecond option: finite, >= min (0 or a positive epsilon), <= 2^31-1. */
export function msOption(argument: string, value: unknown, fallback: number, positive: boolean) {
  if (value === undefined) return fallback;
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < 0 ||
    (positive && value === 0) ||
    value > MAX_TIMER_MS
  ) {
    throw invalid(
      argument,
      value,
      `a number of ms ${positive ? '> 0' : '>= 0'} and <= ${MAX_TIMER_MS}`,
    );
  }
  return value;
}

/** Fills in defaults and rejects bad values with `ZRX_HOOK_INVALID_OPTION`. */
export function resolveBusOptions(options: HookBusOptions = {}): ResolvedBusOptions {
  if (typeof options !== 'object' || options === null) {
    throw invalid('options', options, 'an object');
  }
  const breaker = options.breaker ?? {};
  const clock = options.clock ?? (() => performance.now());
  if (typeof clock !== 'function') throw invalid('options.clock', clock, 'a function');
  if (options.onAlert !== undefined && typeof options.onAlert !== 'function') {
    throw invalid('options.onAlert', options.onAlert, 'a function');
  }
  const restartDelayMs = msOption('options.restartDelayMs', options.restartDelayMs, 10, true);
  return {
    queueCapacity: intOption('options.queueCapacity', options.queueCapacity, 1000, 1),
    backpressureMs: msOption('options.backpressureMs', options.backpressureMs, 5000, false),
    defaultTimeoutMs: msOption('options.defaultTimeoutMs', options.defaultTimeoutMs, 10_000, true),
    failures: intOption('options.breaker.failures', breaker.failures, 5, 1),
    windowMs: msOption('options.breaker.windowMs', breaker.windowMs, 300_000, true),
    openMs: msOption('options.breaker.openMs', breaker.openMs, 60_000, true),
    historySize: intOption('options.historySize', options.historySize, 100, 0),
    historyPerEvent: intOption('options.historyPerEvent', options.historyPerEvent, 20, 0),
    clock,
    concurrency: intOption('options.concurrency', options.concurrency, 8, 1),
    maxWaiting: intOption('options.maxWaiting', options.maxWaiting, 10_000, 0),
    maxDepth: intOption('options.maxDepth', options.maxDepth, 16, 1),
    restartDelayMs,
    maxRestartDelayMs: Math.max(
      restartDelayMs,
      msOption('options.maxRestartDelayMs', options.maxRestartDelayMs, 5000, true),
    ),
  };
}
