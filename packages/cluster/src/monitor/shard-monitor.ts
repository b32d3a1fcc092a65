/** Health rules of the shard monitor; the defaults are the original's. */
export interface HealthRules {
  /** Average latency above this is unhealthy, ms. Default 1,000. */
  maxAvgLatencyMs: number;
  /** Average latency above this is critical (red), ms. Default 2,000. */
  criticalLatencyMs: number;
  /** No event for this long is unhealthy, ms. Default 300,000. */
  silenceMs: number;
  /** This many consecutive failures are unhealthy (clamped 1–20). Default 3. */
  failureThreshold: number;
  /** This many consecutive failures are critical. Default 5. */
  criticalFailures: number;
  /** A disconnect this recent is unhealthy, ms. Default 60,000. */
  recentDisconnectMs: number;
}

/** The original's rules. */
export const DEFAULT_HEALTH_RULES: Readonly<HealthRules> = {
  maxAvgLatencyMs: 1_000,
  criticalLatencyMs: 2_000,
  silenceMs: 300_000,
  failureThreshold: 3,
  criticalFailures: 5,
  recentDisconnectMs: 60_000,
};

/** Latency samples kept per shard (the original's: 120 × 30 s = one hour). */
export const LATENCY_HISTORY = 120;

/** One shard's counters. JSON-able, so processes can send them over RPC. */
export interface ShardMetrics {
  shardId: number;
  latencies: number[];
  events: number;
  connects: number;
  disconnects: number;
  resumes: number;
  errors: number;
  lastError: string | null;
  consecutiveFailures: number;
  connected: boolean;
  lastEventAt: number | null;
  lastConnectAt: number | null;
  lastDisconnectAt: number | null;
  /** Downtime so far (closed periods), ms. */
  downtimeMs: number;
  /** Start of the current downtime, if disconnected. */
  downSince: number | null;
  /** When monitoring of this shard began. */
  since: number;
}

/** Traffic-light verdict of one shard, with the first rule that failed. */
export interface ShardHealth {
  shardId: number;
  healthy: boolean;
  colour: 'green' | 'yellow' | 'red';
  /** Why it is unhealthy (the first matching rule), or null. */
  reason: string | null;
  avgLatencyMs: number | null;
  uptimePercent: number;
}

/** Where a shard lifecycle event came from. */
export type ShardEvent =
  | { kind: 'latency'; ms: number }
  | { kind: 'event' }
  | { kind: 'connect' }
  | { kind: 'resume' }
  | { kind: 'disconnect' }
  | { kind: 'error'; message: string };

function fresh(shardId: number, now: number): ShardMetrics {
  return {
    shardId,
    latencies: [],
    events: 0,
    connects: 0,
    disconnects: 0,
    resumes: 0,
    errors: 0,
    lastError: null,
    consecutiveFailures: 0,
    connected: false,
    lastEventAt: null,
    lastConnectAt: null,
    lastDisconnectAt: null,
    downtimeMs: 0,
    downSince: now,
    since: now,
  };
}

/** Uptime % = (elapsed − downtime, the ongoing one included) / elapsed. */
export function uptimePercent(m: ShardMetrics, now: number): number {
  const elapsed = now - m.since;
  if (elapsed <= 0) return m.connected ? 100 : 0;
  const down = m.downtimeMs + (m.downSince === null ? 0 : now - m.downSince);
  return Math.max(0, Math.min(100, ((elapsed - down) / elapsed) * 100));
}

/** Judges one shard by `rules` (first matching rule wins, as in the original). */
export function judge(m: ShardMetrics, rules: HealthRules, now: number): ShardHealth {
  const avg =
    m.latencies.length === 0 ? null : m.latencies.reduce((a, b) => a + b, 0) / m.latencies.length;
  const threshold = Math.max(1, Math.min(20, rules.failureThreshold));
  let reason: string | null = null;
  if (avg !== null && avg > rules.maxAvgLatencyMs) reason = `average latency ${Math.round(avg)} ms`;
  else if (m.lastEventAt !== null && now - m.lastEventAt > rules.silenceMs)
    reason = `no event for ${Math.round((now - m.lastEventAt) / 1000)} s`;
  else if (m.consecutiveFailures >= threshold)
    reason = `${m.consecutiveFailures} consecutive failures`;
  else if (!m.connected) reason = 'disconnected';
  else if (m.lastDisconnectAt !== null && now - m.lastDisconnectAt < rules.recentDisconnectMs)
    reason = 'disconnected in the last minute';
  const red =
    (avg !== null && avg > rules.criticalLatencyMs) ||
    m.consecutiveFailures >= rules.criticalFailures ||
    !m.connected;
  return {
    shardId: m.shardId,
    healthy: reason === null,
    colour: reason === null ? 'green' : red ? 'red' : 'yellow',
    reason,
    avgLatencyMs: avg,
    uptimePercent: uptimePercent(m, now),
  };
}

