/** What other extensions may read of {@link SessionUses} (through core's API). */
export interface SessionUsesView {
  /** Uses of one command since this load of core. */
  get(commandName: string): number;
  /** Uses of every command since this load of core. */
  total(): number;
  /** `[command, uses]`, most used first (ties by name). */
  entries(): [string, number][];
}

/**
 * Commands run per name since one load of `core` (the all-time counts are the main database's).
 * Created in core's `setup` and reached through its API, never kept at module level: two bots in
 * one process, or two loads of core, each count their own.
 */
export class SessionUses implements SessionUsesView {
  readonly #uses = new Map<string, number>();

  /** Counts one use of `commandName`. */
  count(commandName: string): void {
    this.#uses.set(commandName, this.get(commandName) + 1);
  }

  get(commandName: string): number {
    return this.#uses.get(commandName) ?? 0;
  }

  total(): number {
    let sum = 0;
    for (const uses of this.#uses.values()) sum += uses;
    return sum;
  }

  entries(): [string, number][] {
    return [...this.#uses].sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
  }
}
