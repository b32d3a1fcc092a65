import { performance } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import { publicStatusPage } from '../pages/public-status-page.js';
import { currentChecks } from '../probes/health.js';
import { botStatus, healthDocument } from '../probes/status-document.js';
import { unauthenticated } from '../server/route-kit.js';
import type { DashboardServices } from '../server/services.js';

/**
 * The routes served without login: `/livez`, `/readyz` (`?verbose`, `?exclude=<check>`, as
 * Kubernetes' probes), `/status.json` (health+json), `/metrics` (Prometheus text) and, when
 * `publicStatus` is on, `/status`.
 */
export function registerProbeRoutes(app: FastifyInstance, services: DashboardServices): void {
  app.get('/livez', async (_request, reply) => reply.type('text/plain').send('ok'));

  app.get('/readyz', async (request, reply) => {
    const query = request.query as { verbose?: string; exclude?: string | string[] };
    const excluded = new Set(
      [query.exclude ?? []]
        .flat()
        .flatMap((e) => e.split(','))
        .map((e) => e.trim()),
    );
    const checks = (await currentChecks(services.ctx, services.lag)).filter(
      (c) => !excluded.has(c.name),
    );
    const draining = services.draining();
    const failing = checks.filter((c) => c.critical && c.status === 'fail');
    const ok = !draining && failing.length === 0;
    const lines = [
      ...(draining ? ['[-]shutdown failed: draining'] : []),
      ...checks.map(
        (c) =>
          `[${c.status === 'fail' ? '-' : '+'}]${c.name} ${c.status === 'fail' ? 'failed' : 'ok'}: ${c.detail}`,
      ),
      ...[...excluded].filter(Boolean).map((name) => `[+]${name} excluded: ok`),
      ok ? 'readyz check passed' : 'readyz check failed',
    ];
    reply.code(ok ? 200 : 503).type('text/plain');
    return query.verbose !== undefined ? lines.join('\n') : ok ? 'ok' : 'not ready';
  });

  // Server-Timing: how long building the answer took, apart from queueing on a busy event loop.
  app.get('/status.json', async (_request, reply) => {
    const started = performance.now();
    const { status, body } = await healthDocument(services);
    return reply
      .header('server-timing', `app;dur=${(performance.now() - started).toFixed(2)}`)
      .code(status === 'fail' ? 503 : 200)
      .type('application/health+json')
      .send(JSON.stringify(body));
  });

  app.get('/metrics', async (_request, reply) => {
    const started = performance.now();
    const text = await services.metrics.registry.metrics();
    return reply
      .header('server-timing', `app;dur=${(performance.now() - started).toFixed(2)}`)
      .type(services.metrics.registry.contentType)
      .send(text);
  });

  app.get('/status', async (request, reply) => {
    if (!services.config.publicStatus) return unauthenticated(request, reply, 'html');
    return reply
      .type('text/html; charset=utf-8')
      .send(publicStatusPage(await botStatus(services)).value);
  });
}
