import type { Admission } from './circuit-breaker.js';
import type { DeadlineSweeper, DeadlineTicket } from './deadline-sweeper.js';
import { HookError } from './errors.js';
import type { HookRecord } from './hook-record.js';
import type {
  DispatchResult,
  EmitReceipt,
  HookContext,
  HookOutcome,
  HookOutcomeStatus,
} from './types.js';

/** What a dispatch needs from its bus. Internal. */
export interface DispatchHost {
  readonly clock: () => number;
  readonly sweeper: DeadlineSweeper;
  /** Nesting depth of the code running right now (see `HookBus#emitAndWait`). */
  depth: number;
  breakerOpened(hook: HookRecord, error: unknown): void;
  breakerClosed(hook: HookRecord): void;
  finished(result: DispatchResult): void;
  emitFromHook(event: string, payload: unknown): Promise<EmitReceipt>;
  emitAndWaitFromHook(event: string, payload: unknown, depth: number): Promise<DispatchResult>;
}

type AnyEvents = Record<string, unknown>;

/** The `ctx` of one hook call. The AbortController is created only if `signal` is read. */
class HookCallContext implements HookContext<AnyEvents> {
  readonly #host: DispatchHost;
  readonly #hook: HookRecord;
  #controller: AbortController | undefined;
  readonly depth: number;

  constructor(host: DispatchHost, hook: HookRecord, depth: number) {
    this.#host = host;
    this.#hook = hook;
    this.depth = depth;
  }

  get event(): string {
    return this.#hook.event;
  }

  get hookId(): string {
    return this.#hook.id;
  }

  get owner(): string | undefined {
    return this.#hook.owner;
  }

  get signal(): AbortSignal {
    this.#controller ??= new AbortController();
    return this.#controller.signal;
  }

  abort(reason: unknown): void {
    this.#controller?.abort(reason);
  }

  emit(event: string, payload: unknown): Promise<EmitReceipt> {
    return this.#host.emitFromHook(event, payload);
  }

