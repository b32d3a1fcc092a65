/**
 * An append-only list that keeps its last `limit` items. Dropping the oldest item with
 * `Array.prototype.shift()` moved every kept item on each push once the list was full (a 10,000
 * item log cost ~60 µs a push, more than the rest of a command's REST handling); here the
 * dropped items are only counted, and the storage is compacted once as many are dead as the
 * limit, so a push costs O(1) amortised.
 */
export class BoundedLog<T> {
  /** The maximum number of items kept. */
  public readonly limit: number;
  #items: (T | undefined)[] = [];
  /** Index in `#items` of the oldest kept item; the slots before it are dead. */
  #head = 0;
  /** How many items were ever dropped (by the limit or by `clear`). */
  #dropped = 0;

  /** A log keeping the last `limit` items (0 keeps none). */
  public constructor(limit: number) {
    this.limit = Math.max(0, limit);
  }

  /** The number of items kept. */
  public get length(): number {
    return this.#items.length - this.#head;
  }

  /** How many items were dropped since the log was created: `dropped + length` counts every push. */
  public get dropped(): number {
    return this.#dropped;
  }

  /** Appends an item, dropping the oldest one beyond the limit. */
  public push(item: T): void {
    this.#items.push(item);
    if (this.#items.length - this.#head <= this.limit) return;
    // Release the dropped item now (memory), and move the kept ones only once per `limit` drops.
    this.#items[this.#head] = undefined;
    this.#head += 1;
    this.#dropped += 1;
    if (this.#head >= this.limit) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
  }

  /** The oldest kept item. */
  public first(): T | undefined {
    return this.#items[this.#head];
  }

  /** The kept items from index `from` (0 = the oldest kept) on, as a new array. */
  public slice(from = 0): T[] {
    return this.#items.slice(this.#head + Math.max(0, from)) as T[];
  }

  /** The newest `count` items, oldest first. */
  public last(count: number): T[] {
    return this.#items.slice(Math.max(this.#head, this.#items.length - count)) as T[];
  }

  /** Drops every item. */
  public clear(): void {
    this.#dropped += this.length;
    this.#items = [];
    this.#head = 0;
  }

  /** The kept items, oldest first. */
  public *[Symbol.iterator](): IterableIterator<T> {
    for (let index = this.#head; index < this.#items.length; index += 1) {
      yield this.#items[index] as T;
    }
  }
}
