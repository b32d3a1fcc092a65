import { DeadlineSweeper } from './deadline-sweeper.js';
import { Dispatch, type DispatchHost } from './dispatch.js';
import { crashRecord, DispatchHistory } from './dispatch-history.js';
import { describeError, HookError } from './errors.js';
import type { HookEvents } from './events.js';
import {
  countArgument,
  eventName,
  invalidArgument,
  resolveRegistration,
} from './hook-arguments.js';
import { HookRecord, type StoredHandler } from './hook-record.js';
import { HookRegistry } from './hook-registry.js';
import {
  applyHookState,
  type HookBusState,
  type HookStateEntry,
  parseHookBusState,
  snapshotHook,
} from './hook-state.js';
import { type HookBusOptions, type ResolvedBusOptions, resolveBusOptions } from './options.js';
import { QueuedDispatcher, type QueueItem } from './queued-dispatcher.js';
import type {
  BusStats,
  DispatchResult,
  EmitReceipt,
  EventStats,
  ExecutionRecord,
  HookAlert,
  HookAlertListener,
  HookContext,
  HookInfo,
  HookOptions,
} from './types.js';

interface MutableEventStats {
  accepted: number;
  dropped: number;
  dispatched: number;
  hookFailures: number;
}

/**
 * The typed event-hook bus: prioritised hooks with per-call timeouts and circuit breakers, a
 * bounded queue with backpressure, history, metrics and alerts.
 *
 * @typeParam E - event name → payload map; defaults to the augmentable {@link HookEvents}.
 * @example
 * ```ts
 * // after `declare module '@zoryx/hooks' { interface HookEvents { level_up: { level: number } } }`
 * const bus = new HookBus();
 * bus.on('level_up', (p) => console.log('level', p.level), { owner: 'levels' });
 * await bus.emit('level_up', { level: 3 });
 * await bus.drain();
 * ```
 */
export class HookBus<E = HookEvents> {
  readonly #options: ResolvedBusOptions;
  readonly #registry = new HookRegistry();
  readonly #history: DispatchHistory;
  readonly #sweeper: DeadlineSweeper;
  readonly #queue: QueuedDispatcher;
  readonly #host: DispatchHost;
  readonly #alertListeners = new Set<HookAlertListener>();
  readonly #eventStats = new Map<string, MutableEventStats>();
  /** Snapshots of released or imported hooks, applied when a hook with that id registers. */
  readonly #retained = new Map<string, HookStateEntry>();
  #anonymous = 0;
  #directDispatched = 0;
  #alertErrors = 0;

