/**
 * A FIFO async mutex. One per open database: every lease of the database's single connection
 * holds it, so statements and transactions of one database never interleave inside this process
 * (SQLite's own locking plus `busy_timeout` covers other processes).
 */
export class Mutex {
  #locked = false;
  readonly #waiters: (() => void)[] = [];

  /** Whether a holder currently owns the mutex. */
  public get locked(): boolean {
    return this.#locked;
  }

  /** Resolves once the caller owns the mutex; synchronous-fast when it is free. */
  public lock(): Promise<void> | undefined {
    if (!this.#locked) {
      this.#locked = true;
      return undefined;
    }
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** Hands the mutex to the next waiter, or frees it. */
  public unlock(): void {
    const next = this.#waiters.shift();
    if (next) next();
    else this.#locked = false;
  }
}