  emitAndWait(event: string, payload: unknown): Promise<DispatchResult> {
    return this.#host.emitAndWaitFromHook(event, payload, this.depth + 1);
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/**
 * Runs the hooks of one event in priority order, one after another. Hooks that return a
 * non-promise are recorded synchronously and never touch a timer; the first promise switches the
 * dispatch to asynchronous mode, with the hook's deadline tracked by the bus's shared sweeper.
 * Every failure is collected; none stops the hooks after it.
 */
export class Dispatch {
  readonly #host: DispatchHost;
  readonly #event: string;
  readonly #payload: unknown;
  readonly #hooks: readonly HookRecord[];
  readonly #depth: number;
  readonly #mode: 'direct' | 'queued';
  readonly #queueDelayMs: number;
  readonly #startedAt: number;
  readonly #outcomes: HookOutcome[] = [];
  #next = 0;
  /** Clock time of the last reading: a hook's end is the next hook's start (one read per hook). */
  #now: number;
  #succeeded = 0;
  #failed = 0;
  #skipped = 0;
  #resolve: ((result: DispatchResult) => void) | undefined;
  #reject: ((error: unknown) => void) | undefined;

  constructor(
    host: DispatchHost,
    event: string,
    payload: unknown,
    hooks: readonly HookRecord[],
    depth: number,
    mode: 'direct' | 'queued',
    queueDelayMs: number,
  ) {
    this.#host = host;
    this.#event = event;
    this.#payload = payload;
    this.#hooks = hooks;
    this.#depth = depth;
    this.#mode = mode;
    this.#queueDelayMs = queueDelayMs;
    this.#startedAt = host.clock();
    this.#now = this.#startedAt;
  }

  /** Runs until done (returns the result) or until a hook is pending (returns a promise). */
  run(): DispatchResult | Promise<DispatchResult> {
    if (this.#advance()) return this.#finish();
    return new Promise<DispatchResult>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
  }

  /** Calls hooks from `#next` on; false when one is pending. Sets the bus depth while it runs. */
  #advance(): boolean {
    const host = this.#host;
    const saved = host.depth;
    host.depth = this.#depth + 1;
    try {
      const hooks = this.#hooks;
      while (this.#next < hooks.length) {
        const hook = hooks[this.#next++]!;
        if (!hook.enabled) {
          hook.metrics.skippedDisabled++;
          this.#skip(hook, 'skipped-disabled');
          continue;
        }
        const startedAt = this.#now;
        const admission = hook.breaker.admit(startedAt);
        if (admission === 'skip') {
          hook.metrics.skippedOpen++;
          this.#skip(hook, 'skipped-open');
          continue;
        }
        hook.metrics.calls++;
        const ctx = new HookCallContext(host, hook, this.#depth);
        let value: unknown;
        try {
          value = hook.handler(this.#payload, ctx);
          if (isThenable(value)) {
            this.#wait(hook, admission, ctx, value, startedAt);
            return false;
          }
        } catch (error) {
          this.#now = host.clock();
          this.#record(hook, admission, 'error', undefined, error, this.#now - startedAt);
          continue;
        }
        this.#now = host.clock();
        this.#record(hook, admission, 'ok', value, undefined, this.#now - startedAt);
      }
      return true;
    } finally {
      host.depth = saved;
    }
  }

  #wait(
    hook: HookRecord,
    admission: Admission,
    ctx: HookCallContext,
    value: PromiseLike<unknown>,
    startedAt: number,
  ): void {
    const sweeper = this.#host.sweeper;
    const ticket: DeadlineTicket = sweeper.track(
      hook.timeoutMs,
      () => {
        const error = new HookError(
          'ZRX_HOOK_TIMEOUT',
          `hook "${hook.id}" (event "${hook.event}") did not settle within ${hook.timeoutMs} ms`,
          'Make the hook finish sooner (await less, or hand slow work to a queue), or raise its timeoutMs.',
          { argument: 'timeoutMs' },
        );
        ctx.abort(error);
        this.#resume(hook, admission, 'timeout', undefined, error, startedAt);
      },
      startedAt,
    );
    // Promise.resolve adopts foreign thenables asynchronously, so a `then` that calls back
    // synchronously (or twice) cannot re-enter this dispatch.
    Promise.resolve(value).then(
      (result) => {
        if (sweeper.release(ticket)) {
          this.#resume(hook, admission, 'ok', result, undefined, startedAt);
        }
      },
      (error: unknown) => {
        if (sweeper.release(ticket)) {
          this.#resume(hook, admission, 'error', undefined, error, startedAt);
        }
      },
    );
  }

  #resume(
    hook: HookRecord,
    admission: Admission,
    status: 'ok' | 'error' | 'timeout',
    value: unknown,
    error: unknown,
    startedAt: number,
  ): void {
    try {
      // Read the clock inside the try: a throwing injected clock must reject, not escape.
      this.#now = this.#host.clock();
      const durationMs = status === 'timeout' ? hook.timeoutMs : this.#now - startedAt;
      this.#record(hook, admission, status, value, error, durationMs);
      if (this.#advance()) this.#resolve?.(this.#finish());
    } catch (crash) {
      // Only a bug of the bus (or a throwing injected clock) lands here, never a hook's error.
      this.#reject?.(crash);
    }
  }

  #skip(hook: HookRecord, status: HookOutcomeStatus): void {
    this.#skipped++;
    this.#outcomes.push({ hookId: hook.id, status, durationMs: 0 });
  }

  #record(
    hook: HookRecord,
    admission: Admission,
    status: 'ok' | 'error' | 'timeout',
    value: unknown,
    error: unknown,
    durationMs: number,
  ): void {
    const metrics = hook.metrics;
    metrics.duration(durationMs);
    if (status === 'ok') {
      this.#succeeded++;
      metrics.successes++;
      this.#outcomes.push({ hookId: hook.id, status, durationMs, value });
      if (hook.breaker.recordSuccess(admission)) this.#host.breakerClosed(hook);
      return;
    }
    this.#failed++;
    metrics.failures++;
    if (status === 'timeout') metrics.timeouts++;
    const now = this.#now;
    metrics.error(error, now);
    this.#outcomes.push({ hookId: hook.id, status, durationMs, error });
    if (hook.breaker.recordFailure(admission, now)) this.#host.breakerOpened(hook, error);
  }

  #finish(): DispatchResult {
    const result: DispatchResult = {
      event: this.#event,
      mode: this.#mode,
      startedAt: this.#startedAt,
      durationMs: this.#now - this.#startedAt,
      queueDelayMs: this.#queueDelayMs,
      ok: this.#failed === 0,
      succeeded: this.#succeeded,
      failed: this.#failed,
      skipped: this.#skipped,
      outcomes: this.#outcomes,
    };
    this.#host.finished(result);
    return result;
  }
}
