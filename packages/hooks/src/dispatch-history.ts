import { describeError, HookError } from './errors.js';
import type { ExecutionRecord } from './types.js';

/** A fixed-size ring, oldest first when listed. */
class Ring<T> {
  readonly #items: T[] = [];
  #start = 0;
  constructor(readonly size: number) {}

  push(item: T): void {
    if (this.size === 0) return;
    if (this.#items.length < this.size) this.#items.push(item);
    else {
      this.#items[this.#start] = item;
      this.#start = (this.#start + 1) % this.size;
    }
  }

  list(): T[] {
    return [...this.#items.slice(this.#start), ...this.#items.slice(0, this.#start)];
  }
}

/**
 * Last `size` dispatches overall plus last `perEvent` per event name. Unlike the Python
 * original (which trimmed one shared list), per-event rings keep a rare event's history from
 * being evicted by a chatty one.
 */
export class DispatchHistory {
  readonly #all: Ring<ExecutionRecord>;
  readonly #byEvent = new Map<string, Ring<ExecutionRecord>>();
  readonly #perEvent: number;

  constructor(size: number, perEvent: number) {
    this.#all = new Ring(size);
    this.#perEvent = perEvent;
  }

  push(record: ExecutionRecord): void {
    this.#all.push(record);
    if (this.#perEvent === 0) return;
    let ring = this.#byEvent.get(record.event);
    if (ring === undefined) {
      ring = new Ring(this.#perEvent);
      this.#byEvent.set(record.event, ring);
    }
    ring.push(record);
  }

  /** Oldest first; `limit` keeps the newest `limit`. */
  list(filter: { event?: string; limit?: number } = {}): ExecutionRecord[] {
    const items =
      filter.event === undefined
        ? this.#all.list()
        : (this.#byEvent.get(filter.event)?.list() ?? []);
    return filter.limit === undefined
      ? items
      : items.slice(Math.max(0, items.length - filter.limit));
  }
}

/** The history entry of a queued event whose dispatch crashed (a bus bug, never a hook error). */
export function crashRecord(
  event: string,
  error: unknown,
  queueDelayMs: number,
  now: number,
): ExecutionRecord {
  const crash = new HookError(
    'ZRX_HOOK_DISPATCH_CRASHED',
    `dispatch of "${event}" crashed: ${describeError(error)}`,
    'A bug in the bus or in an injected clock; the event was not retried. Please report it.',
    { cause: error },
  );
  return {
    event,
    mode: 'queued',
    startedAt: now,
    durationMs: 0,
    queueDelayMs,
    ok: false,
    succeeded: 0,
    failed: 1,
    skipped: 0,
    outcomes: [{ hookId: '(dispatcher)', status: 'error', durationMs: 0, error: crash }],
  };
}
