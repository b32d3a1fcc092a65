import { defineExtension } from '@zoryx/framework';
import { AuditLog } from './audit/audit-log.js';
import { LoginLinks } from './auth/login-links.js';
import { endpointsFromApi, OAuthFlow } from './auth/oauth-flow.js';
import { SessionStore } from './auth/sessions.js';
import { dashboardConfigSchema } from './config.js';
import type { DashboardContext } from './context.js';
import { dashboardCommand } from './dashboard-command.js';
import { DashboardError } from './errors.js';
import { LiveHub } from './live/live-hub.js';
import { ExtensionPages } from './pages/extension-pages.js';
import { currentChecks } from './probes/health.js';
import { LoopLag } from './probes/loop-lag.js';
import { DashboardMetrics } from './probes/metrics.js';
import { createProbeDocuments } from './probes/probe-documents.js';
import { ProbeServer } from './probes/probe-server.js';
import { ReadinessSnapshot } from './probes/readiness-snapshot.js';
import { RestHealth } from './probes/rest-health.js';
import { botStatus } from './probes/status-document.js';
import { startUptimeKumaPush } from './probes/uptime-kuma-schedule.js';
import { createDashboardApp } from './server/app.js';
import { assertBindAllowed, isLoopbackHost } from './server/bind-policy.js';
import type { DashboardServices } from './server/services.js';
import { dashboardMigrations } from './tables.js';

/** The dashboard's public API: `bot.extensions.get('dashboard')`. */
export interface DashboardApi {
  /** Where the dashboard answers, e.g. `http://127.0.0.1:7420` (or the configured `publicOrigin`). */
  readonly url: string;
  /** A one-time login link for `userId` (absolute URL, five minutes, single use). */
  createLoginLink(userId: string): string;
  /**
   * The dedicated probe port's origin (`probes: { port }`), e.g. `http://127.0.0.1:7421`;
   * `undefined` when not configured.
   */
  readonly probesUrl: string | undefined;
}

declare module '@zoryx/framework' {
  interface ExtensionApis {
    dashboard: DashboardApi;
  }
}

/** How often open pages get fresh figures and new events. */
const LIVE_INTERVAL = '2s';

/**
 * `@zoryx/dashboard`: the bot's own web dashboard, as an extension named `dashboard`. Listed in
 * `extensions.packages`, configured under `extensions.config.dashboard`.
 */
