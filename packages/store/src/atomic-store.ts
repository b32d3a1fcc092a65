import path from 'node:path';
import { deepFreeze } from './deep-freeze.js';
import { describeCause, StoreError } from './errors.js';
import { BACKUP_SUFFIX, FileIO } from './file-io.js';
import { FileQueue, type FileQueueHost } from './file-queue.js';
import { nodeFileSystem, type StoreFileSystem } from './file-system.js';
import { FailureWindow } from './health.js';
import { LruTtlCache } from './lru-cache.js';
import { validateOptions } from './options.js';
import { jsonProblem, recoverCorruptFile } from './recovery.js';
import { validateWithSchema } from './schema.js';
import { pathError, StorePathMemo } from './store-path.js';
import { removeStrayTemps, TempNamer } from './temp-files.js';
import type {
  AtomicStoreOptions,
  ReadJsonOptions,
  StoreCorruptEvent,
  StoreStats,
  WriteJsonOptions,
} from './types.js';

/** Generations kept before the table is reset (a reset only costs a few skipped cache fills). */
const MAX_GENERATIONS = 10_000;

/**
 * A crash-safe JSON file store. Every write goes to a unique temp file in the target's
 * directory, is made durable, renamed over the target and the directory is fsync'd, so a crash
 * leaves the old or the new content, never a torn or empty file, and an acknowledged write
 * survives. A last-good copy `<file>.bak` is written with every file; a file damaged from
 * outside is restored from it (the damaged bytes are kept). Changes to one file are serialised
 * and coalesced; reads are cached (LRU + TTL).
 *
 * @example
 * ```ts
 * const store = new AtomicStore({ root: './data' });
 * await store.writeJson('guilds/123.json', { prefix: '!' });
 * const hits = await store.update<number>('counters/hits.json', (n) => (n ?? 0) + 1);
 * const settings = await store.readJson<{ prefix: string }>('guilds/123.json');
 * await store.close();
 * ```
 */
