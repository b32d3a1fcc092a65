import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { StoreError } from './errors.js';
import type { StoreFileSystem } from './file-system.js';
import type { StoreHealth } from './health.js';

/** Options of {@link AtomicStore}. */
export interface AtomicStoreOptions {
  /** Directory every store path is relative to; created if missing. */
  root: string;
  /** Parsed files kept in the LRU cache (0 disables caching). Default 1,000. */
  cacheSize?: number;
  /** How long a cached file stays valid, in milliseconds. Default 300,000 (5 minutes). */
  ttlMs?: number;
  /** Retries after a failed attempt on transient OS errors (EBUSY/EPERM/EACCES/EMFILE). Default 3. */
  retries?: number;
  /** Make writes durable: fsync the data and the directory after the rename. Default `true`. */
  fsync?: boolean;
  /** Delay before the first retry in ms; doubles each retry, ±50 % jitter. Default 20. */
  retryDelayMs?: number;
  /** Indentation of written JSON (`JSON.stringify`'s `space`). Default 2; 0 writes compact JSON. */
  indent?: number;
  /** Clock for cache expiry, in milliseconds. Default `Date.now`; inject one in tests. */
  now?: () => number;
  /** File-system implementation (fault injection, other backends). Default: `node:fs`. */
  fs?: StoreFileSystem;
  /**
   * Keep a last-good copy `<file>.bak` of every file, written together with it, so a file found
   * corrupt is restored from it. Default `true`; `false` halves the bytes written.
   */
  backups?: boolean;
  /**
   * Called when a file is found corrupt: its bytes were kept aside and it was either restored
   * from its last-good copy (`ZRX_STORE_RECOVERED`, the read succeeds) or not (`ZRX_STORE_CORRUPT`,
   * the read rejects). Default: a process warning for restored files. Exceptions it throws are
   * ignored.
   */
  onCorrupt?: (event: StoreCorruptEvent) => void;
}

/** What {@link AtomicStoreOptions.onCorrupt} is told about a corrupt file. */
export interface StoreCorruptEvent {
  /** The store path of the corrupt file. */
  readonly file: string;
  /** Its absolute path. */
  readonly path: string;
  /** The store path its corrupt bytes were kept under (`<file>.corrupt-<timestamp>`). */
  readonly movedTo: string;
  /** The store path of the copy it was restored from (`<file>.bak`), or `undefined` if none was usable. */
  readonly restoredFrom: string | undefined;
  /** `ZRX_STORE_RECOVERED` (restored) or `ZRX_STORE_CORRUPT` (not restored; the file is missing now). */
  readonly error: StoreError;
}

/** Options of {@link AtomicStore.readJson}. */
export interface ReadJsonOptions<T> {
  /** Use (and fill) the cache. Default `true`. Cached values are deep-frozen. */
  cache?: boolean;
  /** Validate the parsed value; its output is returned. Works with zod, valibot, arktype… */
  schema?: StandardSchemaV1<unknown, T>;
}

/** Options of {@link AtomicStore.writeJson}. */
export interface WriteJsonOptions {
  /** Put the written value in the cache instead of just invalidating it. Default `false`. */
  keepCached?: boolean;
}

/** A snapshot of the store's counters, from {@link AtomicStore.stats}. */
export interface StoreStats {
  /** Files in the cache now. */
  cacheSize: number;
  /** Cache capacity (`cacheSize` option). */
  cacheMax: number;
  /** Cache time-to-live in milliseconds. */
  cacheTtlMs: number;
  /** Reads answered from the cache. */
  hits: number;
  /** Cached reads that had to go to disk. */
  misses: number;
  /** Reads made with `cache: false`. */
  bypasses: number;
  /** `hits / (hits + misses)`, 0 when there were none. A fraction, not a percentage. */
  hitRate: number;
  /** Files read from disk. */
  reads: number;
  /** Files written to disk (one per batch of coalesced calls). */
  writes: number;
  /** Calls acknowledged by a write of newer content instead of a write of their own. */
  coalescedWrites: number;
  /** Files deleted. */
  deletes: number;
  /** I/O operations that failed after all retries (corrupt files included). */
  failures: number;
  /** Retries made after transient OS errors. */
  retries: number;
  /** Files with operations queued or running now. */
  activeLocks: number;
  /** Corrupt files found (their bytes kept as `<file>.corrupt-<timestamp>`). */
  corruptFiles: number;
  /** Corrupt files restored from their last-good copy. */
  recoveredFiles: number;
  /** Stray temp files from crashed writers removed at start. */
  strayTempsRemoved: number;
  /** Failed / total over the last 1,000 I/O operations. */
  failureRate: number;
  /** `healthy` below 1 %, `degraded` 1–5 %, `critical` above 5 %. */
  health: StoreHealth;
}
