import type { CheckResult } from './health.js';
import type { ProbeCache } from './probe-cache.js';

/**
 * How old the last readiness may be for the dashboard port's fast path to answer `/readyz` with
 * it. It is taken after every `/status.json` build (every second); older means the bot's loop
 * was starved, and the route computes a fresh one instead.
 */
const SNAPSHOT_MAX_AGE_MS = 3_000;

/**
 * The readiness checks as of the last `/status.json` build, kept so `/readyz` can be answered
 * without awaiting anything. The build already ran the checks (`currentChecks` reuses them for a
 * second), so taking the snapshot costs no second database round trip.
 */
export class ReadinessSnapshot {
  #latest: { readonly checks: readonly CheckResult[]; readonly at: number } | undefined;
  readonly #stop: () => void;

  /** @param read - the checks (the cached `currentChecks`), read after every status build. */
  public constructor(status: ProbeCache, read: () => Promise<readonly CheckResult[]>) {
    this.#stop = status.onBuilt(() => {
      read()
        .then((checks) => {
          this.#latest = { checks, at: Date.now() };
        })
        .catch(() => undefined);
    });
  }

  /** The last checks if taken within the last 3 s, else `undefined` (compute them afresh). */
  public current(now = Date.now()): readonly CheckResult[] | undefined {
    const latest = this.#latest;
    return latest && now - latest.at <= SNAPSHOT_MAX_AGE_MS ? latest.checks : undefined;
  }

  /** Stops following the status builds (on unload). */
  public close(): void {
    this.#stop();
  }
}
