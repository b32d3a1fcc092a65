// The bus wire format (version 2). Every stream entry is one field/value pair, both strings, so
// any Redis client in any language can read and write it:
//
//   e   [2, "<id>", "<type>", <shard>, <at>, <payload>]     one JSON array:
//       2          the wire version; entries of another version are acknowledged and dropped
//       id         idempotency key, unique per event; a gateway uses `<shardId>:<sessionId>:<seq>`
//       type       e.g. a gateway dispatch name, `INTERACTION_CREATE`
//       shard      integer; -1 for events of no shard
//       at         when it was published, ms since the epoch
//       payload    the event's data (a dispatch's `d`)
//
// Version 1 (still read, no longer written) spread the same six values over six fields
// (`v` "1", `id`, `t`, `s`, `at`, `d` JSON). Version 2 packs them into one because a consumer
// pays per field string (RESP decoding, a JS string each, garbage): one pair instead of six cut
// the work per event on both ends (see bench/bus-throughput.mjs). Readers of version 1 drop
// version-2 entries (no `v` field), so upgrade every worker before the gateways.
//
// Keys, under a prefix (default `zoryx`):
//   <prefix>:events              the work stream (one consumer group: each event handled once)
//   <prefix>:state               the fan-out stream (every process reads all of it, no group)
//   <prefix>:idem:<id>           `run:<consumer>` while a consumer handles the event (PX lease),
//                                then `done` (PX doneTtlMs): the idempotency record
import { ClusterError } from '../errors.js';

/** The wire version this package writes (it reads version 1 too). */
export const WIRE_VERSION = '2';

/** The one field of a version-2 entry. */
export const ENTRY_FIELD = 'e';
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

/** The value of a version-2 entry's one field: `[2, id, type, shard, at, payload]` as JSON. */
export function entryValue(event: BusEventInput, now: number): string {
  // Built by hand rather than JSON.stringify([...]): the payload is the only value worth
  // serialising, and no intermediate array is made per event.
  const data = JSON.stringify(event.data ?? null) ?? 'null';
  return `[2,${JSON.stringify(event.id)},${JSON.stringify(event.type)},${event.shardId},${now},${data}]`;
}

/** The field/value list of one entry (wire version 2: one field, a JSON array). */
export function encodeEntry(event: BusEventInput, now: number): string[] {
  return [ENTRY_FIELD, entryValue(event, now)];
}

function wireError(entryId: string, why: string): ClusterError {
  return new ClusterError('ZRX_CLUSTER_WIRE', `Bus entry ${entryId} is invalid: ${why}.`);
}

/**
 * Reads one entry's fields (wire version 2, or version 1 written by an older gateway); throws
 * `ZRX_CLUSTER_WIRE` for anything else.
 */
export function decodeEntry(entryId: string, fields: readonly string[] | null): BusEvent {
  if (fields === null) throw wireError(entryId, 'it was trimmed before it was claimed');
  if (fields.length === 2 && fields[0] === ENTRY_FIELD) return decodeV2(entryId, fields[1]!);
  return decodeV1(entryId, fields);
}

function decodeV2(entryId: string, raw: string): BusEvent {
  let entry: unknown;
  try {
    entry = JSON.parse(raw);
  } catch {
    throw wireError(entryId, 'e is not JSON');
  }
  if (!Array.isArray(entry)) throw wireError(entryId, 'e is not an array');
  if (entry[0] !== 2) throw wireError(entryId, `wire version ${String(entry[0])}`);
  // Indexes, not destructuring: no iterator per event.
  const id: unknown = entry[1];
  const type: unknown = entry[2];
  const shardId: unknown = entry[3];
  const publishedAt: unknown = entry[4];
  if (
    entry.length !== 6 ||
    typeof id !== 'string' ||
    id === '' ||
    typeof type !== 'string' ||
    type === '' ||
    !Number.isInteger(shardId) ||
    !Number.isFinite(publishedAt)
  ) {
    throw wireError(entryId, 'a value is missing or of the wrong type');
  }
  return {
    entryId,
    id,
    type,
    shardId: shardId as number,
    publishedAt: publishedAt as number,
    data: entry[5] as unknown,
  };
}

/**
 * The idempotency key of an entry without decoding its payload's shape (a gateway's scan of
 * what its predecessor published); `undefined` for an entry of neither version.
 */
export function eventIdOf(fields: readonly string[]): string | undefined {
  if (fields.length === 2 && fields[0] === ENTRY_FIELD) {
    try {
      const entry: unknown = JSON.parse(fields[1]!);
      return Array.isArray(entry) && typeof entry[1] === 'string' ? entry[1] : undefined;
    } catch {
      return undefined;
    }
  }
  const at = fields.indexOf('id');
  return at >= 0 && at % 2 === 0 ? fields[at + 1] : undefined;
}

/** Version 1: six fields (`v` "1", `id`, `t`, `s`, `at`, `d`). */
function decodeV1(entryId: string, fields: readonly string[]): BusEvent {
  // A plain scan (no Map per entry).
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
  if (version !== '1') throw wireError(entryId, `wire version ${version}`);
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
