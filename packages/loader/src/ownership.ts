import { describeError, LoaderError } from './errors.js';

/** Something the scope can release: a function, or an object with a dispose/close/destroy method. */
export type OwnedResource =
  | (() => unknown)
  | { [Symbol.asyncDispose](): PromiseLike<void> }
  | { [Symbol.dispose](): void }
  | { dispose(): unknown }
  | { close(): unknown }
  | { destroy(): unknown };

/** A disposer that failed while its scope was released. */
export interface DisposeFailure {
  /** Position in registration order (0 = first registered). */
  index: number;
  /** What it threw or rejected with. */
  error: unknown;
}

type Disposer = () => unknown;

function toDisposer(resource: OwnedResource): Disposer {
  if (typeof resource === 'function') return resource;
  const r = resource as Record<PropertyKey, unknown>;
  for (const key of [Symbol.asyncDispose, Symbol.dispose, 'dispose', 'close', 'destroy'] as const) {
    const method = r[key];
    if (typeof method === 'function') return () => method.call(resource);
  }
  throw new LoaderError(
    'ZRX_EXT_NOT_DISPOSABLE',
    'ctx.own() received a value that has no dispose, close or destroy method.',
    'Pass a function, or an object with [Symbol.dispose], [Symbol.asyncDispose], dispose(), close() or destroy(); otherwise use ctx.onDispose(() => …).',
  );
}

/**
 * Everything one loaded extension owns: disposers registered directly or by the host (hooks,
 * timers, pieces). Released last-in first-out, once; after release, anything still registered
 * (e.g. by a setup that timed out and kept running) is disposed immediately.
 */
export class OwnershipScope {
  /** The extension that owns this scope. */
  readonly owner: string;
  readonly #disposers: Disposer[] = [];
  readonly #abort = new AbortController();
  #closed = false;

  constructor(owner: string) {
    this.owner = owner;
  }

  /** Aborted when the scope is released: pass it to fetch, streams, long loops. */
  get signal(): AbortSignal {
    return this.#abort.signal;
  }

  /** True once {@link OwnershipScope.dispose} has started. */
  get closed(): boolean {
    return this.#closed;
  }

  /** How many disposers are pending. */
  get size(): number {
    return this.#disposers.length;
  }

  /**
   * Registers a function to run on release. Returns a function that runs it early and forgets it.
   * Throws `ZRX_EXT_SCOPE_CLOSED` (after running it) if the scope is already released.
   */
  onDispose(fn: () => unknown): () => void {
    if (this.#closed) {
      try {
        void Promise.resolve(fn()).catch(() => {});
      } catch {
        // already reporting the closed scope below
      }
      throw new LoaderError(
        'ZRX_EXT_SCOPE_CLOSED',
        `Extension "${this.owner}" registered a resource after it was unloaded; it was released at once.`,
        'Register hooks, timers and resources during setup (or while loaded), and stop background work via ctx.signal.',
        { extension: this.owner },
      );
    }
    let done = false;
    const once: Disposer = () => {
      if (done) return undefined;
      done = true;
      return fn();
    };
    this.#disposers.push(once);
    return () => {
      const at = this.#disposers.indexOf(once);
      if (at >= 0) this.#disposers.splice(at, 1);
      void Promise.resolve(once()).catch(() => {});
    };
  }

  /** Takes ownership of a resource (disposable, closable, destroyable or a function) and returns it. */
  own<T extends OwnedResource>(resource: T): T {
    this.onDispose(toDisposer(resource));
    return resource;
  }

  /**
   * Releases everything, newest first. Each disposer gets `timeoutMs`; failures are collected, not
   * thrown, so one bad disposer never keeps the rest alive.
   */
  async dispose(timeoutMs: number): Promise<DisposeFailure[]> {
    if (this.#closed) return [];
    this.#closed = true;
    this.#abort.abort();
    const failures: DisposeFailure[] = [];
    for (let i = this.#disposers.length - 1; i >= 0; i--) {
      const disposer = this.#disposers[i]!;
      try {
        const result = disposer();
        if (result !== null && typeof result === 'object' && 'then' in result) {
          await withTimeout(Promise.resolve(result), timeoutMs, 'a disposer');
        }
      } catch (error) {
        failures.push({ index: i, error });
      }
    }
    this.#disposers.length = 0;
    return failures;
  }
}

/** Races a promise against a deadline; the timer is cleared either way. */
export function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  if (!Number.isFinite(timeoutMs)) return promise;
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new TimeoutError(`${what} did not finish within ${timeoutMs} ms`, timeoutMs)),
      timeoutMs,
    );
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** Raised by {@link withTimeout}; the host turns it into `ZRX_EXT_SETUP_TIMEOUT`. */
export class TimeoutError extends Error {
  override readonly name = 'TimeoutError';
  readonly timeoutMs: number;
  constructor(message: string, timeoutMs: number) {
    super(message);
    this.timeoutMs = timeoutMs;
  }
}

/** Joins dispose failures into one line for status and logs. */
export function describeFailures(failures: readonly DisposeFailure[]): string {
  return failures.map((f) => `#${f.index}: ${describeError(f.error)}`).join('; ');
}
