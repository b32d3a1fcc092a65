import { createHash } from 'node:crypto';

/** One pre-serialised probe answer: what the route sends as it is. */
export interface CachedDocument {
  /** HTTP status to answer with. */
  readonly code: number;
  readonly body: Buffer;
  /** Strong ETag of `body` (quoted), for `If-None-Match`. */
  readonly etag: string;
  /** When it was built (`Date.now()`). */
  readonly builtAt: number;
  /** How long building it took, for `Server-Timing`. */
  readonly buildMs: number;
}

/** Builds one answer: the status code and the text to send. */
export type DocumentBuilder = () => Promise<{ code: number; text: string }>;

/**
 * A probe answer built off the request path. Under command load a route that builds its answer
 * waits behind every queued command on the same event loop; one that sends a ready Buffer does
 * not. Two ways to stay fresh, chosen per document:
 * - `refreshEvery(ms)`: a background timer (unref'ed, so it never keeps the process alive) plus
 *   {@link invalidate} on the events that change the answer — `/status.json`.
 * - `maxAgeMs`: rebuilt on the first request after it expires, concurrent requests sharing the one
 *   build — `/metrics`, whose scrape interval is the scraper's business (no work when nobody scrapes).
 */
export class ProbeCache {
  #current: CachedDocument | undefined;
  /** The generation `#current` was built in; {@link invalidate} starts a new one. */
  #currentGeneration = -1;
  #generation = 0;
  #building: { generation: number; promise: Promise<CachedDocument> } | undefined;
  #timer: NodeJS.Timeout | undefined;
  #closed = false;
  readonly #listeners = new Set<(doc: CachedDocument) => void>();
  readonly #build: DocumentBuilder;
  readonly #maxAgeMs: number;
  readonly #staleMs: number;

  /**
   * @param options.maxAgeMs - how long an answer is served as fresh.
   * @param options.staleWhileRevalidateMs - for how long after that it may still be served while
   *   its replacement is built in the background (default 0: the request waits for the build).
   */
  public constructor(
    build: DocumentBuilder,
    options: { maxAgeMs: number; staleWhileRevalidateMs?: number },
  ) {
    this.#build = build;
    this.#maxAgeMs = options.maxAgeMs;
    this.#staleMs = options.staleWhileRevalidateMs ?? 0;
  }

  /**
   * Calls `listener` with every answer built from now on (the probe port's thread gets its copy
   * this way). Returns how to stop.
   */
  public onBuilt(listener: (doc: CachedDocument) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Rebuilds every `intervalMs` in the background until {@link close}. */
  public refreshEvery(intervalMs: number): this {
    this.#timer = setInterval(() => void this.refresh().catch(() => undefined), intervalMs);
    this.#timer.unref();
    return this;
  }

  /**
   * The answer to send: the cached one while fresh (not older than `maxAgeMs`, not invalidated
   * since it was built), otherwise a new build (shared by everyone asking meanwhile). A fresh
   * answer is returned as is, not as a promise. Within `staleWhileRevalidateMs` after expiry the
   * old answer is still returned while a new one is built in the background.
   */
  public get(now = Date.now()): CachedDocument | Promise<CachedDocument> {
    const current = this.#current;
    if (!current || this.#currentGeneration !== this.#generation) return this.refresh();
    const age = now - current.builtAt;
    if (age < this.#maxAgeMs) return current;
    if (age < this.#maxAgeMs + this.#staleMs) {
      void this.refresh().catch(() => undefined);
      return current;
    }
    return this.refresh();
  }

  /**
   * The answer {@link get} would return without waiting, or `undefined` when it would have to
   * wait for a build (none yet, invalidated, or past the stale window; no build is started then:
   * the caller falls back to {@link get}). Within the stale window it starts the background
   * rebuild, as {@link get} does. For the dashboard port's synchronous fast path.
   */
  public peek(now = Date.now()): CachedDocument | undefined {
    const current = this.#current;
    if (!current || this.#currentGeneration !== this.#generation) return undefined;
    const age = now - current.builtAt;
    if (age < this.#maxAgeMs) return current;
    if (age < this.#maxAgeMs + this.#staleMs) {
      void this.refresh().catch(() => undefined);
      return current;
    }
    return undefined;
  }

  /** Marks the cached answer stale and rebuilds it now, in the background. */
  public invalidate(): void {
    this.#generation += 1;
    if (!this.#closed) void this.refresh().catch(() => undefined);
  }

  /**
   * Builds a fresh answer, joining a build already running unless that one started before the
   * last {@link invalidate} (its result could miss the change).
   */
  public refresh(): Promise<CachedDocument> {
    const generation = this.#generation;
    if (this.#building?.generation === generation) return this.#building.promise;
    const started = performance.now();
    const promise: Promise<CachedDocument> = this.#build()
      .then(({ code, text }) => {
        const body = Buffer.from(text);
        const etag = `"${createHash('sha1').update(body).digest('base64url').slice(0, 27)}"`;
        const doc: CachedDocument = {
          code,
          body,
          etag,
          builtAt: Date.now(),
          buildMs: performance.now() - started,
        };
        // A slower build of an older generation never replaces a newer answer.
        if (generation >= this.#currentGeneration) {
          this.#current = doc;
          this.#currentGeneration = generation;
          for (const listener of this.#listeners) listener(doc);
        }
        return doc;
      })
      .finally(() => {
        if (this.#building?.promise === promise) this.#building = undefined;
      });
    this.#building = { generation, promise };
    return promise;
  }

  /** Stops the background refresh (on unload). */
  public close(): void {
    this.#closed = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