export class AtomicStore {
  /** The root directory as given (resolved against the working directory). */
  readonly root: string;
  readonly #fs: StoreFileSystem;
  readonly #durable: boolean;
  readonly #indent: number;
  readonly #now: () => number;
  readonly #ttlMs: number;
  readonly #retries: number;
  readonly #retryDelayMs: number;
  readonly #backups: boolean;
  readonly #onCorrupt: ((event: StoreCorruptEvent) => void) | undefined;
  readonly #cache: LruTtlCache<unknown>;
  readonly #paths = new StorePathMemo();
  readonly #queues = new Map<string, FileQueue>();
  readonly #namer = new TempNamer();
  readonly #window = new FailureWindow(1000);
  readonly #host: FileQueueHost;
  readonly #ready: Promise<FileIO>;
  #generations = new Map<string, number>();
  #epoch = 0;
  #closing: Promise<void> | null = null;
  readonly #n = {
    hits: 0,
    misses: 0,
    bypasses: 0,
    reads: 0,
    writes: 0,
    coalesced: 0,
    deletes: 0,
    failures: 0,
    retries: 0,
    corrupt: 0,
    recovered: 0,
    stray: 0,
  };

  /** Creates a store over `options.root`; start-up cleanup of stray temp files runs in the background. */
  constructor(options: AtomicStoreOptions) {
    const o = validateOptions(options);
    this.root = path.resolve(o.root);
    this.#fs = options.fs ?? nodeFileSystem;
    this.#durable = o.fsync;
    this.#indent = o.indent;
    this.#now = o.now;
    this.#ttlMs = o.ttlMs;
    this.#retries = o.retries;
    this.#retryDelayMs = o.retryDelayMs;
    this.#backups = o.backups;
    this.#onCorrupt = options.onCorrupt;
    this.#cache = new LruTtlCache(o.cacheSize, o.ttlMs, o.now);
    this.#host = {
      load: (key) => this.#load(key),
      serialise: (key, value) => this.#serialise(key, value),
      persist: (key, text, keepCached, acknowledged) =>
        this.#persist(key, text, keepCached, acknowledged),
      remove: (key) => this.#remove(key),
    };
    this.#ready = this.#start();
    this.#ready.catch(() => undefined); // surfaced by the first operation, never unhandled
  }

  /**
   * Reads and parses a JSON file; `undefined` when it does not exist. Cached values (the default)
   * are deep-frozen and shared: clone before changing one, or use {@link AtomicStore.update}.
   * A corrupt file is restored from its last-good copy (reported to `onCorrupt`); without a
   * usable copy this rejects with `ZRX_STORE_CORRUPT` (the bytes are moved aside). Rejects with
   * `ZRX_STORE_SCHEMA` when a schema refuses the value.
   */
  async readJson<T>(file: string, options: ReadJsonOptions<T> = {}): Promise<T | undefined> {
    const key = this.#paths.key(file);
    this.#assertOpen(key);
    const useCache = options.cache !== false;
    if (useCache) {
      const cached = this.#cache.get(key);
      if (cached !== undefined) {
        this.#n.hits++;
        return options.schema ? validateWithSchema(options.schema, cached, key) : (cached as T);
      }
      this.#n.misses++;
    } else this.#n.bypasses++;
    const io = await this.#ready;
    const generation = this.#generation(key);
    let text = await io.read(key);
    this.#n.reads++;
    if (text === undefined) return undefined;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      // Re-check under the file's lock before moving anything aside: a write may have won.
      text = await new Promise<string | undefined>((resolve, reject) =>
        this.#queue(key).push({ kind: 'quarantine', resolve, reject }),
      );
      if (text === undefined) return undefined;
      value = JSON.parse(text);
    }
    if (useCache) {
      deepFreeze(value);
      if (generation === this.#generation(key)) this.#cache.set(key, value);
    }
    return options.schema ? validateWithSchema(options.schema, value, key) : (value as T);
  }

  /**
   * Writes `data` as JSON, atomically and durably; resolves once this content (or a newer one
   * written by a later call) is on disk.
   *
   * `data` is serialised when the current tick ends, not at the call: calls on one file in the
   * same tick coalesce and only the last one is serialised and written. So do not change
   * `data` later in the same synchronous block (a change in a later tick is never seen).
   * Unserialisable data rejects with `ZRX_STORE_SERIALIZE` (unless a later call replaced it).
   */
  writeJson(file: string, data: unknown, options: WriteJsonOptions = {}): Promise<void> {
    try {
      const key = this.#writableKey(file);
      this.#assertOpen(key);
      return new Promise((resolve, reject) =>
        this.#queue(key).push({
          kind: 'write',
          data,
          text: 'pending',
          keepCached: options.keepCached === true,
          resolve,
          reject,
        }),
      );
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * Atomic read-modify-write: `fn` gets the current value (a fresh, mutable copy; `undefined`
   * when the file does not exist) and returns the new one. Calls on one file run strictly one
   * after another, each seeing the previous result. Resolves with `fn`'s result once durable;
   * if `fn` throws, that call rejects with its error and the file is unchanged by it.
   */
  update<T>(file: string, fn: (current: T | undefined) => T | Promise<T>): Promise<T> {
    try {
      const key = this.#writableKey(file);
      this.#assertOpen(key);
      return new Promise<T>((resolve, reject) =>
        this.#queue(key).push({
          kind: 'update',
          fn: fn as (current: unknown) => unknown,
          resolve: resolve as (value: unknown) => void,
          reject,
        }),
      );
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Deletes a file durably, in order with other changes to it; resolves whether it existed. */
  delete(file: string): Promise<boolean> {
    try {
      const key = this.#writableKey(file);
      this.#assertOpen(key);
      return new Promise((resolve, reject) =>
        this.#queue(key).push({ kind: 'delete', resolve, reject }),
      );
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Drops a file from the cache (e.g. after editing it outside the store). */
  invalidate(file: string): void {
    const key = this.#paths.key(file);
    this.#bump(key);
    this.#cache.delete(key);
  }

  /** Drops every cached file. */
  clearCache(): void {
    this.#epoch++;
    this.#generations = new Map();
    this.#cache.clear();
  }

  /** A snapshot of the counters and health. */
  stats(): StoreStats {
    const n = this.#n;
    const looked = n.hits + n.misses;
    return {
      cacheSize: this.#cache.size,
      cacheMax: this.#cache.max,
      cacheTtlMs: this.#ttlMs,
      hits: n.hits,
      misses: n.misses,
      bypasses: n.bypasses,
      hitRate: looked === 0 ? 0 : n.hits / looked,
      reads: n.reads,
      writes: n.writes,
      coalescedWrites: n.coalesced,
      deletes: n.deletes,
      failures: n.failures,
      retries: n.retries,
      activeLocks: this.#queues.size,
      corruptFiles: n.corrupt,
      recoveredFiles: n.recovered,
      strayTempsRemoved: n.stray,
      failureRate: this.#window.rate,
      health: this.#window.health,
    };
  }

  /** Waits for every queued write, then releases descriptors; later calls reject `ZRX_STORE_CLOSED`. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      await Promise.all([...this.#queues.values()].map((queue) => queue.idle()));
      const io = await this.#ready.catch(() => undefined);
      await io?.close();
      this.#namer.release();
    })();
    return this.#closing;
  }

  async #start(): Promise<FileIO> {
    let real: string;
    try {
      await this.#fs.mkdir(this.root);
      real = await this.#fs.realpath(this.root);
    } catch (error) {
      throw new StoreError(
        'ZRX_STORE_OPTIONS',
        `Store root "${this.root}" cannot be created or opened: ${describeCause(error)}`,
        'Point `root` at a writable directory (it is created if missing).',
        { cause: error },
      );
    }
    const io = new FileIO({
      fs: this.#fs,
      root: real,
      namer: this.#namer,
      durable: this.#durable,
      backups: this.#backups,
      retry: {
        retries: this.#retries,
        baseDelayMs: this.#retryDelayMs,
        onRetry: () => {
          this.#n.retries++;
        },
      },
      record: (failed) => {
        this.#window.record(failed);
        if (failed) this.#n.failures++;
      },
    });
    this.#n.stray = await removeStrayTemps(this.#fs, real);
    return io;
  }

  #queue(key: string): FileQueue {
    let queue = this.#queues.get(key);
    if (queue === undefined) {
      queue = new FileQueue(key, this.#host, () => {
        if (this.#queues.get(key) === queue) this.#queues.delete(key);
      });
      this.#queues.set(key, queue);
    }
    return queue;
  }

  async #load(key: string): Promise<string | undefined> {
    const io = await this.#ready;
    const text = await io.read(key);
    this.#n.reads++;
    if (text === undefined) return undefined;
    const problem = jsonProblem(text);
    if (problem === undefined) return text;
    this.#window.record(true);
    this.#n.failures++;
    this.#n.corrupt++;
    let recovery: Awaited<ReturnType<typeof recoverCorruptFile>>;
    try {
      recovery = await recoverCorruptFile(key, problem, {
        io,
        backups: this.#backups,
        now: this.#now,
        onCorrupt: this.#onCorrupt,
      });
    } finally {
      this.#committed(key, undefined);
    }
    if (recovery.text === undefined) throw recovery.error;
    this.#n.recovered++;
    return recovery.text;
  }

  async #persist(key: string, text: string, keepCached: boolean, acknowledged: number) {
    const io = await this.#ready;
    await io.write(key, text);
    this.#n.writes++;
    this.#n.coalesced += acknowledged - 1;
    this.#committed(key, keepCached ? deepFreeze(JSON.parse(text)) : undefined);
  }

  async #remove(key: string): Promise<boolean> {
    const io = await this.#ready;
    const existed = await io.remove(key);
    if (existed) this.#n.deletes++;
    this.#committed(key, undefined);
    return existed;
  }

  #serialise(key: string, value: unknown): string {
    let text: string | undefined;
    try {
      text = JSON.stringify(value, null, this.#indent);
    } catch (error) {
      throw serialiseError(key, describeCause(error), error);
    }
    if (text === undefined) throw serialiseError(key, `${typeof value} is not JSON`, undefined);
    return `${text}\n`;
  }

  /** A file changed on disk: newer than any read in flight, and the cache follows. */
  #committed(key: string, cached: unknown): void {
    this.#bump(key);
    if (cached === undefined) this.#cache.delete(key);
    else this.#cache.set(key, cached);
  }

  #generation(key: string): string {
    return `${this.#epoch}:${this.#generations.get(key) ?? 0}`;
  }

  #bump(key: string): void {
    if (this.#generations.size >= MAX_GENERATIONS && !this.#generations.has(key)) {
      this.#epoch++;
      this.#generations = new Map();
    }
    this.#generations.set(key, (this.#generations.get(key) ?? 0) + 1);
  }

  /** The key of a file callers may change: `<file>.bak` names are the store's own copies. */
  #writableKey(file: string): string {
    const key = this.#paths.key(file);
    if (key.endsWith(BACKUP_SUFFIX)) {
      throw pathError(file, `ends in "${BACKUP_SUFFIX}", which names the store's last-good copies`);
    }
    return key;
  }

  #assertOpen(key: string): void {
    if (this.#closing !== null) {
      throw new StoreError(
        'ZRX_STORE_CLOSED',
        `Store at "${this.root}" is closed; cannot access "${key}".`,
        { file: key },
      );
    }
  }
}

function serialiseError(key: string, why: string, cause: unknown): StoreError {
  return new StoreError(
    'ZRX_STORE_SERIALIZE',
    `Cannot write "${key}": the value cannot be serialised as JSON (${why}).`,
    'Pass plain data (objects, arrays, strings, finite numbers, booleans, null): no BigInt, cycles, functions or undefined; use delete() to remove a file.',
    { file: key, cause },
  );
}
