// The bench's arithmetic: percentiles, and one endpoint's summary from the pollers' samples.

/** One polled request (poller-worker.mjs): wall time, Server-Timing, run-queue waits (ms). */
export interface Sample {
  readonly wallMs: number;
  /** `Server-Timing: app;dur=`: building the answer, without any wait. */
  readonly appMs: number | null;
  /** `Server-Timing: wait;dur=`: the server thread's wait for a core (floor-server.mjs only). */
  readonly serverWaitMs: number | null;
  /** The polling thread's wait for a core during the request (its schedstat). */
  readonly clientWaitMs: number | null;
  /** The polling client's own GC pauses around the request (ms). */
  readonly clientGcMs?: number;
  /** Whether the request went over the kept-alive connection (false: a new one was opened). */
  readonly reusedConnection?: boolean;
}

/** The `p`th percentile (nearest rank) of `values`; NaN when there are none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return (
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN
  );
}

const known = (values: readonly (number | null)[]): number[] =>
  values.filter((v): v is number => v !== null);

/**
 * One endpoint's figures. `p50Ms`/`p95Ms`/`p99Ms` are the wall times (what a scraper sees, the
 * issue's target). `runQueueWaitP95Ms` is the p95 of the part of each request during which the
 * client (and, for the floor, the server) was runnable but waiting for a core — the kernel's
 * share, no process's work; `tailRunQueueShare` the share of the slowest 5 %'s wall time that was
 * such waiting. Both are approximate (schedstat read around each request) and explain the wall
 * figures; they never replace them.
 */
export function summary(samples: readonly Sample[]) {
  const wall = samples.map((s) => s.wallMs);
  const waits = samples.map((s) =>
    s.clientWaitMs === null ? null : s.clientWaitMs + (s.serverWaitMs ?? 0),
  );
  const p95 = percentile(wall, 95);
  const tail = samples.filter((s) => s.wallMs >= p95);
  const tailWait = tail.reduce((sum, s) => sum + (s.clientWaitMs ?? 0) + (s.serverWaitMs ?? 0), 0);
  const tailWall = tail.reduce((sum, s) => sum + s.wallMs, 0);
  const fixed = (n: number) => n.toFixed(2);
  return {
    requests: wall.length,
    p50Ms: fixed(percentile(wall, 50)),
    p95Ms: fixed(p95),
    p99Ms: fixed(percentile(wall, 99)),
    computeP95Ms: fixed(percentile(known(samples.map((s) => s.appMs)), 95)),
    runQueueWaitP95Ms: fixed(percentile(known(waits), 95)),
    tailRunQueueShare: tailWall > 0 ? Number((tailWait / tailWall).toFixed(2)) : null,
    // The client's own suspects, ruled in or out: its longest GC pause, and the requests that had
    // to open a connection (the first of each poller; more would mean keep-alive was lost).
    clientGcMaxMs: fixed(Math.max(0, ...samples.map((s) => s.clientGcMs ?? 0))),
    newConnections: samples.filter((s) => s.reusedConnection === false).length,
  };
}
