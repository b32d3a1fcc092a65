/**
 * Edits one reply as text streams in, at most once per `intervalMs` and never two edits at once
 * (Discord rate-limits edits; overlapping edits could land out of order). The latest text wins:
 * intermediate texts that arrive during a wait are skipped.
 */
export class StreamEditor {
  readonly #edit: (content: string) => Promise<unknown>;
  readonly #intervalMs: number;
  #latest: string | undefined;
  #shown: string | undefined;
  #running: Promise<void> | undefined;
  #lastEditAt = 0;
  #closed = false;
  /** Edits made (for logs and tests). */
  public edits = 0;

  public constructor(edit: (content: string) => Promise<unknown>, intervalMs: number) {
    this.#edit = edit;
    this.#intervalMs = intervalMs;
  }

  /** Shows `content` soon (replacing anything not shown yet). */
  push(content: string): void {
    if (this.#closed) return;
    this.#latest = content;
    this.#running ??= this.#drain().finally(() => {
      this.#running = undefined;
    });
  }

  /** Stops editing; resolves once the edit under way (if any) finished. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#running;
  }

  async #drain(): Promise<void> {
    while (!this.#closed && this.#latest !== undefined && this.#latest !== this.#shown) {
      const wait = this.#lastEditAt + this.#intervalMs - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      if (this.#closed) return;
      const content = this.#latest;
      this.#shown = content;
      this.#lastEditAt = Date.now();
      this.edits++;
      // A failed progress edit is not worth failing the answer for; the final edit reports errors.
      await this.#edit(content).catch(() => undefined);
    }
  }
}
