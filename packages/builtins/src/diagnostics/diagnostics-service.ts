import type { ExtensionContext, ZoryxClient } from '@zoryx/framework';
import type { AtomicStore } from '@zoryx/store';
import { AlertChannel } from '../shared/alert-channel.js';
import { styledEmbed } from '../shared/embeds.js';
import { uptimeMs } from '../shared/uptime.js';
import { alertsFor, type CheckState, type DiagnosticsAlert } from './alert-rules.js';
import { CpuSampler } from './cpu-sampler.js';
import type { DiagnosticsConfig } from './diagnostics-config.js';
import { type CommandErrorPayload, isUnknownCommand, RollingErrorRate } from './error-rate.js';
import { LagSampler } from './lag-sampler.js';
import { RecentErrors } from './recent-errors.js';
import { type HealthSnapshot, takeSnapshot } from './snapshot.js';
import { SnapshotHistory } from './snapshot-history.js';

/** What the diagnostics service needs from its extension's `ctx`. */
export interface DiagnosticsServiceOptions {
  readonly client: ZoryxClient;
  readonly store: AtomicStore;
  readonly config: DiagnosticsConfig;
  readonly logger: ExtensionContext['logger'];
  /** Wall clock in ms. Default `Date.now`. */
  readonly clock?: () => number;
}

/** Result of one background health check. */
export interface HealthCheckResult {
  readonly snapshot: HealthSnapshot;
  readonly alerts: readonly DiagnosticsAlert[];
}

/**
 * The state of the diagnostics extension (its public API): the rolling error rate, event-loop
 * lag and CPU samplers, the last command errors, the persisted snapshot history and alert
 * channel, and the background check.
 */
export class DiagnosticsService {
  readonly rate: RollingErrorRate;
  readonly lag: LagSampler;
  readonly cpu = new CpuSampler();
  readonly errors = new RecentErrors();
  readonly history: SnapshotHistory;
  readonly alerts: AlertChannel;
  readonly config: DiagnosticsConfig;
  readonly #options: DiagnosticsServiceOptions;
  readonly #clock: () => number;
  #last: CheckState | undefined;

  constructor(options: DiagnosticsServiceOptions) {
    this.#options = options;
    this.#clock = options.clock ?? Date.now;
    this.config = options.config;
    this.rate = new RollingErrorRate({ clock: this.#clock });
    this.lag = new LagSampler();
    this.history = new SnapshotHistory(options.store);
    this.alerts = new AlertChannel(options.store);
  }

  /** Counts a finished command. */
  commandSucceeded(): void {
    this.rate.success();
  }

  /** Counts and records a failed command; unknown-command typos are ignored. */
  commandFailed(payload: CommandErrorPayload): void {
    if (isUnknownCommand(payload)) return;
    this.rate.error();
    this.errors.add(payload, this.#clock());
  }

  /** The health now (not stored). */
  snapshot(): HealthSnapshot {
    const { client } = this.#options;
    return takeSnapshot({
      at: new Date(this.#clock()),
      rate: this.rate.rate(),
      lagMs: this.lag.averageMs(),
      lagThresholdMs: this.config.lagThresholdMs,
      memory: process.memoryUsage(),
      cpuPercent: this.cpu.percent(),
      uptimeSeconds: uptimeMs(client) / 1000,
      latencyMs: client.ws.ping,
    });
  }

  /**
   * The background check: takes a snapshot, stores it in the history, and posts the alerts it
   * raises (entering degraded/critical, lag over the threshold, recoveries) to the alert channel.
   */
  async check(): Promise<HealthCheckResult> {
    const snapshot = this.snapshot();
    await this.history.push(snapshot);
    const alerts = alertsFor(this.#last, snapshot, this.config.lagThresholdMs);
    this.#last = { status: snapshot.status, lagHigh: snapshot.lagHigh };
    for (const alert of alerts) {
      this.#options.logger.warn({ alert, snapshot }, `diagnostics: ${alert.title}`);
      await this.alerts.post(
        this.#options.client,
        styledEmbed(alert.level, alert.title, alert.description),
      );
    }
    return { snapshot, alerts };
  }

  /** Stops the lag histogram (on unload). */
  stop(): void {
    this.lag.stop();
  }
}
