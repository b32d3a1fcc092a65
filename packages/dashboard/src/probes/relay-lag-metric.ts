// `zoryx_relay_lag_seconds`: the supervised runtime's relay lag (`client.runtime.relayLag`), as a
// Prometheus histogram. The worker counts every relayed event into its own fine buckets (10 µs to
// 60 s, each 1.1× the one before); a scrape folds them into the usual coarse `le` buckets. So the
// histogram is read, not observed: a prom-client Histogram that builds its exposition from those
// counts at scrape time (its own `observe` is never called).

import type { BotRuntime, RelayLagCounts, RelayLagStage } from '@zoryx/framework';
import { Histogram, type Registry } from 'prom-client';

/** The exposition's bucket bounds, seconds: 100 µs to 10 s. */
export const RELAY_LAG_BUCKETS_S = [
  0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
] as const;

const STAGES: readonly RelayLagStage[] = ['arrival', 'handoff'];

/** One stage's fine counts folded into {@link RELAY_LAG_BUCKETS_S}: cumulative, then sum and count. */
export function foldRelayLag(lag: RelayLagCounts): {
  buckets: { le: number; count: number }[];
  count: number;
  sumSeconds: number;
} {
  const { boundsMs, counts } = lag;
  let count = 0;
  let sumMs = 0;
  for (let i = 0; i < counts.length; i++) {
    const n = counts[i] ?? 0;
    count += n;
    // A bucket's lags are taken at its geometric middle (the overflow bucket at the last bound).
    const upper = boundsMs[Math.min(i, boundsMs.length - 1)] ?? 0;
    const lower = i === 0 || i >= boundsMs.length ? upper : (boundsMs[i - 1] ?? 0);
    sumMs += n * Math.sqrt(lower * upper);
  }
  // A fine bucket counts under `le` when its whole range is at or below it, so a coarse bucket may
  // miss lags of the one fine bucket straddling its bound (within 10 % of it).
  const buckets = RELAY_LAG_BUCKETS_S.map((le) => {
    const limitMs = le * 1000 * (1 + 1e-9);
    let cumulative = 0;
    for (let i = 0; i < boundsMs.length && (boundsMs[i] ?? 0) <= limitMs; i++) {
      cumulative += counts[i] ?? 0;
    }
    return { le, count: cumulative };
  });
  return { buckets, count, sumSeconds: sumMs / 1000 };
}

const NAME = 'zoryx_relay_lag_seconds';
const RELAY_LAG_HELP =
  "Supervised runtime: lag of relayed gateway events from the supervisor's socket to the worker's thread (stage arrival) and to discord.js (stage handoff), since the worker started.";

/** One line of the exposition, in the shape prom-client's registry formats. */
interface ExpositionValue {
  metricName: string;
  labels: Record<string, string | number>;
  sharedLabels: Record<string, string>;
  value: number;
}

/**
 * The histogram, read from `runtime` at each scrape. prom-client's registry builds a metric's
 * text from its `getForPromString()` (and `get()` from that): this one answers with the folded
 * counts instead of its own observations.
 */
class RelayLagHistogram extends Histogram<'stage'> {
  readonly #runtime: BotRuntime;

  public constructor(runtime: BotRuntime, registry: Registry) {
    super({
      name: NAME,
      help: RELAY_LAG_HELP,
      labelNames: ['stage'],
      buckets: [...RELAY_LAG_BUCKETS_S],
      registers: [registry],
    });
    this.#runtime = runtime;
  }

  public async getForPromString(): Promise<{
    name: string;
    help: string;
    type: 'histogram';
    aggregator: 'sum';
    values: ExpositionValue[];
  }> {
    const values: ExpositionValue[] = [];
    for (const stage of STAGES) {
      const folded = foldRelayLag(this.#runtime.relayLag(stage));
      const sharedLabels = { stage };
      const line = (suffix: string, labels: ExpositionValue['labels'], value: number) =>
        values.push({ metricName: `${NAME}${suffix}`, labels, sharedLabels, value });
      for (const { le, count } of folded.buckets) line('_bucket', { le }, count);
      line('_bucket', { le: '+Inf' }, folded.count);
      line('_sum', {}, folded.sumSeconds);
      line('_count', {}, folded.count);
    }
    return {
      name: NAME,
      help: RELAY_LAG_HELP,
      type: 'histogram',
      aggregator: 'sum',
      values,
    };
  }
}

/** Registers `zoryx_relay_lag_seconds` when the bot runs supervised; nothing in one process. */
export function registerRelayLag(runtime: BotRuntime | null, registry: Registry): void {
  if (runtime !== null) new RelayLagHistogram(runtime, registry);
}
