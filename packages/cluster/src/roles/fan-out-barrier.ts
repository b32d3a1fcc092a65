import type { Redis } from 'ioredis';
import type { BusEvent } from '../bus/wire.js';

/** Compares two stream entry ids (`<ms>-<seq>`) numerically. */
export function compareEntryIds(a: string, b: string): number {
  const [aMs = 0, aSeq = 0] = a.split('-').map(Number);
  const [bMs = 0, bSeq = 0] = b.split('-').map(Number);
  return aMs === bMs ? aSeq - bSeq : aMs - bMs;
}

/**
 * Keeps a worker's two streams in causal order where it matters. A worker reads the fan-out
 * stream (GUILD_CREATE …) and the work stream (messages, interactions …) on two connections, so
 * the first message of a guild the bot just joined can reach discord.js before that guild's
 * GUILD_CREATE, and discord.js drops it (seen in the fencing e2e: the first command of 2 runs
 * in 15 unanswered). So a work event about a guild this worker has not been introduced to waits
 * until the fan-out tail has applied every fan-out entry published up to the work entry's
 * millisecond (the gateway appends both in publishing order, with ids from one Redis clock), at
 * most `maxWaitMs`. Events of known guilds, and of no guild, pass at once without a round trip.
 */
export class FanOutBarrier {
  readonly #redis: Redis;
  readonly #stream: string;
  readonly #maxWaitMs: number;
  readonly #guilds = new Set<string>();
  #applied: string;
  #waiters: (() => void)[] = [];
  /** Work events that waited for the fan-out stream (for tests and stats). */
  public waited = 0;

  /**
   * `stream`: the fan-out stream's key; `from`: the fan-out position the worker's state is at
   * (its snapshot's).
   */
  public constructor(options: { redis: Redis; stream: string; from: string; maxWaitMs?: number }) {
    this.#redis = options.redis;
    this.#stream = options.stream;
    this.#applied = options.from;
    this.#maxWaitMs = options.maxWaitMs ?? 2_000;
  }

  /** Notes what a fan-out dispatch (or a snapshot frame) says about the guilds known. */
  public note(type: string, data: unknown): void {
    const d = data as { id?: unknown; unavailable?: unknown } | null;
    if (typeof d?.id !== 'string') return;
    if (type === 'GUILD_CREATE') this.#guilds.add(d.id);
    else if (type === 'GUILD_DELETE' && d.unavailable !== true) this.#guilds.delete(d.id);
  }

  /** The fan-out tail applied every entry up to `entryId`. */
  public applied(entryId: string): void {
    this.#applied = entryId;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }

  /** Resolves once `event` may be handed to discord.js (see the class). */
  public async before(event: BusEvent): Promise<void> {
    const guildId = (event.data as { guild_id?: unknown } | null)?.guild_id;
    if (typeof guildId !== 'string' || this.#guilds.has(guildId)) return;
    const ms = event.entryId.split('-')[0] ?? event.entryId;
    // An id without a sequence as the end: every fan-out entry of that millisecond counts.
    const [newest] = (await this.#redis.xrevrange(this.#stream, ms, '-', 'COUNT', 1)) as [
      string,
      string[],
    ][];
    if (newest === undefined || compareEntryIds(newest[0], this.#applied) <= 0) return;
    this.waited += 1;
    const deadline = Date.now() + this.#maxWaitMs;
    while (compareEntryIds(this.#applied, newest[0]) < 0 && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        this.#waiters.push(resolve);
        setTimeout(resolve, 100).unref();
      });
    }
  }
}
