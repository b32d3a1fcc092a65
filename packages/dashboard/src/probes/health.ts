import type { DashboardContext } from '../context.js';
import type { LoopLag } from './loop-lag.js';
import { openBreakerCount } from './open-breakers.js';
import type { RestHealth } from './rest-health.js';

/** `pass`, `warn` or `fail`, as in the `application/health+json` draft. */
export type HealthStatus = 'pass' | 'warn' | 'fail';

/** One readiness check. `critical` failures make `/readyz` answer 503. */
export interface CheckResult {
  readonly name: string;
  readonly status: HealthStatus;
  readonly critical: boolean;
  readonly detail: string;
}

/** Event-loop delay p99 above which the bot counts as unhealthy. */
const LAG_FAIL_MS = 1_000;
const LAG_WARN_MS = 200;

/** How long a set of check results is reused: probes and pages poll, the state moves slower. */
const CHECKS_TTL_MS = 1_000;
const cached = new WeakMap<object, { at: number; results: Promise<CheckResult[]> }>();

/**
 * {@link runChecks}, reused for a second per extension context: a scraper, a probe and open
 * pages asking at once cost one database round trip, not one each.
 */
export function currentChecks(
  ctx: DashboardContext,
  lag: LoopLag,
  rest: RestHealth,
  now = Date.now(),
): Promise<CheckResult[]> {
  const hit = cached.get(ctx);
  if (hit && now - hit.at < CHECKS_TTL_MS) return hit.results;
  const results = runChecks(ctx, lag, rest);
  cached.set(ctx, { at: now, results });
  return results;
}

/**
 * The readiness checks of `/readyz` and `/status.json`: gateway, REST (recent answers, see
 * {@link RestHealth}), database, store, hook breakers and event-loop lag. Each reads state the bot already keeps; only the database check
 * runs a query (one indexed row).
 */
export async function runChecks(
  ctx: DashboardContext,
  lag: LoopLag,
  restHealth: RestHealth,
): Promise<CheckResult[]> {
  const client = ctx.client;
  const results: CheckResult[] = [];
  const ready = client.isReady();
  results.push({
    name: 'gateway',
    status: ready ? 'pass' : 'fail',
    critical: true,
    detail: ready ? `ready, ${client.ws.ping} ms heartbeat` : 'not ready',
  });
  results.push(restHealth.check());
  results.push(await databaseCheck(ctx));
  const store = client.store.stats();
  results.push({
    name: 'store',
    status: store.health === 'healthy' ? 'pass' : store.health === 'degraded' ? 'warn' : 'fail',
    critical: true,
    detail: `${store.health}, failure rate ${(store.failureRate * 100).toFixed(1)} %`,
  });
  // From the bus's alerts, not a hooks() walk a second (see open-breakers.ts).
  const open = openBreakerCount(client.hooks);
  results.push({
    name: 'hooks',
    status: open > 0 ? 'warn' : 'pass',
    critical: false,
    detail: open > 0 ? `${open} breaker(s) open` : 'all breakers closed',
  });
  const { p99Ms } = lag.current();
  results.push({
    name: 'event-loop',
    status: p99Ms > LAG_FAIL_MS ? 'fail' : p99Ms > LAG_WARN_MS ? 'warn' : 'pass',
    critical: true,
    detail: `p99 ${p99Ms.toFixed(1)} ms`,
  });
  return results;
}

async function databaseCheck(ctx: DashboardContext): Promise<CheckResult> {
  try {
    await ctx.db.main.selectFrom('dashboard_sessions').select('id_hash').limit(1).execute();
    return { name: 'database', status: 'pass', critical: true, detail: 'ok' };
  } catch (error) {
    return {
      name: 'database',
      status: 'fail',
      critical: true,
      detail: error instanceof Error ? (error.message.split('\n')[0] ?? 'error') : 'error',
    };
  }
}

/** The overall status: `fail` if a critical check fails, `warn` if any check is not `pass`. */
export function overallStatus(checks: readonly CheckResult[]): HealthStatus {
  if (checks.some((c) => c.critical && c.status === 'fail')) return 'fail';
  return checks.some((c) => c.status !== 'pass') ? 'warn' : 'pass';
}
