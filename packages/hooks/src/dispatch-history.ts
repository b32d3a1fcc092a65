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
