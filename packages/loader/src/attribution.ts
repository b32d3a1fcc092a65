import { type AsyncHook, AsyncLocalStorage, createHook } from 'node:async_hooks';
import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Told, synchronously, which extension starts running (its name) and, when that synchronous
 * stretch ends, what runs again (the outer extension, or `null`). A supervisor writes it into
 * shared memory, so when the event loop is blocked it can still name the extension that spins.
 */
export type ActivitySink = (extension: string | null) => void;

// One store per process, whatever copies of this module are loaded (the ESM and CommonJS builds,
// or a bundled copy): attribution must agree between the host and everything it runs.
const STORAGE_KEY = Symbol.for('zoryx.loader.running-extension');
const slot = globalThis as { [STORAGE_KEY]?: AsyncLocalStorage<string> };
slot[STORAGE_KEY] ??= new AsyncLocalStorage<string>();
const storage: AsyncLocalStorage<string> = slot[STORAGE_KEY];

/**
 * Runs `fn` as `extension`: inside it, and in everything it starts (promises, timers, callbacks
 * of async work), {@link currentExtension} answers `extension`. `activity` is told the name on
 * entry and the outer one when `fn` returns (for an async `fn`: when its first synchronous part
 * returns). Re-entering the extension that already runs costs nothing.
 *
 * @example
 * ```ts
 * runAsExtension('economy', () => definition.setup(ctx), activitySink);
 * ```
 */
export function runAsExtension<T>(extension: string, fn: () => T, activity?: ActivitySink): T {
  const outer = storage.getStore();
  if (outer === extension) return fn();
  if (activity === undefined) return storage.run(extension, fn);
  activity(extension);
  try {
    return storage.run(extension, fn);
  } finally {
    activity(outer ?? null);
  }
}

// Sinks following async work (see followAsync), with how many followed promises each awaits,
// and the one async hook that tells them, enabled only while any is pending.
const following = new Map<ActivitySink, number>();
let continuations: AsyncHook | undefined;
// Per callback entered (callbacks nest), whether `before` named an extension that `after` clears.
const named: boolean[] = [];

function tellFollowers(extension: string | null): void {
  for (const sink of following.keys()) sink(extension);
}

/**
 * Keeps `activity` told, until `pending` settles, which extension each async callback runs as
 * (its continuation after an `await`, a timer, an I/O callback) and `null` when it returns
 * (host callbacks are not reported: the sink already holds `null` between callbacks). So
 * `async setup() { await x; while (true) {} }` is named by the sink although its synchronous part
 * returned long before. Costs an async hook on every callback while pending; meant for setup and
 * teardown (seconds at most), not for every command.
 */
export function followAsync(
  pending: PromiseLike<unknown>,
  activity: ActivitySink,
  /** Stops following after this long even if `pending` never settles (a hung setup). */
  maxMs?: number,
): void {
  following.set(activity, (following.get(activity) ?? 0) + 1);
  // The hook runs with the callback's async context in place, so the store is its extension's.
  continuations ??= createHook({
    before: () => {
      const extension = storage.getStore();
      named.push(extension !== undefined);
      if (extension !== undefined) tellFollowers(extension);
    },
    after: () => {
      if (named.pop() === true) tellFollowers(null);
    },
  });
  continuations.enable();
  let done = false;
  const settled = (): void => {
    if (done) return;
    done = true;
    clearTimeout(limit);
    const left = (following.get(activity) ?? 1) - 1;
    if (left > 0) following.set(activity, left);
    else following.delete(activity);
    if (following.size > 0) return;
    continuations?.disable();
    // No `after` comes for the callbacks open now (this one included).
    named.length = 0;
  };
  const limit = maxMs === undefined ? undefined : setTimeout(settled, maxMs);
  limit?.unref();
  pending.then(settled, settled);
}

/**
 * The extension whose code (or whose async work) is running now, or `undefined` for host code.
 * Also correct inside `uncaughtException` and `unhandledRejection` handlers: Node runs them in the
 * async context of the failing callback or promise.
 */
export function currentExtension(): string | undefined {
  return storage.getStore();
}

/**
 * Runs `fn` outside any extension: for host work that an extension merely triggers (a debounced
 * command sync, a cache timer) and that must not be attributed to it later.
 */
export function outsideExtension<T>(fn: () => T): T {
  return storage.getStore() === undefined ? fn() : storage.exit(fn);
}

/** Where an extension's code lives: its entry file, and its folder when it has its own. */
export interface ExtensionLocation {
  readonly name: string;
  readonly entry: string;
  /** The extension's own folder (`extensions/<name>/`), or `null` for a single-file extension. */
  readonly folder: string | null;
}

// `at fn (/abs/file.ts:3:9)`, `at /abs/file.ts:3:9`, `at async fn (file:///abs/file.js:3:9)`.
const FRAME = /^\s*at (?:async )?(?:.*?\()?(file:\/\/)?(.+?):\d+:\d+\)?\s*$/;

/**
 * The extension an error was thrown from, read from its stack: the topmost frame inside an
 * extension's entry file (the evaluated bundle carries that name) or its folder. `undefined`
 * when no frame is, or the value has no stack.
 */
export function extensionOfStack(
  error: unknown,
  locations: readonly ExtensionLocation[],
): string | undefined {
  const stack = (error as { stack?: unknown } | null)?.stack;
  if (typeof stack !== 'string' || locations.length === 0) return undefined;
  for (const line of stack.split('\n')) {
    const frame = FRAME.exec(line);
    if (!frame?.[2]) continue;
    const path = frame[1] ? pathOfUrl(`file://${frame[2]}`) : frame[2];
    for (const location of locations) {
      if (path === location.entry) return location.name;
      if (location.folder !== null && path.startsWith(`${location.folder}${sep}`)) {
        return location.name;
      }
    }
  }
  return undefined;
}

function pathOfUrl(url: string): string {
  try {
    return fileURLToPath(url);
  } catch {
    return url;
  }
}
