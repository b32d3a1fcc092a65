/** Counters of the limiter, for `rules info` and the API's stats. */
export interface LimiterStats {
  /** Runs started at once. */
  started: number;
  /** Runs that had to wait for the rule's rate window (then started). */
  queued: number;
  /** Runs still waiting. */
  waiting: number;
  /** Runs refused because the rule's queue was full (each one reported, never silent). */
  overflowed: number;
}

interface RuleLane {
  readonly starts: number[];
  readonly queue: Array<() => void>;
  timer: ReturnType<typeof setTimeout> | undefined;
  readonly stats: LimiterStats;
}

/** Most runs one rule may have waiting; more are refused and reported to the author. */
export const MAX_WAITING_RUNS = 1000;

/**
 * Per-rule rate limit: at most `runs` starts per `perSeconds`. A run over the limit waits its turn
 * in the rule's FIFO (YAGPDB drops them silently; here they are queued and counted). Only when
 * {@link MAX_WAITING_RUNS} wait already is one refused — and `onOverflow` reports it.
 */
export class RunLimiter {
  private readonly lanes = new Map<string, RuleLane>();
  private closed = false;

  public constructor(
    private readonly now: () => number,
    private readonly onOverflow: (ruleId: string, stats: LimiterStats) => void,
  ) {}

  /** Runs `start` now or when the rule's window has room. False when refused (queue full). */
  public submit(
    ruleId: string,
    limit: { runs: number; perSeconds: number },
    start: () => void,
  ): boolean {
    const lane = this.lane(ruleId);
    if (this.closed) return false;
    if (lane.queue.length === 0 && this.tryStart(lane, limit)) {
      lane.stats.started++;
      start();
      return true;
    }
    if (lane.queue.length >= MAX_WAITING_RUNS) {
      lane.stats.overflowed++;
      this.onOverflow(ruleId, { ...lane.stats });
      return false;
    }
    lane.stats.queued++;
    lane.queue.push(start);
    lane.stats.waiting = lane.queue.length;
    this.schedule(lane, limit);
    return true;
  }

  /** The rule's counters. */
  public stats(ruleId: string): LimiterStats {
    return { ...this.lane(ruleId).stats };
  }

  /** Stops the timers; waiting runs are abandoned (the bot is shutting down). */
  public close(): void {
    this.closed = true;
    for (const lane of this.lanes.values()) {
      if (lane.timer) clearTimeout(lane.timer);
      lane.queue.length = 0;
    }
  }

  private lane(ruleId: string): RuleLane {
    let lane = this.lanes.get(ruleId);
    if (!lane) {
      lane = {
        starts: [],
        queue: [],
        timer: undefined,
        stats: { started: 0, queued: 0, waiting: 0, overflowed: 0 },
      };
      this.lanes.set(ruleId, lane);
    }
    return lane;
  }

  private tryStart(lane: RuleLane, limit: { runs: number; perSeconds: number }): boolean {
    const now = this.now();
    const windowMs = limit.perSeconds * 1000;
    while (lane.starts.length > 0 && now - (lane.starts[0] ?? now) >= windowMs) lane.starts.shift();
    if (lane.starts.length >= limit.runs) return false;
    lane.starts.push(now);
    return true;
  }

  private schedule(lane: RuleLane, limit: { runs: number; perSeconds: number }): void {
    if (lane.timer || this.closed) return;
    const oldest = lane.starts[0] ?? this.now();
    const wait = Math.max(1, oldest + limit.perSeconds * 1000 - this.now());
    lane.timer = setTimeout(() => {
      lane.timer = undefined;
      while (lane.queue.length > 0 && this.tryStart(lane, limit)) {
        const start = lane.queue.shift();
        lane.stats.waiting = lane.queue.length;
        start?.();
      }
      if (lane.queue.length > 0) this.schedule(lane, limit);
    }, wait);
    lane.timer.unref?.();
  }
}
