import { performance } from 'node:perf_hooks';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { publicStatusPage } from '../pages/public-status-page.js';
import { currentChecks } from '../probes/health.js';
import type { ProbeCache } from '../probes/probe-cache.js';
import { readinessAnswer, readinessQuery } from '../probes/readiness-answer.js';
import { botStatus } from '../probes/status-document.js';
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
    const params = new URLSearchParams(request.url.split('?')[1] ?? '');
    const checks = await currentChecks(services.ctx, services.lag, services.restHealth);
    const { code, text } = readinessAnswer(checks, services.draining(), readinessQuery(params));
    return reply.code(code).type('text/plain').send(text);
  });

  // Both answers are pre-serialised (see probe-documents.ts): the route sends a ready Buffer, so
  // it does not wait for the checks, the registry walk or JSON.stringify behind command load.
  // Server-Timing: `app` is the route's own time, `build` how long the cached answer took to make.
  const sendCached = async (
    request: FastifyRequest,
    reply: FastifyReply,
    cache: ProbeCache,
    type: string,
  ) => {
    const started = performance.now();
    const doc = await cache.get();
    reply
      .header(
        'server-timing',
        `app;dur=${(performance.now() - started).toFixed(2)}, build;dur=${doc.buildMs.toFixed(2)}`,
      )
      .header('etag', doc.etag)
      .header('cache-control', 'no-cache')
      .type(type);
    if (request.headers['if-none-match'] === doc.etag && doc.code === 200)
      return reply.code(304).send();
    return reply.code(doc.code).send(doc.body);
  };
  app.get('/status.json', (request, reply) =>
    sendCached(request, reply, services.probes.status, 'application/health+json'),
  );
  app.get('/metrics', (request, reply) =>
    sendCached(request, reply, services.probes.metrics, services.metrics.registry.contentType),
  );

  app.get('/status', async (request, reply) => {
    if (!services.config.publicStatus) return unauthenticated(request, reply, 'html');
    return reply
      .type('text/html; charset=utf-8')
      .send(publicStatusPage(await botStatus(services)).value);
  });
}
