/** Health of the bot as `fw_diagnostics` reports it. */
export type Health = 'healthy' | 'degraded' | 'critical';

/** Error-rate tiers in percent: below `degraded` is healthy, from `critical` on critical. */
export const HEALTH_THRESHOLDS = { degraded: 5, critical: 10 } as const;

/** The health tier of an error rate in percent: <5 % healthy, 5–10 % degraded, ≥10 % critical. */
export function healthOf(errorRatePercent: number): Health {
  if (errorRatePercent >= HEALTH_THRESHOLDS.critical) return 'critical';
  if (errorRatePercent >= HEALTH_THRESHOLDS.degraded) return 'degraded';
  return 'healthy';
}

/** Worse-first order of the tiers, for comparisons. */
export function severity(health: Health): number {
  return health === 'critical' ? 2 : health === 'degraded' ? 1 : 0;
}
