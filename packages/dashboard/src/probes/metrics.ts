import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DashboardContext } from '../context.js';
import type { LoopLag } from './loop-lag.js';
import { registerRelayLag } from './relay-lag-metric.js';

/**
 * The Prometheus registry of `/metrics`: its own (never prom-client's global one, which another
 * copy of prom-client or a reload would share). Counters are fed by the framework's hook events;
 * gauges read the bot's live state at scrape time.
 */
export class DashboardMetrics {
  public readonly registry = new Registry();
  readonly #commands: Counter<'command' | 'outcome'>;
  readonly #latency: Histogram<'command'>;

  public constructor(ctx: DashboardContext, lag: LoopLag) {
    const registers = [this.registry];
    const client = ctx.client;
    this.#commands = new Counter({
      name: 'zoryx_commands_total',
      help: 'Commands run, by name and outcome (ok, error).',
      labelNames: ['command', 'outcome'],
      registers,
    });
    this.#latency = new Histogram({
      name: 'zoryx_command_duration_seconds',
      help: 'Run time of commands that finished without throwing.',
      labelNames: ['command'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    const gauge = (name: string, help: string, read: () => number) =>
      new Gauge({
        name,
        help,
        registers,
        collect() {
          this.set(read());
        },
      });
    gauge('zoryx_guilds', 'Guilds the bot is in.', () => client.guilds.cache.size);
    gauge(
      'zoryx_gateway_latency_seconds',
      'Gateway heartbeat round trip.',
      () => Math.max(0, client.ws.ping) / 1000,
    );
    gauge(
      'zoryx_event_loop_lag_p99_seconds',
      'Event-loop delay p99 (current window).',
      () => lag.current().p99Ms / 1000,
    );
    registerRelayLag(client.runtime, this.registry);
    gauge('zoryx_process_resident_memory_bytes', 'Resident set size.', () =>
      process.memoryUsage.rss(),
    );
    gauge('zoryx_process_heap_used_bytes', 'V8 heap in use.', () => process.memoryUsage().heapUsed);
    gauge(
      'zoryx_extensions_loaded',
      'Extensions loaded.',
      () => client.extensions.status().filter((s) => s.state === 'loaded').length,
    );
    gauge(
      'zoryx_hook_queue_depth',
      'Events waiting in the hook queue.',
      () => client.hooks.stats().queued,
    );
    gauge(
      'zoryx_hook_events_dropped_total',
      'Queued emits dropped.',
      () => client.hooks.stats().dropped,
    );
    gauge(
      'zoryx_store_cache_files',
      'Files in the store cache.',
      () => client.store.stats().cacheSize,
    );
    gauge('zoryx_store_failures_total', 'Store I/O failures.', () => client.store.stats().failures);
    gauge('zoryx_db_open_guilds', 'Guild databases open.', () => client.db.stats().openGuilds);
    gauge(
      'zoryx_db_backups_written_total',
      'Verified backups written since start.',
      () => client.db.stats().backupsWritten,
    );
    // One walk over the hooks per scrape: this gauge is registered (so collected) first and sets
    // the two after it as well.
    const hookLabels = ['hook', 'event'] as const;
    new Gauge({
      name: 'zoryx_hook_calls_total',
      help: 'Calls per hook.',
      labelNames: hookLabels,
      registers,
      collect() {
        this.reset();
        failures.reset();
        breakers.reset();
        for (const h of client.hooks.hooks()) {
          const labels = { hook: h.id, event: h.event };
          this.set(labels, h.metrics.calls);
          failures.set(labels, h.metrics.failures);
          breakers.set(labels, h.breaker === 'open' ? 1 : h.breaker === 'half-open' ? 0.5 : 0);
        }
      },
    });
    const failures = new Gauge({
      name: 'zoryx_hook_failures_total',
      help: 'Failed calls per hook (timeouts included).',
      labelNames: hookLabels,
      registers,
    });
    const breakers = new Gauge({
      name: 'zoryx_hook_breaker_open',
      help: 'Breaker state per hook: 0 closed, 0.5 half-open, 1 open.',
      labelNames: hookLabels,
      registers,
    });
  }

  /** Counts a finished command. */
  public commandOk(command: string, durationMs: number): void {
    this.#commands.inc({ command, outcome: 'ok' });
    this.#latency.observe({ command }, durationMs / 1000);
  }

  /** Counts a failed command. */
  public commandError(command: string): void {
    this.#commands.inc({ command, outcome: 'error' });
  }

  /** Failed runs per command name since start. */
  public async errorsByCommand(): Promise<Map<string, number>> {
    const errors = new Map<string, number>();
    for (const v of (await this.#commands.get()).values) {
      if (v.labels.outcome === 'error') errors.set(String(v.labels.command), v.value);
    }
    return errors;
  }

  /** Errors over all commands counted, a fraction (0 when none ran). */
  public async errorRate(): Promise<number> {
    const values = (await this.#commands.get()).values;
    let ok = 0;
    let failed = 0;
    for (const v of values) {
      if (v.labels.outcome === 'error') failed += v.value;
      else ok += v.value;
    }
    return ok + failed === 0 ? 0 : failed / (ok + failed);
  }
}
