// A FIFO queue over an array with a moving head: the relay's queues (the stream's window and
// buffer in the supervisor, the worker's inbox) take from the front of long arrays, where
// Array.prototype.shift() is O(n).

/** See the file comment. */
export class Queue<T> {
  #items: T[] = [];
  #head = 0;

  public get length(): number {
    return this.#items.length - this.#head;
  }

  public push(item: T): void {
    this.#items.push(item);
  }

  public peek(): T | undefined {
    return this.#items[this.#head];
  }

  public shift(): T | undefined {
    if (this.#head >= this.#items.length) return undefined;
    const item = this.#items[this.#head] as T;
    this.#items[this.#head] = undefined as T;
    this.#head++;
    if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    return item;
  }

  /** Removes and returns everything. */
  public drain(): T[] {
    const items = this.#items.slice(this.#head);
    this.#items = [];
    this.#head = 0;
    return items;
  }

  public *[Symbol.iterator](): Iterator<T> {
    for (let i = this.#head; i < this.#items.length; i++) yield this.#items[i] as T;
  }
}
