import { type Health, severity } from './health.js';
import type { HealthSnapshot } from './snapshot.js';

/** An alert the background check sends to the alert channel. */
export interface DiagnosticsAlert {
  readonly level: 'warning' | 'error' | 'success';
  readonly title: string;
  readonly description: string;
}

/** What the previous check saw; `undefined` before the first check. */
export interface CheckState {
  readonly status: Health;
  readonly lagHigh: boolean;
}

/**
 * The alerts one check raises, given the previous check. Alerts fire on a change (entering or
 * worsening degraded/critical, lag crossing the threshold, and the recoveries), not on every check
 * while a condition lasts: the original alerted every 5 s while lag stayed high.
 */
export function alertsFor(
  previous: CheckState | undefined,
  snapshot: HealthSnapshot,
  lagThresholdMs: number,
): DiagnosticsAlert[] {
  const alerts: DiagnosticsAlert[] = [];
  const before = previous?.status ?? 'healthy';
  if (severity(snapshot.status) > severity(before)) {
    alerts.push({
      level: snapshot.status === 'critical' ? 'error' : 'warning',
      title: `Health ${snapshot.status}`,
      description: `Error rate ${snapshot.errorRatePercent}% over the last hour (${snapshot.errors} of ${snapshot.commands} commands failed).`,
    });
  } else if (snapshot.status === 'healthy' && before !== 'healthy') {
    alerts.push({
      level: 'success',
      title: 'Health recovered',
      description: `Error rate back to ${snapshot.errorRatePercent}% over the last hour.`,
    });
  }
  if (snapshot.lagHigh && !previous?.lagHigh) {
    alerts.push({
      level: 'warning',
      title: 'Event-loop lag high',
      description: `Average event-loop lag ${snapshot.lagMs} ms is above the ${lagThresholdMs} ms threshold.`,
    });
  } else if (!snapshot.lagHigh && previous?.lagHigh) {
    alerts.push({
      level: 'success',
      title: 'Event-loop lag normal',
      description: `Average event-loop lag back to ${snapshot.lagMs} ms.`,
    });
  }
  return alerts;
}
