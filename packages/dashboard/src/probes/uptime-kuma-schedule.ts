import type { DashboardServices } from '../server/services.js';
import { currentChecks, overallStatus } from './health.js';
import { type UptimeKumaConfig, UptimeKumaPusher } from './uptime-kuma.js';

/**
 * Pushes the bot's health to Uptime Kuma now and every `intervalSeconds` (on the extension's
 * schedule, so it stops on unload): `up` unless a critical readiness check fails or the bot is
 * shutting down, `msg` the overall status and what fails, `ping` the gateway heartbeat.
 */
export function startUptimeKumaPush(
  services: DashboardServices,
  config: UptimeKumaConfig,
): UptimeKumaPusher {
  const { ctx } = services;
  const pusher = new UptimeKumaPusher(config, ctx.logger);
  const beat = async () => {
    const checks = await currentChecks(ctx, services.lag, services.restHealth);
    const overall = services.draining() ? 'fail' : overallStatus(checks);
    const failing = checks.filter((c) => c.status !== 'pass').map((c) => `${c.name} ${c.status}`);
    await pusher.push({
      status: overall === 'fail' ? 'down' : 'up',
      msg: failing.length > 0 ? `${overall}: ${failing.join(', ')}` : overall,
      ...(ctx.client.ws.ping >= 0 ? { ping: ctx.client.ws.ping } : {}),
    });
  };
  void beat();
  ctx.schedule.every(`${config.intervalSeconds}s`, beat);
  return pusher;
}