/** Options of a {@link ShardMonitor}. */
export interface ShardMonitorOptions {
  rules?: Partial<HealthRules>;
  /** At most one alert per this long, ms. Default 300,000 (the original's damping). */
  alertEveryMs?: number;
  now?: () => number;
}

/**
 * Per-shard metrics and health by the original's rules, for one process's shards. In a cluster
 * each gateway keeps its own and the commands gather them over RPC; the metrics are plain data.
 */
export class ShardMonitor {
  readonly #shards = new Map<number, ShardMetrics>();
  readonly #now: () => number;
  readonly #alertEveryMs: number;
  #lastAlertAt = Number.NEGATIVE_INFINITY;
  public rules: HealthRules;

  public constructor(options: ShardMonitorOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#alertEveryMs = options.alertEveryMs ?? 300_000;
    this.rules = { ...DEFAULT_HEALTH_RULES, ...options.rules };
  }

  #get(shardId: number): ShardMetrics {
    let m = this.#shards.get(shardId);
    if (m === undefined) {
      m = fresh(shardId, this.#now());
      this.#shards.set(shardId, m);
    }
    return m;
  }

  /** Records one lifecycle event or latency sample of a shard. */
  public record(shardId: number, event: ShardEvent): void {
    const m = this.#get(shardId);
    const now = this.#now();
    switch (event.kind) {
      case 'latency':
        m.latencies.push(event.ms);
        if (m.latencies.length > LATENCY_HISTORY)
          m.latencies.splice(0, m.latencies.length - LATENCY_HISTORY);
        break;
      case 'event':
        m.events += 1;
        m.lastEventAt = now;
        break;
      case 'connect':
      case 'resume':
        if (event.kind === 'connect') m.connects += 1;
        else m.resumes += 1;
        m.connected = true;
        m.lastConnectAt = now;
        m.consecutiveFailures = 0;
        if (m.downSince !== null) m.downtimeMs += now - m.downSince;
        m.downSince = null;
        break;
      case 'disconnect':
        m.disconnects += 1;
        if (m.connected) m.downSince = now;
        m.connected = false;
        m.lastDisconnectAt = now;
        m.consecutiveFailures += 1;
        break;
      case 'error':
        m.errors += 1;
        m.lastError = event.message;
        m.consecutiveFailures += 1;
        break;
    }
  }

  /** Copies of every shard's metrics, by shard id. */
  public metrics(): ShardMetrics[] {
    return [...this.#shards.values()]
      .sort((a, b) => a.shardId - b.shardId)
      .map((m) => ({ ...m, latencies: [...m.latencies] }));
  }

  /** Health of every shard. */
  public health(): ShardHealth[] {
    const now = this.#now();
    return this.metrics().map((m) => judge(m, this.rules, now));
  }

  /** Starts the metrics of one shard (or, with -1, of all) over. */
  public reset(shardId = -1): number {
    const ids = shardId === -1 ? [...this.#shards.keys()] : [shardId];
    const now = this.#now();
    let count = 0;
    for (const id of ids) {
      const old = this.#shards.get(id);
      if (old === undefined) continue;
      const m = fresh(id, now);
      if (old.connected) {
        m.connected = true;
        m.downSince = null;
      }
      this.#shards.set(id, m);
      count += 1;
    }
    return count;
  }

  /**
   * The unhealthy shards if an alert is due now (some shard unhealthy and the last alert at
   * least `alertEveryMs` ago, globally, as in the original), else an empty list. Calling it
   * when it returns shards counts as having alerted.
   */
  public dueAlert(): ShardHealth[] {
    const now = this.#now();
    const unhealthy = this.health().filter((h) => !h.healthy);
    if (unhealthy.length === 0 || now - this.#lastAlertAt < this.#alertEveryMs) return [];
    this.#lastAlertAt = now;
    return unhealthy;
  }
}
