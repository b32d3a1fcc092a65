/**
 * Runs tasks one after another, in the order they were queued. Messages are queued the moment
 * they arrive, so XP changes never interleave and `idle()` is a reliable "all caught up".
 */
export class SerialQueue {
  private tail: Promise<void> = Promise.resolve();

  public constructor(private readonly onError: (error: unknown) => void) {}

  /** Queues `task`; the returned promise settles with it (a failure does not stop the queue). */
  public run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.then(
      () => undefined,
      (error: unknown) => this.onError(error),
    );
    return result;
  }

  /** Resolves when every task queued so far has finished. */
  public idle(): Promise<void> {
    return this.tail;
  }
}
