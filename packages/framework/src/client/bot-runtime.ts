// What the runtime hosting a bot tells it about itself. The framework knows no supervisor: the
// host that runs the bot (`zoryx start`'s supervised worker, in @zoryx/cli) fills this in, and
// extensions read it as `ctx.client.runtime` (the dashboard exports the relay's lag from it).

/** The stage of the relay a lag is measured to: the worker's thread, or discord.js. */
export type RelayLagStage = 'arrival' | 'handoff';

/** Lag counts by bucket: `counts[i]` counts lags ≤ `boundsMs[i]` (and over the bound before). */
export interface RelayLagCounts {
  /** The buckets' upper bounds, ms, ascending. */
  readonly boundsMs: readonly number[];
  /** One count per bound, and one more for lags beyond the last bound. */
  readonly counts: readonly number[];
}

/**
 * A bot running in a supervised worker: its gateway session is held by a supervisor in another
 * thread, which relays every event to it. Absent (`client.runtime === null`) in one process.
 */
export interface BotRuntime {
  readonly mode: 'supervised';
  /** The worker's id: 1 for the first, +1 for each worker spawned after it. */
  readonly workerId: number;
  /**
   * The relay's lag of the live events this worker received since it started, by bucket:
   * `arrival` from the supervisor's socket to this thread, `handoff` to discord.js.
   */
  relayLag(stage: RelayLagStage): RelayLagCounts;
}