export const dashboardExtension = defineExtension({
  name: 'dashboard',
  version: '0.1.0',
  description: 'Web dashboard, probes, health and Prometheus metrics',
  config: dashboardConfigSchema,
  migrations: { main: dashboardMigrations },
  commands: [dashboardCommand],
  async setup(ctx): Promise<DashboardApi> {
    const config = ctx.config;
    assertBindAllowed(config);
    const lag = new LoopLag();
    ctx.onDispose(() => lag.close());
    const restHealth = new RestHealth(ctx.client.rest);
    ctx.onDispose(() => restHealth.close());
    const metrics = new DashboardMetrics(ctx, lag);
    ctx.hooks.on('command_executed', (p) => metrics.commandOk(p.commandName, p.durationMs), {
      id: 'dashboard:commands-ok',
    });
    ctx.hooks.on('command_error', (p) => metrics.commandError(p.commandName), {
      id: 'dashboard:commands-error',
    });
    let origin = '';
    let draining = false;
    const rest = ctx.client.rest.options;
    const oauth = config.oauth
      ? new OAuthFlow(config.oauth, () => endpointsFromApi(rest.api, rest.version))
      : undefined;
    const live = new LiveHub(config.maxLiveConnections);
    const probes = createProbeDocuments(() => services);
    ctx.onDispose(() => probes.close());
    const readiness = new ReadinessSnapshot(probes.status, () =>
      currentChecks(ctx, lag, restHealth),
    );
    ctx.onDispose(() => readiness.close());
    // What changes /status.json's answer at once (the rest moves with the 1 s refresh).
    for (const event of [
      'bot_ready',
      'guild_joined',
      'guild_left',
      'extension_loaded',
      'extension_unloaded',
      'extension_quarantined',
    ] as const) {
      ctx.hooks.on(event, () => probes.status.invalidate(), { id: `dashboard:status-${event}` });
    }
    const services: DashboardServices = {
      ctx,
      config,
      sessions: new SessionStore(ctx.db, config.sessionHours * 3_600_000),
      links: new LoginLinks(),
      audit: new AuditLog(ctx.db),
      metrics,
      lag,
      restHealth,
      probes,
      readiness,
      live,
      extensionPages: new ExtensionPages(ctx),
      oauth,
      origin: () => origin,
      allowedOrigins: () => allowedOrigins(origin, config.host, config.publicOrigin),
      draining: () => draining,
      startedAt: Date.now(),
    };
    const app = await createDashboardApp(services, { login: 20, mutations: 60 });
    let address: string;
    try {
      address = await app.listen({ host: config.host, port: config.port });
    } catch (error) {
      throw new DashboardError(
        'ZRX_DASHBOARD_LISTEN',
        `Could not listen on ${config.host}:${config.port}.`,
        undefined,
        { cause: error },
      );
    }
    const port = Number(new URL(address).port);
    const scheme = config.tls ? 'https' : 'http';
    const bracket = (h: string) => (h.includes(':') ? `[${h}]` : h);
    origin =
      config.publicOrigin?.replace(/\/+$/, '') ?? `${scheme}://${bracket(config.host)}:${port}`;
    let probeServer: ProbeServer | undefined;
    if (config.probes) {
      try {
        probeServer = await ProbeServer.start({
          config: config.probes,
          tls: config.tls,
          documents: probes,
          metricsContentType: metrics.registry.contentType,
          readiness: async () => ({
            checks: await currentChecks(ctx, lag, restHealth),
            draining,
          }),
          onPriorityRefused: (message) =>
            ctx.logger.warn(
              { priority: config.probes?.priority },
              `the dashboard probe thread's priority was not set: ${message}`,
            ),
          onCrash: (error) =>
            ctx.logger.error(
              { err: error },
              'the dashboard probe port thread failed; it is started again',
            ),
        });
      } catch (error) {
        await app.close();
        throw error;
      }
    }
    ctx.onDispose(async () => {
      draining = true;
      // Probes asked while the server drains see `fail` at once, not after the next refresh.
      probes.status.invalidate();
      live.close();
      await app.close();
      await probeServer?.close();
    });

    let lastEvent = Date.now();
    ctx.schedule.every(LIVE_INTERVAL, async () => {
      lag.sample();
      if (live.size === 0) return;
      live.broadcast('status', await botStatus(services));
      const records = ctx.client.hooks
        .history({ limit: 50 })
        .filter((r) => r.startedAt > lastEvent);
      for (const r of records) {
        live.broadcast('event', {
          time: new Date(r.startedAt).toISOString(),
          event: r.event,
          detail: `${r.succeeded} ok, ${r.failed} failed, ${r.durationMs.toFixed(1)} ms`,
        });
      }
      lastEvent = records.at(-1)?.startedAt ?? lastEvent;
    });

    if (config.uptimeKuma) startUptimeKumaPush(services, config.uptimeKuma);
    // The first probe after start finds its answer ready.
    void probes.status.refresh().catch(() => undefined);
    const api: DashboardApi = {
      url: origin,
      createLoginLink: (userId) => `${origin}/login/link?token=${services.links.create(userId)}`,
      probesUrl:
        probeServer && config.probes
          ? `${scheme}://${bracket(config.probes.host)}:${probeServer.port}`
          : undefined,
    };
    announce(ctx, api);
    return api;
  },
});

function allowedOrigins(origin: string, host: string, publicOrigin: string | undefined): string[] {
  const origins = [origin];
  if (publicOrigin) origins.push(publicOrigin.replace(/\/+$/, ''));
  // The same loopback server reached as localhost (what people type) is the same origin to us.
  if (isLoopbackHost(host))
    origins.push(origin.replace(/\/\/(127\.[\d.]+|\[::1\])/, '//localhost'));
  return [...new Set(origins)];
}

/** Logs where the dashboard is; in development also a login link for the first bot owner. */
function announce(ctx: DashboardContext, api: DashboardApi): void {
  ctx.logger.info({ url: api.url }, `dashboard at ${api.url}`);
  const print = ctx.config.printLoginLink ?? process.env.NODE_ENV !== 'production';
  const owner = ctx.client.config.owners[0];
  if (print && owner) {
    ctx.logger.info(
      `dashboard login link for the bot owner (one use, 5 minutes): ${api.createLoginLink(owner)}`,
    );
  }
}
