// The shared memory between the supervisor and a worker thread: read by the supervisor without
// waiting for the worker's event loop, which is exactly what is unavailable when the worker spins.
//
// Layout of the SharedArrayBuffer (little-endian, as the platform):
//   bytes  0..3   Int32  heartbeat counter, +1 by a timer on the worker's loop every BEAT_MS
//   bytes  4..7   Int32  activity version (a seqlock: odd while being written)
//   bytes  8..11  Int32  activity length in bytes (0 = none)
//   bytes 12..15  Int32  reserved
//   bytes 16..23  BigInt64 highest stream seq the worker handed to discord.js (acknowledged)
//   bytes 24..    Uint8  activity name, UTF-8, at most ACTIVITY_MAX_BYTES

/** How often the worker's loop bumps the heartbeat counter, ms. */
export const BEAT_MS = 100;

/** The longest activity name kept (longer names are cut at a character boundary). */
export const ACTIVITY_MAX_BYTES = 200;
const HEADER_BYTES = 24;
const HEARTBEAT = 0;
const VERSION = 1;
const LENGTH = 2;

/** Typed views over one slots buffer. */
export interface SlotViews {
  readonly buffer: SharedArrayBuffer;
  readonly ints: Int32Array;
  readonly consumed: BigInt64Array;
  readonly bytes: Uint8Array;
}

/** Allocates the shared slots for one worker. */
export function createSlots(): SlotViews {
  return viewSlots(new SharedArrayBuffer(HEADER_BYTES + ACTIVITY_MAX_BYTES));
}

/** Views over slots received from the other side. */
export function viewSlots(buffer: SharedArrayBuffer): SlotViews {
  return {
    buffer,
    ints: new Int32Array(buffer, 0, 4),
    consumed: new BigInt64Array(buffer, 16, 1),
    bytes: new Uint8Array(buffer, HEADER_BYTES, ACTIVITY_MAX_BYTES),
  };
}

/** Worker side: one heartbeat. */
export function beat(slots: SlotViews): void {
  Atomics.add(slots.ints, HEARTBEAT, 1);
}

/** Supervisor side: the heartbeat counter (compare with the last reading). */
export function readBeat(slots: SlotViews): number {
  return Atomics.load(slots.ints, HEARTBEAT);
}

/** Worker side: records that stream event `seq` was handed to discord.js. */
export function acknowledge(slots: SlotViews, seq: number): void {
  Atomics.store(slots.consumed, 0, BigInt(seq));
}

/** Supervisor side: the highest acknowledged stream seq. */
export function readAcknowledged(slots: SlotViews): number {
  return Number(Atomics.load(slots.consumed, 0));
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
// setActivity runs on every command and listener call: encode each name once.
const encoded = new Map<string, Uint8Array>();
const ENCODED_CACHE_LIMIT = 1_000;

function encode(name: string): Uint8Array {
  let bytes = encoded.get(name);
  if (bytes) return bytes;
  bytes = encoder.encode(name);
  if (bytes.length > ACTIVITY_MAX_BYTES) {
    let end = ACTIVITY_MAX_BYTES;
    // Back off to the start of a UTF-8 character (continuation bytes are 10xxxxxx).
    while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
    bytes = bytes.slice(0, end);
  }
  if (encoded.size >= ENCODED_CACHE_LIMIT) encoded.clear();
  encoded.set(name, bytes);
  return bytes;
}

/**
 * Worker side: writes the activity name (`null` clears it). A seqlock makes a concurrent read
 * retry instead of seeing half a name: the version is odd while the bytes change.
 */
export function writeActivity(slots: SlotViews, name: string | null): void {
  const bytes = name === null ? undefined : encode(name);
  Atomics.add(slots.ints, VERSION, 1);
  if (bytes) slots.bytes.set(bytes);
  Atomics.store(slots.ints, LENGTH, bytes?.length ?? 0);
  Atomics.add(slots.ints, VERSION, 1);
}

/**
 * Supervisor side: the activity version, which changes on every write (compare with the last
 * reading to know whether the worker entered or left an activity since).
 */
export function readActivityVersion(slots: SlotViews): number {
  return Atomics.load(slots.ints, VERSION);
}

/**
 * Supervisor side: the activity name, or `null` for none. Returns `null` too if the worker kept
 * writing through every retry (it then is not blocked, which is when this is read).
 */
export function readActivity(slots: SlotViews): string | null {
  for (let attempt = 0; attempt < 100; attempt++) {
    const before = Atomics.load(slots.ints, VERSION);
    if (before % 2 === 1) continue;
    const length = Atomics.load(slots.ints, LENGTH);
    const copy = slots.bytes.slice(0, length);
    if (Atomics.load(slots.ints, VERSION) !== before) continue;
    return length === 0 ? null : decoder.decode(copy);
  }
  return null;
}
