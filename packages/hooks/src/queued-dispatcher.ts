import type { DeadlineSweeper, DeadlineTicket } from './deadline-sweeper.js';
import { describeError } from './errors.js';
import { Fifo } from './fifo.js';
import type { DispatchResult, DropReason, EmitReceipt, HookAlert } from './types.js';

/** One accepted event. Internal. */
export interface QueueItem {
  readonly event: string;
  readonly payload: unknown;
  acceptedAt: number;
}

interface Waiter {
  readonly item: QueueItem;
  readonly since: number;
  readonly resolve: (receipt: EmitReceipt) => void;
  ticket: DeadlineTicket | undefined;
  done: boolean;
}

/** What the dispatcher needs from its bus. Internal. */
export interface DispatcherHost {
  readonly clock: () => number;
  readonly sweeper: DeadlineSweeper;
  readonly queueCapacity: number;
  readonly backpressureMs: number;
  readonly concurrency: number;
  readonly maxWaiting: number;
  readonly restartDelayMs: number;
  readonly maxRestartDelayMs: number;
  alert(alert: HookAlert): void;
  /** Per-event counters. */
  counted(event: string, what: 'accepted' | 'dropped'): void;
  dispatch(item: QueueItem, queueDelayMs: number): DispatchResult | Promise<DispatchResult>;
  /** Records an event whose dispatch crashed (it is not retried: no poison-message loops). */
  crashed(item: QueueItem | undefined, error: unknown, queueDelayMs: number): void;
}

const ACCEPTED_AT_ONCE: EmitReceipt = Object.freeze({
  accepted: true,
  dropped: false,
  waitedMs: 0,
});

/**
 * The bounded queue behind `HookBus#emit` and the loop that drains it.
 *
 * Events start in FIFO order, up to `concurrency` at a time, so one hanging hook holds one slot
 * for at most its timeout instead of stalling every event behind it (the Python original's
 * head-of-line blocking). The loop never dies: an unexpected throw is caught, the event is
 * recorded as crashed, and the loop restarts after an exponential backoff with an alert.
 */
export class QueuedDispatcher {
  readonly #host: DispatcherHost;
  readonly #queue = new Fifo<QueueItem>();
  readonly #waiters = new Fifo<Waiter>();
  #waiting = 0;
  #inFlight = 0;
  #scheduled = false;
  #restartTimer: NodeJS.Timeout | undefined;
  #consecutiveCrashes = 0;
  #drainers: (() => void)[] = [];
  #queueFullRaised = false;
  closed = false;
  accepted = 0;
  dropped = 0;
  dispatched = 0;
  restarts = 0;
  #delaySum = 0;
  #delayMax = 0;

  constructor(host: DispatcherHost) {
    this.#host = host;
  }

  get queued(): number {
    return this.#queue.length;
  }
  get waiting(): number {
    return this.#waiting;
  }
  get inFlight(): number {
    return this.#inFlight;
  }
  get avgQueueDelayMs(): number {
    return this.dispatched === 0 ? 0 : this.#delaySum / this.dispatched;
  }
  get maxQueueDelayMs(): number {
    return this.#delayMax;
  }

  /** Accepts the event, waits up to `backpressureMs` for room, or drops it. */
  enqueue(event: string, payload: unknown): Promise<EmitReceipt> {
    const host = this.#host;
    if (this.closed) return Promise.resolve(this.#drop(event, 'closed', 0));
    const item: QueueItem = { event, payload, acceptedAt: 0 };
    if (this.#waiting === 0 && this.#queue.length < host.queueCapacity) {
      this.#accept(item);
      return Promise.resolve(ACCEPTED_AT_ONCE);
    }
    if (!this.#queueFullRaised) {
      this.#queueFullRaised = true;
      host.alert({ type: 'queue_full', event, capacity: host.queueCapacity });
    }
    if (host.backpressureMs === 0) return Promise.resolve(this.#drop(event, 'queue_full', 0));
    if (this.#waiting >= host.maxWaiting) {
      return Promise.resolve(this.#drop(event, 'too_many_waiting', 0));
    }
    return new Promise<EmitReceipt>((resolve) => {
      const waiter: Waiter = { item, since: host.clock(), resolve, ticket: undefined, done: false };
      waiter.ticket = host.sweeper.track(host.backpressureMs, () => this.#expire(waiter));
      this.#waiters.push(waiter);
      this.#waiting++;
    });
  }

  /** Resolves once the queue and the waiters are empty and every queued dispatch finished. */
  drain(): Promise<void> {
    if (this.#idle()) return Promise.resolve();
    return new Promise((resolve) => this.#drainers.push(resolve));
  }

  /** Stops intake: drops every waiter, then drains what was accepted. */
  close(): Promise<void> {
    this.closed = true;
    for (let w = this.#waiters.shift(); w !== undefined; w = this.#waiters.shift()) {
      if (w.done) continue;
      if (w.ticket !== undefined) this.#host.sweeper.release(w.ticket);
      this.#settleWaiter(w, this.#drop(w.item.event, 'closed', this.#host.clock() - w.since));
    }
    this.#schedule();
    return this.drain();
  }

  #accept(item: QueueItem): void {
    item.acceptedAt = this.#host.clock();
    this.#queue.push(item);
    this.accepted++;
    this.#host.counted(item.event, 'accepted');
    this.#schedule();
  }

  #drop(event: string, reason: DropReason, waitedMs: number): EmitReceipt {
    this.dropped++;
    this.#host.counted(event, 'dropped');
    this.#host.alert({
      type: 'event_dropped',
      event,
      reason,
      waitedMs,
      droppedTotal: this.dropped,
    });
    return { accepted: false, dropped: true, waitedMs, reason };
  }

  #settleWaiter(waiter: Waiter, receipt: EmitReceipt): void {
    waiter.done = true;
    this.#waiting--;
    waiter.resolve(receipt);
  }

  #expire(waiter: Waiter): void {
    if (waiter.done) return;
    this.#settleWaiter(
      waiter,
      this.#drop(waiter.item.event, 'queue_full', this.#host.backpressureMs),
    );
    // Same duration ⇒ deadlines expire in arrival order, so settled waiters sit at the head.
    while (this.#waiters.peek()?.done) this.#waiters.shift();
    this.#checkDrained();
  }

