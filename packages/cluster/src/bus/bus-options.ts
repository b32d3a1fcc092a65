import type { Redis } from 'ioredis';
import type { BusEvent } from './wire.js';

/** Options of an {@link EventBus}. */
export interface EventBusOptions {
  /** A connected ioredis client for commands; the bus duplicates it for its blocking reads. */
  redis: Redis;
  /** Key prefix of this bot (several bots may share a Redis). Default `zoryx`. */
  prefix?: string;
  /** This process' consumer name in the group; unique per process. */
  consumer: string;
  /** Consumer group name. Default `workers`. */
  group?: string;
  /** Approximate stream length kept (`XADD MAXLEN ~`). Default 100,000. */
  maxLen?: number;
  /** Entries read per `XREADGROUP`. Default 500. */
  batch?: number;
  /**
   * Batches a consumer handles at once (the next read does not wait for the previous batch's
   * handlers, up to this many). Default 4.
   */
  batchesInFlight?: number;
  /**
   * Which deliveries consult the idempotency record `<prefix>:idem:<id>`:
   * - `'redelivered'` (default): only entries taken over with `XAUTOCLAIM`. A fresh delivery
   *   (`XREADGROUP >`) goes to exactly one consumer by the group's own semantics, and a live
   *   consumer keeps the entries it is handling from going idle, so only a dead (or stalled)
   *   consumer's entries are ever delivered twice. The publisher must not publish one event
   *   twice: `ClusterGateway` drops, after a RESUME, the replays it already published.
   * - `'every'`: every delivery takes the record (two more commands per event): for publishers
   *   that may publish one id twice.
   */
  idempotency?: 'redelivered' | 'every';
  /** How long a read blocks waiting for entries, ms. Default 1,000. */
  blockMs?: number;
  /**
   * An entry pending this long (its consumer died or its handler failed) is claimed by another
   * consumer with `XAUTOCLAIM`; also the lease a consumer holds on an event while handling it.
   * Default 15,000.
   */
  claimIdleMs?: number;
  /** How long an event id is remembered as handled. Default 86,400,000 (one day). */
  doneTtlMs?: number;
  /** Receives handler failures and dropped entries. Default: a process warning. */
  onError?: (error: unknown) => void;
  /** Clock, ms. Default `Date.now`. */
  now?: () => number;
}

/** Counters of one process' bus. */
export interface BusStats {
  published: number;
  handled: number;
  /** Events whose id was already handled (a republished or redelivered event): acked, skipped. */
  duplicates: number;
  /** Entries taken over from another consumer (`XAUTOCLAIM`). */
  claimed: number;
  failed: number;
  dropped: number;
}

/** Handles one event; throwing leaves it pending for redelivery. */
export type BusHandler = (event: BusEvent) => void | Promise<void>;