  /** @param options - see {@link HookBusOptions}; invalid values throw `ZRX_HOOK_INVALID_OPTION`. */
  constructor(options?: HookBusOptions) {
    const o = resolveBusOptions(options);
    this.#options = o;
    if (options?.onAlert !== undefined) this.#alertListeners.add(options.onAlert);
    this.#history = new DispatchHistory(o.historySize, o.historyPerEvent);
    this.#sweeper = new DeadlineSweeper(o.clock);
    this.#host = {
      clock: o.clock,
      sweeper: this.#sweeper,
      depth: 0,
      breakerOpened: (hook, error) =>
        this.#alert({
          type: 'breaker_opened',
          hookId: hook.id,
          event: hook.event,
          failures: hook.breaker.failuresInWindow(o.clock()),
          openMs: o.openMs,
          lastError: describeError(error),
        }),
      breakerClosed: (hook) =>
        this.#alert({
          type: 'breaker_closed',
          hookId: hook.id,
          event: hook.event,
          reason: 'trial_succeeded',
        }),
      finished: (result) => this.#finished(result),
      emitFromHook: (event, payload) => this.#queue.enqueue(event, payload),
      emitAndWaitFromHook: (event, payload, depth) => this.#direct(event, payload, depth),
    };
    this.#queue = new QueuedDispatcher({
      clock: o.clock,
      sweeper: this.#sweeper,
      queueCapacity: o.queueCapacity,
      backpressureMs: o.backpressureMs,
      concurrency: o.concurrency,
      maxWaiting: o.maxWaiting,
      restartDelayMs: o.restartDelayMs,
      maxRestartDelayMs: o.maxRestartDelayMs,
      alert: (alert) => this.#alert(alert),
      counted: (event, what) => this.#statsFor(event)[what]++,
      dispatch: (item, delay) => this.#dispatchQueued(item, delay),
      crashed: (item, error, delay) => this.#crashed(item, error, delay),
    });
  }

  /**
   * Registers a hook. Returns a function that removes it (and forgets its state).
   *
   * @throws HookError `ZRX_HOOK_INVALID_EVENT`, `ZRX_HOOK_INVALID_HANDLER`,
   *   `ZRX_HOOK_INVALID_OPTION` (naming the option) or `ZRX_HOOK_DUPLICATE_ID`.
   */
  on<K extends keyof E>(
    event: K,
    handler: (payload: E[K], ctx: HookContext<E>) => unknown | Promise<unknown>,
    options?: HookOptions,
  ): () => void {
    const { id, ...reg } = resolveRegistration(
      event,
      handler,
      options,
      this.#options.defaultTimeoutMs,
      () => ++this.#anonymous,
    );
    const existing = this.#registry.get(id);
    if (existing !== undefined) {
      throw new HookError(
        'ZRX_HOOK_DUPLICATE_ID',
        `hook id "${id}" is already registered (event "${existing.event}"${existing.owner === undefined ? '' : `, owner "${existing.owner}"`})`,
        'Give one of them a distinct options.id, or remove the old hook first (its off() or releaseOwner).',
        { argument: 'options.id' },
      );
    }
    const hook = new HookRecord({ id, ...reg, handler: handler as StoredHandler }, this.#options);
    const saved = this.#retained.get(id);
    if (saved !== undefined) {
      this.#retained.delete(id);
      applyHookState(hook, saved, this.#options.clock());
    }
    this.#registry.add(hook);
    return () => {
      this.#registry.remove(hook);
    };
  }

  /**
   * Queues an event. Resolves as soon as it is accepted, or — when the queue is full — after
   * waiting up to `backpressureMs` for room, with `dropped: true` if none came. Never rejects.
   */
  emit<K extends keyof E>(event: K, payload: E[K]): Promise<EmitReceipt> {
    return this.#queue.enqueue(eventName(event), payload);
  }

  /**
   * Dispatches now, bypassing the queue, and resolves after every hook ran, failed, timed out or
   * was skipped. Hook failures are collected in the result, never thrown. Rejects with
   * `ZRX_HOOK_BUS_CLOSED` after `close()`, and with `ZRX_HOOK_RECURSION_LIMIT` when hooks nest
   * emits deeper than `maxDepth` (re-emit via `ctx.emitAndWait` after an `await`, so the depth
   * is still known).
   */
  emitAndWait<K extends keyof E>(event: K, payload: E[K]): Promise<DispatchResult> {
    return this.#direct(eventName(event), payload, this.#host.depth);
  }

  /** Disables a hook: it is skipped (and counted) until {@link enable}. */
  disable(hookId: string): void {
    this.#hook(hookId, 'disable').enabled = false;
  }

  /** Re-enables a disabled hook. Its breaker is left as it is (see {@link resetBreaker}). */
  enable(hookId: string): void {
    this.#hook(hookId, 'enable').enabled = true;
  }

  /** Closes a hook's breaker and forgets its failures. */
  resetBreaker(hookId: string): void {
    const hook = this.#hook(hookId, 'resetBreaker');
    if (hook.breaker.reset()) {
      this.#alert({ type: 'breaker_closed', hookId, event: hook.event, reason: 'reset' });
    }
  }

  /**
   * Removes every hook registered with `owner` and returns how many. By default their state
   * (enabled flag, breaker, metrics) is retained by id, and a hook registered later with the same
   * id picks it up: this is how state survives a hot reload. Pass `{ keepState: false }` to forget.
   */
  releaseOwner(owner: string, options: { keepState?: boolean } = {}): number {
    if (typeof owner !== 'string' || owner.length === 0) {
      throw invalidArgument('owner', 'a non-empty string');
    }
    const now = this.#options.clock();
    let removed = 0;
    for (const hook of [...this.#registry.all()]) {
      if (hook.owner !== owner) continue;
      if (options.keepState !== false) this.#retained.set(hook.id, snapshotHook(hook, now));
      if (this.#registry.remove(hook)) removed++;
    }
    return removed;
  }

  /** Every registered hook with its state and metrics, in registration order. */
  hooks(): HookInfo[] {
    const now = this.#options.clock();
    return [...this.#registry.all()].map((h) => ({
      id: h.id,
      event: h.event,
      priority: h.priority,
      timeoutMs: h.timeoutMs,
      owner: h.owner,
      enabled: h.enabled,
      breaker: h.breaker.status(now),
      metrics: h.metrics.view(),
    }));
  }

  /** Finished dispatches, oldest first: the last `historySize`, or `historyPerEvent` of `event`. */
  history(filter?: { event?: string; limit?: number }): ExecutionRecord[] {
    if (filter?.limit !== undefined) countArgument('filter.limit', filter.limit);
    return this.#history.list(filter);
  }

  /** Queue and dispatch counters. */
  stats(): BusStats {
    const q = this.#queue;
    const events: Record<string, EventStats> = {};
    for (const [name, s] of this.#eventStats) events[name] = { ...s };
    return {
      queued: q.queued,
      capacity: this.#options.queueCapacity,
      waiting: q.waiting,
      inFlight: q.inFlight,
      accepted: q.accepted,
      dropped: q.dropped,
      dispatched: q.dispatched + this.#directDispatched,
      avgQueueDelayMs: q.avgQueueDelayMs,
      maxQueueDelayMs: q.maxQueueDelayMs,
      dispatcherRestarts: q.restarts,
      closed: q.closed,
      alertListenerErrors: this.#alertErrors,
      events,
    };
  }

  /** Resolves when the queue (and its waiters) is empty and its dispatches have finished. */
  drain(): Promise<void> {
    return this.#queue.drain();
  }

  /**
   * Stops intake (later `emit`s are dropped with reason `closed`, waiting ones too), then drains
   * what was accepted. Hooks are never waited on past their own timeout.
   */
  close(): Promise<void> {
    return this.#queue.close();
  }

  /** Subscribes to alerts. A throwing listener is ignored (and counted). Returns unsubscribe. */
  onAlert(listener: HookAlertListener): () => void {
    if (typeof listener !== 'function') throw invalidArgument('listener', 'a function');
    this.#alertListeners.add(listener);
    return () => {
      this.#alertListeners.delete(listener);
    };
  }

  /**
   * Exports the state of registered hooks and of retained ones (released, not yet re-registered),
   * optionally only those of one owner. Plain JSON; see {@link importState}.
   */
  exportState(filter: { owner?: string } = {}): HookBusState {
    const now = this.#options.clock();
    const hooks: Record<string, HookStateEntry> = {};
    if (filter.owner === undefined) for (const [id, e] of this.#retained) hooks[id] = e;
    for (const h of this.#registry.all()) {
      if (filter.owner === undefined || h.owner === filter.owner)
        hooks[h.id] = snapshotHook(h, now);
    }
    return { version: 1, hooks };
  }

  /**
   * Restores exported state: applied at once to registered hooks with those ids, and kept for
   * ids that register later. Throws `ZRX_HOOK_INVALID_STATE` (naming the field) on a bad shape.
   */
  importState(state: HookBusState): void {
    const parsed = parseHookBusState(state);
    for (const [id, entry] of Object.entries(parsed.hooks)) {
      const hook = this.#registry.get(id);
      if (hook === undefined) this.#retained.set(id, entry);
      else applyHookState(hook, entry, this.#options.clock());
    }
  }

  #direct(event: string, payload: unknown, depth: number): Promise<DispatchResult> {
    if (this.#queue.closed) {
      return Promise.reject(
        new HookError(
          'ZRX_HOOK_BUS_CLOSED',
          `emitAndWait("${event}") called after the bus was closed`,
          'Stop emitting once close() was called, or create a new HookBus.',
        ),
      );
    }
    if (depth >= this.#options.maxDepth) {
      return Promise.reject(
        new HookError(
          'ZRX_HOOK_RECURSION_LIMIT',
          `emitAndWait("${event}") nested ${depth} deep inside hooks (maxDepth ${this.#options.maxDepth})`,
          'A hook re-emits an event that triggers it again; break the cycle or raise options.maxDepth.',
          { argument: 'event' },
        ),
      );
    }
    try {
      const dispatch = new Dispatch(
        this.#host,
        event,
        payload,
        this.#registry.forEvent(event),
        depth,
        'direct',
        0,
      );
      const result = dispatch.run();
      return result instanceof Promise ? result : Promise.resolve(result);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  #dispatchQueued(item: QueueItem, delay: number): DispatchResult | Promise<DispatchResult> {
    const hooks = this.#registry.forEvent(item.event);
    return new Dispatch(this.#host, item.event, item.payload, hooks, 0, 'queued', delay).run();
  }

  #finished(result: DispatchResult): void {
    if (result.mode === 'direct') this.#directDispatched++;
    const s = this.#statsFor(result.event);
    s.dispatched++;
    s.hookFailures += result.failed;
    this.#history.push(result);
  }

  #crashed(item: QueueItem | undefined, error: unknown, delay: number): void {
    if (item !== undefined) {
      this.#history.push(crashRecord(item.event, error, delay, this.#options.clock()));
    }
  }

  #statsFor(event: string): MutableEventStats {
    let s = this.#eventStats.get(event);
    if (s === undefined) {
      s = { accepted: 0, dropped: 0, dispatched: 0, hookFailures: 0 };
      this.#eventStats.set(event, s);
    }
    return s;
  }

  #alert(alert: HookAlert): void {
    for (const listener of this.#alertListeners) {
      try {
        listener(alert);
      } catch {
        this.#alertErrors++;
      }
    }
  }

  #hook(hookId: string, method: string): HookRecord {
    const hook = typeof hookId === 'string' ? this.#registry.get(hookId) : undefined;
    if (hook === undefined) {
      throw new HookError(
        'ZRX_HOOK_UNKNOWN_ID',
        `${method}(hookId): no hook with id ${JSON.stringify(hookId)} is registered`,
        'Use an id from bus.hooks() (default ids are "event:handlerName").',
        { argument: 'hookId' },
      );
    }
    return hook;
  }
}
