import { isBotOwner } from '@zoryx/framework';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { principalOf } from '../auth/permissions.js';
import { html, type SafeHtml } from '../pages/html.js';
import {
  CSRF_COOKIE,
  hostCookie,
  OAUTH_COOKIE,
  oauthCookie,
  SESSION_COOKIE,
} from '../server/cookies.js';
import { csrfValid } from '../server/route-kit.js';
import type { DashboardServices } from '../server/services.js';

function page(title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Zoryx dashboard</title><link rel="stylesheet" href="/assets/app.css"></head>
<body><main><h1>${title}</h1>${body}</main></body></html>`.value;
}

/**
 * Login and logout: the login page, one-time links (GET shows a button, POST consumes the token,
 * so a link preview that fetches the URL cannot use it up), Discord OAuth2, and logout (revokes).
 * Every login creates a new session id (rotation) and revokes the one the browser held.
 */
export function registerLoginRoutes(
  app: FastifyInstance,
  services: DashboardServices,
  loginLimit: number,
): void {
  const limited = { config: { rateLimit: { max: loginLimit, timeWindow: 60_000 } } };

  app.get('/login', async (_request, reply) => {
    const oauth = services.oauth
      ? html`<p><a class="button" href="/login/oauth" id="oauth-login">Log in with Discord</a></p>`
      : '';
    return reply
      .type('text/html; charset=utf-8')
      .send(
        page(
          'Log in',
          html`${oauth}<p>Bot owners: run <code>/dashboard</code> in Discord for a one-time login link.</p>`,
        ),
      );
  });

  // Not rate limited: showing the button consumes nothing; the POST is limited.
  app.get('/login/link', async (request, reply) => {
    const { token } = request.query as { token?: string };
    const valid = typeof token === 'string' && services.links.peek(token);
    const body = valid
      ? html`<form method="post" action="/login/link"><input type="hidden" name="token" value="${token}"><button type="submit" id="confirm-login">Log in</button></form>`
      : html`<p>This login link is invalid, used or expired. Ask for a new one with <code>/dashboard</code>.</p>`;
    return reply
      .code(valid ? 200 : 410)
      .type('text/html; charset=utf-8')
      .send(page('Log in', body));
  });

  app.post('/login/link', limited, async (request, reply) => {
    const { token } = (request.body ?? {}) as { token?: unknown };
    const userId = typeof token === 'string' ? services.links.consume(token) : null;
    if (!userId) {
      return reply
        .code(410)
        .type('text/html; charset=utf-8')
        .send(page('Log in', html`<p>This login link is invalid, used or expired.</p>`));
    }
    const user = await services.ctx.client.users.fetch(userId).catch(() => undefined);
    await startSession(services, request, reply, {
      userId,
      userName: user?.username ?? userId,
      method: 'link',
    });
    return reply.redirect('/', 303);
  });

  app.get('/login/oauth', limited, async (_request, reply) => {
    if (!services.oauth) return reply.code(404).send({ error: 'oauth_not_configured' });
    const { url, binding } = services.oauth.start();
    reply.setCookie(OAUTH_COOKIE, binding, oauthCookie());
    return reply.redirect(url, 302);
  });

  app.get('/login/oauth/callback', limited, async (request, reply) => {
    if (!services.oauth) return reply.code(404).send({ error: 'oauth_not_configured' });
    const { code, state } = request.query as { code?: string; state?: string };
    reply.clearCookie(OAUTH_COOKIE, { path: '/', secure: true });
    const identity =
      typeof code === 'string' && typeof state === 'string'
        ? await services.oauth
            .finish(code, state, request.cookies[OAUTH_COOKIE])
            .catch((error: unknown) => {
              services.ctx.logger.warn({ err: error }, 'dashboard OAuth2 login failed');
              return null;
            })
        : null;
    if (!identity) {
      return reply
        .code(400)
        .type('text/html; charset=utf-8')
        .send(
          page(
            'Log in',
            html`<p>The Discord login could not be verified. <a href="/login">Try again</a>.</p>`,
          ),
        );
    }
    await startSession(services, request, reply, {
      userId: identity.userId,
      userName: identity.userName,
      method: 'oauth',
      oauthToken: identity.accessToken,
    });
    // Not a redirect: this response answers a navigation that started on Discord (cross-site),
    // and browsers withhold SameSite=Strict cookies along such a redirect chain. A same-origin
    // refresh makes the next request a same-site one, which carries the new session.
    const home = homeOf(services, identity.userId);
    return reply
      .type('text/html; charset=utf-8')
      .send(
        html`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${home}"><title>Logged in</title></head><body><p><a href="${home}">Continue</a></p></body></html>`
          .value,
      );
  });

  app.post('/logout', async (request, reply) => {
    const auth = request.dashboardAuth;
    if (auth && csrfValid(request, auth)) {
      await services.sessions.revoke(auth.session.key);
      await services.audit.append({
        userId: auth.session.userId,
        role: auth.principal,
        action: 'session.logout',
        target: auth.session.key.slice(0, 12),
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? '',
        result: 'ok',
        requestId: request.id,
      });
    } else if (auth) {
      return reply.code(403).send({ error: 'csrf' });
    }
    reply.clearCookie(SESSION_COOKIE, { path: '/', secure: true });
    reply.clearCookie(CSRF_COOKIE, { path: '/', secure: true });
    return reply.redirect('/login', 303);
  });
}

/** Where a user lands after login: the overview, or their guilds when they only manage guilds. */
function homeOf(services: DashboardServices, userId: string): string {
  const client = services.ctx.client;
  const principal = principalOf(userId, (id) => isBotOwner(client, id), services.config.roles);
  return principal === 'guild-manager' ? '/guilds' : '/';
}

async function startSession(
  services: DashboardServices,
  request: FastifyRequest,
  reply: FastifyReply,
  who: { userId: string; userName: string; method: 'link' | 'oauth'; oauthToken?: string },
): Promise<void> {
  // Rotation: whatever session this browser held is revoked; the new one gets a new id.
  if (request.dashboardAuth) await services.sessions.revoke(request.dashboardAuth.session.key);
  const { id, session } = await services.sessions.create({
    ...who,
    ip: request.ip,
    userAgent: request.headers['user-agent'] ?? '',
  });
  const maxAge = Math.round((session.expiresAt - session.createdAt) / 1000);
  reply.setCookie(SESSION_COOKIE, id, hostCookie(maxAge));
  reply.setCookie(CSRF_COOKIE, session.csrf, hostCookie(maxAge));
  await services.audit.append({
    userId: who.userId,
    role: 'login',
    action: `session.login.${who.method}`,
    target: session.key.slice(0, 12),
    ip: request.ip,
    userAgent: request.headers['user-agent'] ?? '',
    result: 'ok',
    requestId: request.id,
  });
}
