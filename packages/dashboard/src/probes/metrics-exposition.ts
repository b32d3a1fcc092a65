import type { Registry } from 'prom-client';

/** Lets timers, I/O and queued gateway events run before the next slice. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The registry's Prometheus text, rendered one metric per event-loop turn. prom-client's own
 * `registry.metrics()` formats every metric in one macrotask (about 6 ms with 50 extensions at
 * 500 commands/s, once a second): every command, gateway event and probe arriving meanwhile
 * waited for all of it. Here the longest wait is the largest single metric (the per-command
 * latency histogram). The text is the same as `registry.metrics()` (Prometheus format).
 */
export async function renderExposition(registry: Registry): Promise<string> {
  const parts: string[] = [];
  for (const metric of registry.getMetricsAsArray()) {
    parts.push(await registry.getSingleMetricAsString(metric.name));
    await nextTurn();
  }
  return `${parts.join('\n\n')}\n`;
}
