import type { DashboardServices } from '../server/services.js';
import { type CheckResult, currentChecks, overallStatus } from './health.js';

/** The seed bot's status fields, as `/status.json`, the public page and the overview show them. */
export interface BotStatus {
  readonly online: boolean;
  readonly guilds: number;
  readonly users: number;
  readonly latencyMs: number;
  readonly uptimeSeconds: number;
  /** When the gateway last acknowledged a heartbeat (ISO time), or `null`. */
  readonly lastHeartbeat: string | null;
  /** Failed / all commands since the dashboard started. */
  readonly errorRate: number;
  readonly version: string;
}

/** Reads the live status fields (no I/O). */
export async function botStatus(services: DashboardServices): Promise<BotStatus> {
  const client = services.ctx.client;
  let users = 0;
  for (const guild of client.guilds.cache.values()) users += guild.memberCount;
  const shard = client.ws.shards.first();
  const beat = shard?.lastPingTimestamp ?? -1;
  return {
    online: client.isReady(),
    guilds: client.guilds.cache.size,
    users,
    latencyMs: Math.max(0, client.ws.ping),
    uptimeSeconds: Math.round((client.uptime ?? 0) / 1000),
    lastHeartbeat: beat > 0 ? new Date(beat).toISOString() : null,
    errorRate: await services.metrics.errorRate(),
    version: services.ctx.version,
  };
}

/**
 * `/status.json` in the `application/health+json` draft's shape: `status`, `version`, `checks`
 * keyed `<component>:<measurement>`, plus the bot's status fields at the top level.
 */
export async function healthDocument(services: DashboardServices): Promise<{
  status: 'pass' | 'warn' | 'fail';
  body: Record<string, unknown>;
}> {
  const [checks, status] = await Promise.all([
    currentChecks(services.ctx, services.lag, services.restHealth),
    botStatus(services),
  ]);
  const overall = services.draining() ? 'fail' : overallStatus(checks);
  const time = new Date().toISOString();
  return {
    status: overall,
    body: {
      status: overall,
      serviceId: services.ctx.client.user?.id ?? null,
      description: 'Zoryx bot',
      ...status,
      checks: Object.fromEntries(
        checks.map((c: CheckResult) => [
          `${c.name}:status`,
          [{ status: c.status, output: c.detail, time }],
        ]),
      ),
    },
  };
}
