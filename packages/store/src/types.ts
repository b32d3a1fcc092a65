import type { StandardSchemaV1 } from '@standard-schema/spec';
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
  /** Corrupt files moved aside to `<file>.corrupt-<timestamp>`. */
  corruptFiles: number;
  /** Stray temp files from crashed writers removed at start. */
  strayTempsRemoved: number;
  /** Failed / total over the last 1,000 I/O operations. */
  failureRate: number;
  /** `healthy` below 1 %, `degraded` 1–5 %, `critical` above 5 %. */
  health: StoreHealth;
}
