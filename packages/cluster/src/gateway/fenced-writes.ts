import type { Redis } from 'ioredis';
import { runScript, scriptOf } from '../bus/bus-script.js';

/**
 * The fence, checked inside Redis in the same script as the writes it guards: every lease key
 * must name this owner or no one (expired, unclaimed: writing is still safe, a gateway that
 * claims it later reads the streams after its claim). Another owner → `{0, index}`, nothing
 * written.
 */
const CHECK = `local owner, n = ARGV[1], tonumber(ARGV[2])
for i = 1, n do
  local holder = redis.call('get', KEYS[i])
  if holder and holder ~= owner then return {0, i} end
end
`;

/**
 * ARGV after the check's: maxLen, then per entry: stream index (after the leases), count, fields.
 * Every stream key after the leases is trimmed once, after the batch's appends (as the bus does),
 * not at each append.
 */
const PUBLISH = scriptOf(`${CHECK}local out = {1}
local a = 4
while a <= #ARGV do
  local count = tonumber(ARGV[a + 1])
  out[#out + 1] = redis.call('xadd', KEYS[n + tonumber(ARGV[a])], '*',
    unpack(ARGV, a + 2, a + 1 + count))
  a = a + 2 + count
end
for k = n + 1, #KEYS do redis.call('xtrim', KEYS[k], 'MAXLEN', '~', ARGV[3]) end
return out`);

/** ARGV after the check's, per key after the leases: 'del', or 'set', px (0: none), value. */
const WRITE = scriptOf(`${CHECK}local j, a = n, 3
while a <= #ARGV do
  j = j + 1
  if ARGV[a] == 'del' then
    redis.call('del', KEYS[j])
    a = a + 1
  else
    if tonumber(ARGV[a + 1]) > 0 then
      redis.call('set', KEYS[j], ARGV[a + 2], 'PX', ARGV[a + 1])
    else
      redis.call('set', KEYS[j], ARGV[a + 2])
    end
    a = a + 3
  end
end
return {1}`);

/** Who the fence belongs to: the owner name and its lease keys, one per shard. */
export interface Fence {
  readonly owner: string;
  /** The lease keys of every shard this writer runs, and the shard of each. */
  leases(): readonly { readonly key: string; readonly shardId: number }[];
}

/** One entry to append: the stream key and its fields (`encodeEntry`). */
export interface FencedEntry {
  readonly stream: string;
  readonly fields: readonly string[];
}

/** One key to write: set (with an optional TTL) or delete. */
export type FencedOp =
  | { readonly key: string; readonly value: string; readonly px?: number }
  | { readonly key: string; readonly del: true };

/** A write refused because another owner holds the lease of `shardId`. */
export interface FenceLost {
  readonly lost: number;
}

function lostOf(fence: Fence, reply: unknown): FenceLost | undefined {
  const [ok, index] = reply as [number, number | string];
  if (Number(ok) === 1) return undefined;
  return { lost: fence.leases()[Number(index) - 1]?.shardId ?? -1 };
}

/**
 * Writes a gateway makes that a successor must never see from a predecessor (its dispatches on
 * the streams, its snapshots and sessions), each batch one Lua script that checks the shard
 * leases first: a gateway that stalled past its lease and woke up cannot add a single entry
 * once another gateway took a shard, whatever its own timers think (a fencing token checked
 * where the data lives, not in the writer's memory).
 */
export class FencedWrites {
  readonly #redis: Redis;
  readonly #fence: Fence;

  public constructor(redis: Redis, fence: Fence) {
    this.#redis = redis;
    this.#fence = fence;
  }

  /** Appends `entries` (in order) if the fence holds; their entry ids, or the lost shard. */
  public async publish(
    entries: readonly FencedEntry[],
    maxLen: number,
  ): Promise<{ ids: string[] } | FenceLost> {
    const leases = this.#fence.leases();
    const streams: string[] = [];
    const args: (string | number)[] = [this.#fence.owner, leases.length, maxLen];
    for (const { stream, fields } of entries) {
      let index = streams.indexOf(stream);
      if (index < 0) index = streams.push(stream) - 1;
      args.push(index + 1, fields.length, ...fields);
    }
    const keys = [...leases.map((lease) => lease.key), ...streams];
    // By hash (EVALSHA), the body sent only when Redis does not know it yet: one call per batch.
    const reply = (await runScript(this.#redis, PUBLISH, keys, args)) as unknown[];
    return lostOf(this.#fence, reply) ?? { ids: reply.slice(1).map(String) };
  }

  /** Applies `ops` if the fence holds; `undefined`, or the lost shard. */
  public async write(ops: readonly FencedOp[]): Promise<FenceLost | undefined> {
    if (ops.length === 0) return undefined;
    const leases = this.#fence.leases();
    const args: (string | number)[] = [this.#fence.owner, leases.length];
    for (const op of ops) {
      if ('del' in op) args.push('del');
      else args.push('set', op.px ?? 0, op.value);
    }
    const keys = [...leases.map((lease) => lease.key), ...ops.map((op) => op.key)];
    return lostOf(this.#fence, await runScript(this.#redis, WRITE, keys, args));
  }
}
