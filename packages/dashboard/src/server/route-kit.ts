import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { managesGuild } from '../auth/guild-access.js';
import { can, type Permission } from '../auth/permissions.js';
import { safeEqual } from '../auth/tokens.js';
import { CSRF_COOKIE } from './cookies.js';
import type { Auth, DashboardServices } from './services.js';

/**
 * Who may call a route: a named permission, any logged-in user (`session`), or, for a route with
 * a `:guildId`, a permission OR managing that guild right now (`guild`).
 */
export type Access =
  | { readonly permission: Permission }
  | { readonly session: true }
  | { readonly guild: Permission };

/** A route of the dashboard behind a login: the matrix test walks this list. */
export interface GuardedRoute {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  /** `api` answers 401 JSON without a session; `html` redirects to the login page. */
  readonly kind: 'html' | 'api';
  readonly access: Access;
  /** The action audited for a mutation (defaults to the permission). */
  readonly handler: (request: FastifyRequest, reply: FastifyReply, auth: Auth) => unknown;
}

/** Whether `auth` passes `access` for this request's params. */
export function allowed(
  services: DashboardServices,
  auth: Auth,
  access: Access,
  request: FastifyRequest,
): boolean {
  if ('session' in access) return true;
  if ('permission' in access) return can(auth.principal, access.permission);
  if (can(auth.principal, access.guild)) return true;
  const { guildId } = request.params as { guildId?: string };
  return guildId !== undefined && managesGuild(services.ctx.client, auth.session.userId, guildId);
}

/** The CSRF token a mutation sent (form field `_csrf` or header `x-csrf-token`). */
function sentCsrf(request: FastifyRequest): string | undefined {
  const header = request.headers['x-csrf-token'];
  if (typeof header === 'string') return header;
  const body = request.body;
  if (typeof body === 'object' && body !== null && '_csrf' in body) {
    const value = (body as { _csrf: unknown })._csrf;
    return typeof value === 'string' ? value : undefined;
  }
  return undefined;
}

/** Double submit: the sent token, the cookie and the session's token must all be the same. */
export function csrfValid(request: FastifyRequest, auth: Auth): boolean {
  const sent = sentCsrf(request);
  const cookie = request.cookies[CSRF_COOKIE];
  return (
    sent !== undefined &&
    cookie !== undefined &&
    safeEqual(sent, cookie) &&
    safeEqual(cookie, auth.session.csrf)
  );
}

/** Answers a request that has no (live) session. */
export function unauthenticated(
  request: FastifyRequest,
  reply: FastifyReply,
  kind: 'html' | 'api',
) {
  if (kind === 'api' || request.method !== 'GET') {
    return reply.code(401).send({ error: 'unauthorized', message: 'Log in first.' });
  }
  const next = encodeURIComponent(request.url);
  return reply.redirect(`/login?next=${next}`, 302);
}

/** Registers guarded routes: session → access → CSRF (mutations) → handler. */
export function registerGuarded(
  app: FastifyInstance,
  services: DashboardServices,
  routes: readonly GuardedRoute[],
  mutationLimit: number,
): void {
  for (const route of routes) {
    const mutation = route.method !== 'GET';
    app.route({
      method: route.method,
      url: route.url,
      ...(mutation
        ? {
            config: {
              rateLimit: {
                max: mutationLimit,
                timeWindow: 60_000,
                hook: 'preHandler' as const,
                keyGenerator: (request: FastifyRequest) =>
                  request.dashboardAuth?.session.key ?? request.ip,
              },
            },
          }
        : {}),
      handler: async (request, reply) => {
        const auth = request.dashboardAuth;
        if (!auth) return unauthenticated(request, reply, route.kind);
        if (!allowed(services, auth, route.access, request)) {
          // A refused action is an event worth keeping too (who tried what).
          if (mutation) {
            await services.audit.append({
              userId: auth.session.userId,
              role: auth.principal,
              action: 'permission' in route.access ? route.access.permission : route.url,
              target: request.url,
              ip: request.ip,
              userAgent: request.headers['user-agent'] ?? '',
              result: 'denied',
              requestId: request.id,
            });
          }
          return reply.code(403).type('application/json').send({ error: 'forbidden' });
        }
        if (mutation && !csrfValid(request, auth)) {
          return reply.code(403).send({ error: 'csrf', message: 'Missing or wrong CSRF token.' });
        }
        return route.handler(request, reply, auth);
      },
    });
  }
}
