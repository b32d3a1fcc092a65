import type { HookEvents } from './events.js';

/** Breaker state as reported by {@link HookInfo}. */
export type BreakerStatus = 'closed' | 'open' | 'half-open';

/** Options of `HookBus#on`. */
export interface HookOptions {
  /** Unique hook id. Default `event:handlerName` (`event:anonymous#n` for anonymous handlers). */
  id?: string;
  /** Higher runs first; ties run in registration order. Default 0. */
  priority?: number;
  /** Per-call time limit in ms (> 0, at most 2^31-1). Default: the bus's `defaultTimeoutMs`. */
  timeoutMs?: number;
  /** The extension that owns this hook; `releaseOwner(owner)` removes all of them at once. */
  owner?: string;
}

/**
 * Second argument of every hook call. Re-emit through `ctx` rather than through the bus so the
 * recursion limit can see the chain even across `await`s.
 */
export interface HookContext<E = HookEvents> {
  /** The event being dispatched. */
  readonly event: string;
  /** Id of the hook being called. */
  readonly hookId: string;
  /** Owner of the hook being called, if it has one. */
  readonly owner: string | undefined;
  /** Nesting depth: 0 for a top-level emit, 1 for an emit from inside a hook, … */
  readonly depth: number;
  /** Aborted when this call times out. Created on first access, so unused it costs nothing. */
  readonly signal: AbortSignal;
  /** Queues an event from inside a hook (see `HookBus#emit`). */
  emit<K extends keyof E>(event: K, payload: E[K]): Promise<EmitReceipt>;
  /** Dispatches an event from inside a hook (see `HookBus#emitAndWait`), depth-limited. */
  emitAndWait<K extends keyof E>(event: K, payload: E[K]): Promise<DispatchResult>;
}

/** A hook function. It may return anything or a promise; the value is kept in its outcome. */
export type HookHandler<P, E = HookEvents> = (
  payload: P,
  ctx: HookContext<E>,
) => unknown | Promise<unknown>;

/** Why a queued emit was not accepted. */
export type DropReason = 'queue_full' | 'too_many_waiting' | 'closed';

/** What `HookBus#emit` resolves with. */
export interface EmitReceipt {
  /** The event is in the queue and will be dispatched. */
  readonly accepted: boolean;
  /** The event was dropped and counted; it will never be dispatched. */
  readonly dropped: boolean;
  /** How long `emit` waited for room (0 when there was room at once). */
  readonly waitedMs: number;
  /** Set when `dropped` is true. */
  readonly reason?: DropReason;
}

/** Result of calling (or skipping) one hook for one event. */
export type HookOutcomeStatus = 'ok' | 'error' | 'timeout' | 'skipped-open' | 'skipped-disabled';

/** Outcome of one hook within a dispatch. */
export interface HookOutcome {
  readonly hookId: string;
  readonly status: HookOutcomeStatus;
  /** Time the call took (the timeout for `timeout`, 0 when skipped). */
  readonly durationMs: number;
  /** The thrown value (any type) or, for `timeout`, a `ZRX_HOOK_TIMEOUT` HookError. */
  readonly error?: unknown;
  /** What the hook returned (or its promise resolved to). */
  readonly value?: unknown;
}

/**
 * Result of one dispatch: every hook ran (or timed out, or was skipped) and failures were
 * collected rather than thrown. The same object is stored in the history.
 */
export interface DispatchResult {
  readonly event: string;
  /** `direct` for `emitAndWait`, `queued` for `emit`. */
  readonly mode: 'direct' | 'queued';
  /** Clock time when the dispatch started. */
  readonly startedAt: number;
  readonly durationMs: number;
  /** Time the event spent in the queue (0 for direct dispatches). */
  readonly queueDelayMs: number;
  /** True when no hook failed or timed out (skipped hooks are not failures). */
  readonly ok: boolean;
  readonly succeeded: number;
  readonly failed: number;
  readonly skipped: number;
  /** In the order the hooks ran (priority order). */
  readonly outcomes: readonly HookOutcome[];
}

/** One entry of `HookBus#history`: a finished dispatch. */
export interface ExecutionRecord extends DispatchResult {}

/** Per-hook counters. Durations are over the most recent 256 completed calls. */
export interface HookMetrics {
  readonly calls: number;
  readonly successes: number;
  /** Failed calls, timeouts included. */
  readonly failures: number;
  readonly timeouts: number;
  readonly skippedOpen: number;
  readonly skippedDisabled: number;
  readonly avgDurationMs: number;
  readonly p95DurationMs: number;
  readonly lastError: { readonly message: string; readonly at: number } | null;
}

/** What `HookBus#hooks` lists per hook. */
export interface HookInfo {
  readonly id: string;
  readonly event: string;
  readonly priority: number;
  readonly timeoutMs: number;
  readonly owner: string | undefined;
  readonly enabled: boolean;
  readonly breaker: BreakerStatus;
  readonly metrics: HookMetrics;
}

/** Per-event counters in {@link BusStats}. */
export interface EventStats {
  /** Queued emits accepted. */
  readonly accepted: number;
  /** Queued emits dropped. */
  readonly dropped: number;
  /** Dispatches finished (queued and direct). */
  readonly dispatched: number;
  /** Hook failures and timeouts across those dispatches. */
  readonly hookFailures: number;
}

/** What `HookBus#stats` returns. */
export interface BusStats {
  /** Events waiting in the queue. */
  readonly queued: number;
  readonly capacity: number;
  /** Emitters waiting for room (backpressure). */
  readonly waiting: number;
  /** Queued events being dispatched right now. */
  readonly inFlight: number;
  readonly accepted: number;
  readonly dropped: number;
  readonly dispatched: number;
  readonly avgQueueDelayMs: number;
  readonly maxQueueDelayMs: number;
  readonly dispatcherRestarts: number;
  readonly closed: boolean;
  /** Alert listeners that threw (their errors are swallowed so alerts never break dispatch). */
  readonly alertListenerErrors: number;
  readonly events: Readonly<Record<string, EventStats>>;
}

/** Alerts raised by the bus (see `HookBus#onAlert`). */
export type HookAlert =
  | { readonly type: 'queue_full'; readonly event: string; readonly capacity: number }
  | {
      readonly type: 'event_dropped';
      readonly event: string;
      readonly reason: DropReason;
      readonly waitedMs: number;
      readonly droppedTotal: number;
    }
  | {
      readonly type: 'breaker_opened';
      readonly hookId: string;
      readonly event: string;
      readonly failures: number;
      readonly openMs: number;
      readonly lastError: string;
    }
  | {
      readonly type: 'breaker_closed';
      readonly hookId: string;
      readonly event: string;
      readonly reason: 'trial_succeeded' | 'reset';
    }
  | {
      readonly type: 'dispatcher_restarted';
      readonly attempt: number;
      readonly delayMs: number;
      readonly error: string;
    };

/** Listener for {@link HookAlert}s. */
export type HookAlertListener = (alert: HookAlert) => void;