  /** Moves waiting emitters into freed room, oldest first. */
  #admitWaiters(): void {
    const host = this.#host;
    while (this.#queue.length < host.queueCapacity) {
      const waiter = this.#waiters.shift();
      if (waiter === undefined) break;
      if (waiter.done) continue;
      if (waiter.ticket !== undefined) host.sweeper.release(waiter.ticket);
      this.#accept(waiter.item);
      this.#settleWaiter(waiter, {
        accepted: true,
        dropped: false,
        waitedMs: host.clock() - waiter.since,
      });
    }
    if (this.#waiting === 0) this.#queueFullRaised = false;
  }

  #schedule(): void {
    if (this.#scheduled || this.#restartTimer !== undefined) return;
    this.#scheduled = true;
    // setImmediate, not a microtask: a flood of emits must let I/O (the gateway) run in between.
    setImmediate(this.#pump);
  }

  readonly #pump = (): void => {
    this.#scheduled = false;
    if (this.#restartTimer !== undefined) return;
    const host = this.#host;
    let current: QueueItem | undefined;
    let delay = 0;
    try {
      let budget = host.queueCapacity;
      while (this.#inFlight < host.concurrency && this.#queue.length > 0 && budget-- > 0) {
        current = this.#queue.shift()!;
        this.#inFlight++;
        this.#admitWaiters();
        delay = host.clock() - current.acceptedAt;
        const result = host.dispatch(current, delay);
        const item = current;
        const itemDelay = delay;
        current = undefined;
        if (result instanceof Promise) {
          result.then(
            () => this.#settled(itemDelay, true),
            (error: unknown) => this.#crash(error, item, itemDelay),
          );
        } else this.#settled(itemDelay, false);
      }
      if (this.#queue.length > 0 && this.#inFlight < host.concurrency) this.#schedule();
      this.#checkDrained();
    } catch (error) {
      this.#crash(error, current, delay);
    }
  };

  #settled(delay: number, reschedule: boolean): void {
    this.#inFlight--;
    this.dispatched++;
    this.#delaySum += delay;
    if (delay > this.#delayMax) this.#delayMax = delay;
    this.#consecutiveCrashes = 0;
    if (reschedule && this.#queue.length > 0) this.#schedule();
    else this.#checkDrained();
  }

  #crash(error: unknown, item: QueueItem | undefined, delay: number): void {
    const host = this.#host;
    if (item !== undefined) this.#inFlight--;
    try {
      host.crashed(item, error, delay);
    } catch {}
    this.restarts++;
    const attempt = ++this.#consecutiveCrashes;
    const delayMs = Math.min(host.maxRestartDelayMs, host.restartDelayMs * 2 ** (attempt - 1));
    if (this.#restartTimer !== undefined) clearTimeout(this.#restartTimer);
    this.#restartTimer = setTimeout(() => {
      this.#restartTimer = undefined;
      this.#schedule();
      this.#checkDrained();
    }, delayMs);
    host.alert({ type: 'dispatcher_restarted', attempt, delayMs, error: describeError(error) });
  }

  #idle(): boolean {
    return (
      this.#queue.length === 0 &&
      this.#inFlight === 0 &&
      this.#waiting === 0 &&
      this.#restartTimer === undefined
    );
  }

  #checkDrained(): void {
    if (this.#drainers.length === 0 || !this.#idle()) return;
    const drainers = this.#drainers;
    this.#drainers = [];
    for (const resolve of drainers) resolve();
  }
}
