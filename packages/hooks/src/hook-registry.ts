import type { HookRecord } from './hook-record.js';

const NONE: readonly HookRecord[] = Object.freeze([]);

/**
 * Hooks by id and by event. Each event's list is sorted (priority descending, then registration
 * order) and replaced on change, never mutated, so a dispatch can iterate its snapshot while
 * hooks are added or removed.
 */
export class HookRegistry {
  readonly #byId = new Map<string, HookRecord>();
  readonly #byEvent = new Map<string, readonly HookRecord[]>();

  get(id: string): HookRecord | undefined {
    return this.#byId.get(id);
  }

  forEvent(event: string): readonly HookRecord[] {
    return this.#byEvent.get(event) ?? NONE;
  }

  all(): IterableIterator<HookRecord> {
    return this.#byId.values();
  }

  add(hook: HookRecord): void {
    this.#byId.set(hook.id, hook);
    const list = this.#byEvent.get(hook.event) ?? NONE;
    let at = list.length;
    // Insert after every hook of equal or higher priority: ties keep registration order.
    while (at > 0 && (list[at - 1]?.priority ?? 0) < hook.priority) at--;
    this.#byEvent.set(hook.event, [...list.slice(0, at), hook, ...list.slice(at)]);
  }

  remove(hook: HookRecord): boolean {
    if (this.#byId.get(hook.id) !== hook) return false;
    this.#byId.delete(hook.id);
    const rest = (this.#byEvent.get(hook.event) ?? NONE).filter((h) => h !== hook);
    if (rest.length === 0) this.#byEvent.delete(hook.event);
    else this.#byEvent.set(hook.event, rest);
    return true;
  }
}
