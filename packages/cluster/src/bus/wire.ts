// The bus wire format (version 1). Every stream entry is a flat list of field/value pairs, all
// strings, so any Redis client in any language can read and write it:
//
//   v   "1"                       wire version; other versions are acknowledged and dropped
//   id  "<idempotency key>"       unique per event; a gateway uses `<shardId>:<sessionId>:<seq>`
//   t   "<event type>"            e.g. a gateway dispatch name, `INTERACTION_CREATE`
//   s   "<shard id>"              decimal; "-1" for events of no shard
//   at  "<ms since epoch>"        when it was published
//   d   "<JSON>"                  the payload
//
// Keys, under a prefix (default `zoryx`):
//   <prefix>:events              the work stream (one consumer group: each event handled once)
//   <prefix>:state               the fan-out stream (every process reads all of it, no group)
//   <prefix>:idem:<id>           `run:<consumer>` while a consumer handles the event (PX lease),
//                                then `done` (PX doneTtlMs): the idempotency record
import { ClusterError } from '../errors.js';

/** The wire version this package writes and reads. */
export const WIRE_VERSION = '1';

/** One event as published on the bus. */
export interface BusEventInput<T = unknown> {
  /** Idempotency key: an event with an id already handled is acknowledged, not handled again. */
  id: string;
  /** Event type, e.g. `INTERACTION_CREATE`. */
  type: string;
  /** The shard it came from, or -1. */
  shardId: number;
  /** JSON-able payload. */
  data: T;
}

/** One event as a consumer receives it. */
export interface BusEvent<T = unknown> extends BusEventInput<T> {
  /** The Redis stream entry id. */
  entryId: string;
  /** Milliseconds since the epoch when it was published. */
  publishedAt: number;
}

/** The field/value list of one entry. */
export function encodeEntry(event: BusEventInput, now: number): string[] {
  return [
    'v',
    WIRE_VERSION,
    'id',
    event.id,
    't',
    event.type,
    's',
    String(event.shardId),
    'at',
    String(now),
    'd',
    JSON.stringify(event.data ?? null),
  ];
}

function wireError(entryId: string, why: string): ClusterError {
  return new ClusterError('ZRX_CLUSTER_WIRE', `Bus entry ${entryId} is invalid: ${why}.`);
}

/** Reads one entry's fields; throws `ZRX_CLUSTER_WIRE` when they are not wire version 1. */
export function decodeEntry(entryId: string, fields: readonly string[] | null): BusEvent {
  if (fields === null) throw wireError(entryId, 'it was trimmed before it was claimed');
  // A plain scan (no Map per entry): this runs for every event a worker reads.
  let version: string | undefined;
  let id: string | undefined;
  let type: string | undefined;
  let shard: string | undefined;
  let at: string | undefined;
  let raw: string | undefined;
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const value = fields[i + 1];
    switch (fields[i]) {
      case 'v':
        version = value;
        break;
      case 'id':
        id = value;
        break;
      case 't':
        type = value;
        break;
      case 's':
        shard = value;
        break;
      case 'at':
        at = value;
        break;
      case 'd':
        raw = value;
        break;
    }
  }
  if (version !== WIRE_VERSION) throw wireError(entryId, `wire version ${version}`);
  const shardId = Number(shard);
  const publishedAt = Number(at);
  if (!id || !type || !Number.isInteger(shardId) || !Number.isFinite(publishedAt) || !raw) {
    throw wireError(entryId, 'a field is missing');
  }
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    throw wireError(entryId, 'd is not JSON');
  }
  return { entryId, id, type, shardId, publishedAt, data };
}
