// "What was running": the name of what the bot is executing right now, in shared memory, so the
// supervisor can read it when the worker's event loop is blocked and cannot answer anything.
import { writeActivity } from '../shared-slots.js';
import { supervised } from './supervised-data.js';

let current: string | null = null;

/**
 * Records what the bot is running now (e.g. `'extension:levels/command:rank'`), until the next
 * call; `null` clears it. Returns the previous value, so a caller can restore it:
 *
 * ```ts
 * const previous = setActivity(`extension:${name}/setup`);
 * try { await setup(ctx); } finally { setActivity(previous); }
 * ```
 *
 * When the supervisor's watchdog finds the worker blocked, the `worker_stalled` event reports this
 * name. Meant for synchronous stretches: across an `await` other code runs and may set its own.
 * Costs a few shared-memory writes (names are encoded once; at most 200 UTF-8 bytes are kept).
 * Outside a supervised worker it only remembers the value.
 */
export function setActivity(name: string | null): string | null {
  const previous = current;
  current = name;
  const slots = supervised()?.slots;
  if (slots) writeActivity(slots, name);
  return previous;
}

/** The activity last set in this thread (by this copy of the module), or null. */
export function currentActivity(): string | null {
  return current;
}

/** Whether this code runs in a worker started by `@zoryx/supervisor`. */
export function isSupervised(): boolean {
  return supervised() !== null;
}
