// The relay's lag: how long a dispatch took from the supervisor's gateway socket to the worker,
// measured on every live event at two stages — its arrival in the worker's thread (the relay's
// own hop: the supervisor's batching, the copy, waking the thread) and its handoff to discord.js
// (plus the wait behind the events before it, which a bot in one process has too: it handles
// the frames of one socket read one after another). The worker counts lags into fixed log-scale
// buckets and sends the counts with its heartbeat; the supervisor adds them up
// (`stats().relayLag`, `relayLagHistogram()`).
//
// Fixed buckets rather than a library histogram: counts of the same buckets add up across
// heartbeats and workers and cross a thread as a plain array; a percentile read off them is
// within half a bucket (±5 %) of the exact one.

/** The smallest bucket's upper bound, ms (lags at or under it count there). */
const FIRST_BOUND_MS = 0.01;
/** Each bucket's upper bound is this times the one before. */
const GROWTH = 1.1;
const LOG_GROWTH = Math.log(GROWTH);
/** Buckets with an upper bound; one more counts everything over the last (≥ 60 s). */
const BOUNDED = Math.ceil(Math.log(60_000 / FIRST_BOUND_MS) / LOG_GROWTH) + 1;
/** How many counts a lag histogram holds. */
export const LAG_BUCKETS = BOUNDED + 1;

/** The buckets' upper bounds in ms, ascending (the overflow bucket has none). */
export const LAG_BOUNDS_MS: readonly number[] = Array.from(
  { length: BOUNDED },
  (_, i) => FIRST_BOUND_MS * GROWTH ** i,
);

/** The bucket a lag of `ms` counts in. */
export function lagBucket(ms: number): number {
  if (!(ms > FIRST_BOUND_MS)) return 0;
  // The epsilon keeps a lag exactly on a bound in that bound's bucket despite rounding.
  const i = Math.ceil(Math.log(ms / FIRST_BOUND_MS) / LOG_GROWTH - 1e-9);
  return Math.min(i, BOUNDED);
}

/** The relay's lag, summarized (ms; percentiles within ±5 %). Zeros when nothing was counted. */
export interface RelayLagSummary {
  /** Events counted. */
  count: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  /** The largest bucket that counted anything: its upper bound (the last bound if beyond). */
  maxMs: number;
}

/** Lag counts by bucket ({@link LAG_BOUNDS_MS}), as `relayLagHistogram()` returns them. */
export interface RelayLagHistogram {
  /** Upper bounds of the buckets, ms; `counts` has one more entry, for lags beyond the last. */
  boundsMs: readonly number[];
  counts: number[];
}

/** A representative value of bucket `i`: the geometric middle of its bounds. */
function bucketValue(i: number): number {
  if (i === 0) return FIRST_BOUND_MS;
  const upper = LAG_BOUNDS_MS[Math.min(i, BOUNDED - 1)] as number;
  return i >= BOUNDED ? upper : upper / Math.sqrt(GROWTH);
}

/** Summarizes bucket counts. */
export function summarizeLag(counts: readonly number[]): RelayLagSummary {
  const count = counts.reduce((sum, n) => sum + n, 0);
  if (count === 0) return { count: 0, p50Ms: 0, p90Ms: 0, p99Ms: 0, maxMs: 0 };
  const at = (fraction: number): number => {
    const rank = Math.ceil(fraction * count);
    let seen = 0;
    for (let i = 0; i < counts.length; i++) {
      seen += counts[i] as number;
      if (seen >= rank) return bucketValue(i);
    }
    return bucketValue(counts.length - 1);
  };
  let last = counts.length - 1;
  while (last > 0 && counts[last] === 0) last--;
  const maxMs = LAG_BOUNDS_MS[Math.min(last, BOUNDED - 1)] as number;
  return { count, p50Ms: at(0.5), p90Ms: at(0.9), p99Ms: at(0.99), maxMs };
}

/** Counts of one side: the worker records, the supervisor adds what heartbeats carry. */
export class LagCounts {
  #counts: number[] = new Array<number>(LAG_BUCKETS).fill(0);
  #recorded = 0;

  /** Counts one lag. */
  public record(ms: number): void {
    const i = lagBucket(ms);
    this.#counts[i] = (this.#counts[i] as number) + 1;
    this.#recorded++;
  }

  /** Adds counts of the same buckets (a heartbeat's). */
  public add(counts: readonly number[]): void {
    for (let i = 0; i < LAG_BUCKETS; i++) {
      const n = counts[i] ?? 0;
      this.#counts[i] = (this.#counts[i] as number) + n;
      this.#recorded += n;
    }
  }

  /** The counts since the last `take()`, and starts over; null when nothing was counted. */
  public take(): number[] | null {
    if (this.#recorded === 0) return null;
    const counts = this.#counts;
    this.#counts = new Array<number>(LAG_BUCKETS).fill(0);
    this.#recorded = 0;
    return counts;
  }

  /** A copy of the counts. */
  public histogram(): RelayLagHistogram {
    return { boundsMs: LAG_BOUNDS_MS, counts: [...this.#counts] };
  }

  /** The counts, summarized. */
  public summary(): RelayLagSummary {
    return summarizeLag(this.#counts);
  }
}

/** The stage a lag is measured to (see the file comment). */
export type RelayLagStage = 'arrival' | 'handoff';

/** Lag counts of both stages, as a heartbeat carries them. */
export type RelayLagCounts = Record<RelayLagStage, number[]>;

/** The relay's lag of both stages, summarized: `stats().relayLag`. */
export type RelayLagStats = Record<RelayLagStage, RelayLagSummary>;

/** Lag counts of both stages. */
export class RelayLag {
  readonly arrival = new LagCounts();
  readonly handoff = new LagCounts();

  /** Both stages' counts since the last `take()`, and starts over; null when nothing was counted. */
  public take(): RelayLagCounts | null {
    const arrival = this.arrival.take();
    const handoff = this.handoff.take();
    if (arrival === null && handoff === null) return null;
    const none = () => new Array<number>(LAG_BUCKETS).fill(0);
    return { arrival: arrival ?? none(), handoff: handoff ?? none() };
  }

  /** Adds a heartbeat's counts. */
  public add(counts: RelayLagCounts): void {
    this.arrival.add(counts.arrival);
    this.handoff.add(counts.handoff);
  }

  /** Both stages, summarized. */
  public summary(): RelayLagStats {
    return { arrival: this.arrival.summary(), handoff: this.handoff.summary() };
  }
}

/**
 * Now on a clock all threads of the process share, ms: what a relayed event's `at` holds.
 * (`performance.now()` alone counts from each thread's own start.)
 */
export function sharedNow(): number {
  return performance.timeOrigin + performance.now();
}
