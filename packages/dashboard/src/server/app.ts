import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import { isBotOwner } from '@zoryx/framework';
import Fastify, {
  type FastifyInstance,
  type FastifyRequest,
  type FastifyServerFactory,
} from 'fastify';
import { principalOf } from '../auth/permissions.js';
import { registerAssetRoutes } from '../routes/asset-routes.js';
import { guardedRoutes } from '../routes/guarded-routes.js';
import { registerLoginRoutes } from '../routes/login-routes.js';
import { registerProbeRoutes } from '../routes/probe-routes.js';
import { SESSION_COOKIE } from './cookies.js';
import { type FastPath, probeFastPath } from './probe-fast-path.js';
import { registerGuarded, unauthenticated } from './route-kit.js';
import { applySecurityHeaders } from './security-headers.js';
import type { Auth, DashboardServices } from './services.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The session and role of the caller, or `null` (resolved before every route). */
    dashboardAuth: Auth | null;
  }
}

/** Paths served without a session, for which no session lookup is made. */
const PUBLIC_PREFIXES = [
  '/livez',
  '/readyz',
  '/status.json',
  '/metrics',
  '/assets/',
  '/status',
  '/favicon.ico',
];

const MUTATIONS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Limits per minute: logins per address, mutations per session. */
export interface RateLimits {
  readonly login: number;
  readonly mutations: number;
}

/**
 * The dashboard's Fastify instance: security headers on every answer, a 64 KiB body limit, an
 * `Origin` check on every mutation (absent or foreign → 403, before any route runs), the session
 * resolved from its cookie, then probes, login, assets and the guarded routes; anything unknown
 * answers 401/redirect without a session and 404 with one.
 */
export async function createDashboardApp(
  services: DashboardServices,
  limits: RateLimits,
): Promise<FastifyInstance> {
  const { config } = services;
  const secure = config.tls !== undefined || (config.publicOrigin?.startsWith('https://') ?? false);
  const fast = probeFastPath({
    status: services.probes.status,
    metrics: services.probes.metrics,
    metricsContentType: services.metrics.registry.contentType,
    checks: () => services.readiness.current(),
    draining: services.draining,
    https: secure,
  });
  const tls = config.tls && {
    cert: readFileSync(config.tls.cert),
    key: readFileSync(config.tls.key),
  };
  const app = Fastify({
    logger: false,
    bodyLimit: 64 * 1024,
    trustProxy: config.trustProxy,
    genReqId: () => randomUUID(),
    serverFactory: serverWithFastPath(fast, tls),
  });
  app.decorateRequest('dashboardAuth', null);
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    },
  );

  app.addHook('onRequest', async (request, reply) => {
    applySecurityHeaders(reply, secure);
    if (MUTATIONS.has(request.method)) {
      const origin = request.headers.origin;
      if (typeof origin !== 'string' || !services.allowedOrigins().includes(origin)) {
        return reply
          .code(403)
          .send({ error: 'origin', message: 'Cross-origin or origin-less request refused.' });
      }
    }
    if (
      PUBLIC_PREFIXES.some(
        (p) =>
          request.url === p ||
          request.url.startsWith(`${p}?`) ||
          (p.endsWith('/') && request.url.startsWith(p)),
      )
    ) {
      return undefined;
    }
    request.dashboardAuth = await resolveAuth(services, request);
    return undefined;
  });

  registerProbeRoutes(app, services);
  registerAssetRoutes(app);
  registerLoginRoutes(app, services, limits.login);
  registerGuarded(app, services, guardedRoutes(services), limits.mutations);

  app.setNotFoundHandler((request, reply) => {
    if (!request.dashboardAuth) {
      return unauthenticated(request, reply, request.url.startsWith('/api/') ? 'api' : 'html');
    }
    return reply.code(404).send({ error: 'not_found' });
  });
  app.setErrorHandler((error: { statusCode?: number; code?: string }, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      services.ctx.logger.error({ err: error, requestId: request.id }, 'dashboard request failed');
    }
    // Never the error's message: it may carry paths or values; the request id finds it in the log.
    return reply.code(status).send({
      error: status >= 500 ? 'internal' : (error.code ?? 'bad_request'),
      requestId: request.id,
    });
  });
  return app;
}

/**
 * The server Fastify would create (http, or https with the configured certificate; its timeouts
 * applied as Fastify applies them to its own), with the probe fast path in front of its handler.
 */
function serverWithFastPath(
  fast: FastPath,
  tls: { cert: Buffer; key: Buffer } | undefined,
): FastifyServerFactory {
  return (handler, options) => {
    const onRequest: typeof handler = (request, response) => {
      if (!fast(request, response)) handler(request, response);
    };
    const server: Server = tls ? createHttpsServer(tls, onRequest) : createHttpServer(onRequest);
    const { keepAliveTimeout, requestTimeout, connectionTimeout } = options;
    if (typeof keepAliveTimeout === 'number') server.keepAliveTimeout = keepAliveTimeout;
    if (typeof requestTimeout === 'number') server.requestTimeout = requestTimeout;
    if (typeof connectionTimeout === 'number') server.setTimeout(connectionTimeout);
    return server;
  };
}

async function resolveAuth(
  services: DashboardServices,
  request: FastifyRequest,
): Promise<Auth | null> {
  const id = request.cookies[SESSION_COOKIE];
  if (!id) return null;
  const session = await services.sessions.resolve(id);
  if (!session) return null;
  const client = services.ctx.client;
  const principal = principalOf(
    session.userId,
    (userId) => isBotOwner(client, userId),
    services.config.roles,
  );
  return { session, principal };
}
