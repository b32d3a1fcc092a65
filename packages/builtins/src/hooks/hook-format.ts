import type { BreakerStatus, ExecutionRecord, HookAlert, HookInfo } from '@zoryx/hooks';
import type { EmbedField } from '../shared/embeds.js';
import { formatMs } from '../shared/format.js';

const BREAKER: Record<BreakerStatus, string> = {
  closed: '🟢 closed',
  'half-open': '🟡 half-open',
  open: '🔴 open',
};

/** One `eh_list` entry: the hook id as the field name, its numbers as the value. */
export function hookField(hook: HookInfo): EmbedField {
  const m = hook.metrics;
  return {
    name: hook.id,
    value: [
      `event \`${hook.event}\` · priority ${hook.priority} · owner ${hook.owner ?? '—'}`,
      `calls ${m.calls} · failures ${m.failures}${m.timeouts > 0 ? ` (${m.timeouts} timeouts)` : ''} · avg ${formatMs(m.avgDurationMs)}`,
      `breaker ${BREAKER[hook.breaker]}${hook.enabled ? '' : ' · ⛔ disabled'}`,
    ].join('\n'),
  };
}

/** One `eh_history` line (newest first in the listing). */
export function historyLine(record: ExecutionRecord): string {
  const icon = record.ok ? '✅' : '❌';
  const hooks = `${record.succeeded} ok, ${record.failed} failed${record.skipped > 0 ? `, ${record.skipped} skipped` : ''}`;
  const delay = record.mode === 'queued' ? ` · queued ${formatMs(record.queueDelayMs)}` : '';
  const errors = record.outcomes
    .filter((o) => o.status === 'error' || o.status === 'timeout')
    .map((o) => `\`${o.hookId}\` ${o.status}`)
    .join(', ');
  return `${icon} \`${record.event}\` · ${hooks} · ${formatMs(record.durationMs)}${delay}${errors ? ` · ${errors}` : ''}`;
}

/** The alerts posted to the alert channel, with what the embed says; others are only logged. */
export function describeAlert(
  alert: HookAlert,
): { level: 'warning' | 'error'; title: string; description: string } | undefined {
  switch (alert.type) {
    case 'breaker_opened':
      return {
        level: 'error',
        title: 'Hook circuit breaker opened',
        description: `\`${alert.hookId}\` (event \`${alert.event}\`) failed ${alert.failures} times and is skipped for ${Math.round(alert.openMs / 1000)} s. Last error: ${alert.lastError}\nReset with \`eh_reset_circuit ${alert.hookId}\`.`,
      };
    case 'queue_full':
      return {
        level: 'warning',
        title: 'Hook queue full',
        description: `The hook queue is full (${alert.capacity} events) while emitting \`${alert.event}\`; emitters wait, then events are dropped.`,
      };
    case 'dispatcher_restarted':
      return {
        level: 'error',
        title: 'Hook dispatcher restarted',
        description: `The dispatch loop crashed (${alert.error}) and was restarted (attempt ${alert.attempt}, after ${alert.delayMs} ms).`,
      };
    default:
      return undefined;
  }
}
