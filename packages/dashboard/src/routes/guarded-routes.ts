import type { FastifyReply, FastifyRequest } from 'fastify';
import { DashboardError } from '../errors.js';
import { auditPage, guildPage, guildsPage, sessionsPage } from '../pages/admin-pages.js';
import {
  commandsPage,
  eventsPage,
  extensionsPage,
  hooksPage,
  overviewPage,
  storagePage,
  systemPage,
} from '../pages/bot-pages.js';
import { html, type SafeHtml } from '../pages/html.js';
import { layout, type Notice } from '../pages/layout.js';
import { settingsPage } from '../pages/settings-pages.js';
import { guildBackupLinks, guildBackupsPage, restoreConfirmPage } from '../pages/storage-pages.js';
import { botStatus } from '../probes/status-document.js';
import type { GuardedRoute } from '../server/route-kit.js';
import { SECURITY_HEADERS } from '../server/security-headers.js';
import type { Auth, DashboardServices } from '../server/services.js';
import {
  audited,
  backupGuild,
  hookAction,
  leaveGuild,
  loadOrUnload,
  reloadExtension,
  restoreGuild,
  unquarantine,
} from './actions.js';
import { configureExtension } from './settings-actions.js';

function send(
  reply: FastifyReply,
  auth: Auth,
  title: string,
  body: SafeHtml,
  notice?: Notice,
  live = 'status',
) {
  return reply
    .type('text/html; charset=utf-8')
    .send(layout(auth, title, body, { ...(notice ? { notice } : {}), live }));
}

const param = (request: FastifyRequest, key: string): string => {
  const value: unknown = Reflect.get(request.params ?? {}, key);
  return typeof value === 'string' ? value : '';
};

const field = (request: FastifyRequest, key: string): string => {
  const body = request.body;
  const value: unknown =
    typeof body === 'object' && body !== null ? Reflect.get(body, key) : undefined;
  return typeof value === 'string' ? value : '';
};

/**
 * Every route behind a login, with who may call it: the route × role matrix test walks this list
 * (called without services it only describes the routes; their handlers need them).
 */
export function guardedRoutes(services?: DashboardServices): GuardedRoute[] {
  const s = (): DashboardServices => {
    if (!services) {
      throw new DashboardError('ZRX_DASHBOARD_ROUTE_LIST_ONLY', 'This route list has no services.');
    }
    return services;
  };
  const page = (
    url: string,
    permission: GuardedRoute['access'],
    title: string,
    render: (request: FastifyRequest, auth: Auth) => SafeHtml | Promise<SafeHtml>,
  ): GuardedRoute => ({
    method: 'GET',
    url,
    kind: 'html',
    access: permission,
    handler: async (request, reply, auth) => send(reply, auth, title, await render(request, auth)),
  });
  const action = (
    url: string,
    permission: Parameters<typeof audited>[3],
    title: string,
    target: (request: FastifyRequest) => string,
    run: (request: FastifyRequest) => ReturnType<Parameters<typeof audited>[5]>,
    render: (auth: Auth, request: FastifyRequest) => SafeHtml | Promise<SafeHtml>,
  ): GuardedRoute => ({
    method: 'POST',
    url,
    kind: 'html',
    access: { permission },
    handler: async (request, reply, auth) => {
      const notice = await audited(s(), request, auth, permission, target(request), () =>
        run(request),
      );
      if (request.headers.accept?.includes('application/json')) return reply.send(notice);
      return send(reply, auth, title, await render(auth, request), notice);
    },
  });

  const guildBackupsPageOr404 = (auth: Auth, guildId: string): SafeHtml =>
    guildBackupsPage(s(), auth, guildId) ?? html`<p>The bot is not in that guild.</p>`;

  return [
    page('/', { permission: 'overview.view' }, 'Overview', () => overviewPage(s())),
    page('/commands', { permission: 'commands.view' }, 'Commands', () => commandsPage(s())),
    page('/extensions', { permission: 'extensions.view' }, 'Extensions', (_r, auth) =>
      extensionsPage(s(), auth),
    ),
    page('/hooks', { permission: 'hooks.view' }, 'Hooks', (_r, auth) => hooksPage(s(), auth)),
    page(
      '/storage',
      { permission: 'storage.view' },
      'Storage',
      () => html`${storagePage(s())}${guildBackupLinks(s())}`,
    ),
    {
      method: 'GET',
      url: '/storage/guilds/:guildId',
      kind: 'html',
      access: { permission: 'storage.view' },
      handler: (request, reply, auth) => {
        const body = guildBackupsPage(s(), auth, param(request, 'guildId'));
        if (!body) return reply.code(404).send({ error: 'not_found' });
        return send(reply, auth, 'Guild backups', body);
      },
    },
    action(
      '/storage/guilds/:guildId/backup',
      'storage.backup',
      'Guild backups',
      (r) => param(r, 'guildId'),
      (r) => backupGuild(s(), param(r, 'guildId')),
      (auth, r) => guildBackupsPageOr404(auth, param(r, 'guildId')),
    ),
    {
      // Two steps: without `confirm=restore` this only shows what would happen (nothing changes,
      // nothing is audited); the confirmation page's button sends it and the restore runs.
      method: 'POST',
      url: '/storage/guilds/:guildId/restore',
      kind: 'html',
      access: { permission: 'storage.restore' },
      handler: async (request, reply, auth) => {
        const guildId = param(request, 'guildId');
        const guild = s().ctx.client.guilds.cache.get(guildId);
        if (!guild) return reply.code(404).send({ error: 'not_found' });
        const file = field(request, 'file');
        if (field(request, 'confirm') !== 'restore') {
          return send(reply, auth, 'Restore a backup', restoreConfirmPage(auth, guild, file));
        }
        const notice = await audited(
          s(),
          request,
          auth,
          'storage.restore',
          `${guildId}/${file}`,
          () => restoreGuild(s(), guildId, file),
        );
        if (request.headers.accept?.includes('application/json')) return reply.send(notice);
        return send(reply, auth, 'Guild backups', guildBackupsPageOr404(auth, guildId), notice);
      },
    },
    page('/events', { permission: 'events.view' }, 'Events', () => eventsPage(s())),
    page('/system', { permission: 'system.view' }, 'System', () => systemPage(s())),
    page('/audit', { permission: 'audit.view' }, 'Audit log', (request) => {
      const n = Number((request.query as { page?: string }).page ?? 0);
      return auditPage(s(), Number.isInteger(n) && n >= 0 ? n : 0);
    }),
    page('/sessions', { permission: 'sessions.view' }, 'Sessions', (_r, auth) =>
      sessionsPage(s(), auth),
    ),
    page('/guilds', { session: true }, 'Guilds', (_r, auth) => guildsPage(s(), auth)),
    {
      method: 'GET',
      url: '/guilds/:guildId',
      kind: 'html',
      access: { guild: 'guilds.view' },
      handler: (request, reply, auth) => {
        const body = guildPage(s(), param(request, 'guildId'));
        if (!body) return reply.code(404).send({ error: 'not_found' });
        return send(reply, auth, 'Guild', body);
      },
    },
    {
      method: 'GET',
      url: '/extensions/:name/page',
      kind: 'html',
      access: { permission: 'extensions.view' },
      handler: async (request, reply, auth) => {
        const rendered = await s().extensionPages.render(param(request, 'name'));
        if (!rendered) return reply.code(404).send({ error: 'not_found' });
        return send(reply, auth, rendered.title, rendered.body);
      },
    },
    {
      method: 'GET',
      url: '/extensions/:name/settings',
      kind: 'html',
      access: { permission: 'extensions.view' },
      handler: async (request, reply, auth) => {
        const name = param(request, 'name');
        const body = await settingsPage(s(), auth, name);
        if (!body) return reply.code(404).send({ error: 'not_found' });
        return send(reply, auth, `Settings of ${name}`, body);
      },
    },
    action(
      '/extensions/:name/settings',
      'extensions.configure',
      'Settings',
      (r) => param(r, 'name'),
      (r) => configureExtension(s(), param(r, 'name'), r.body),
      async (auth, r) =>
        (await settingsPage(s(), auth, param(r, 'name'))) ??
        html`<p>This extension has no settings.</p>`,
    ),
    action(
      '/extensions/:name/reload',
      'extensions.reload',
      'Extensions',
      (r) => param(r, 'name'),
      (r) => reloadExtension(s(), param(r, 'name')),
      (auth) => extensionsPage(s(), auth),
    ),
    action(
      '/extensions/:name/load',
      'extensions.load',
      'Extensions',
      (r) => param(r, 'name'),
      (r) => loadOrUnload(s(), param(r, 'name'), 'load'),
      (auth) => extensionsPage(s(), auth),
    ),
    action(
      '/extensions/:name/unload',
      'extensions.unload',
      'Extensions',
      (r) => param(r, 'name'),
      (r) => loadOrUnload(s(), param(r, 'name'), 'unload'),
      (auth) => extensionsPage(s(), auth),
    ),
    action(
      '/extensions/:name/unquarantine',
      'extensions.unquarantine',
      'Extensions',
      (r) => param(r, 'name'),
      (r) => unquarantine(s(), param(r, 'name')),
      (auth) => extensionsPage(s(), auth),
    ),
    action(
      '/hooks/reset-breaker',
      'hooks.resetBreaker',
      'Hooks',
      (r) => field(r, 'hook'),
      (r) => hookAction(s(), field(r, 'hook'), 'resetBreaker'),
      (auth) => hooksPage(s(), auth),
    ),
    action(
      '/hooks/disable',
      'hooks.disable',
      'Hooks',
      (r) => field(r, 'hook'),
      (r) => hookAction(s(), field(r, 'hook'), 'disable'),
      (auth) => hooksPage(s(), auth),
    ),
    action(
      '/hooks/enable',
      'hooks.enable',
      'Hooks',
      (r) => field(r, 'hook'),
      (r) => hookAction(s(), field(r, 'hook'), 'enable'),
      (auth) => hooksPage(s(), auth),
    ),
    action(
      '/guilds/:guildId/leave',
      'guilds.leave',
      'Guilds',
      (r) => param(r, 'guildId'),
      (r) => leaveGuild(s(), param(r, 'guildId')),
      (auth) => guildsPage(s(), auth),
    ),
    action(
      '/sessions/:key/revoke',
      'sessions.revoke',
      'Sessions',
      (r) => param(r, 'key').slice(0, 12),
      async (r) => {
        const done = await s().sessions.revoke(param(r, 'key'));
        return {
          notice: {
            kind: done ? 'ok' : 'error',
            text: done ? 'Session revoked.' : 'No such live session.',
          },
        };
      },
      (auth) => sessionsPage(s(), auth),
    ),
    {
      method: 'GET',
      url: '/api/status',
      kind: 'api',
      access: { permission: 'overview.view' },
      handler: async () => botStatus(s()),
    },
    {
      method: 'GET',
      url: '/api/guilds/:guildId',
      kind: 'api',
      access: { guild: 'guilds.view' },
      handler: (request, reply) => {
        const guild = s().ctx.client.guilds.cache.get(param(request, 'guildId'));
        if (!guild) return reply.code(404).send({ error: 'not_found' });
        return {
          id: guild.id,
          name: guild.name,
          memberCount: guild.memberCount,
          ownerId: guild.ownerId,
        };
      },
    },
    {
      method: 'GET',
      url: '/api/audit/export',
      kind: 'api',
      access: { permission: 'audit.export' },
      handler: async (_request, reply) =>
        reply
          .header('content-disposition', 'attachment; filename="dashboard-audit.json"')
          .send({ chain: await s().audit.verify(), rows: await s().audit.all() }),
    },
    {
      method: 'GET',
      url: '/api/live',
      kind: 'api',
      access: { session: true },
      handler: async (request, reply, auth) => {
        const raw = reply.raw;
        if (s().live.size >= s().config.maxLiveConnections) {
          return reply.code(503).send({ error: 'too_many_live_connections' });
        }
        reply.hijack();
        raw.writeHead(200, {
          ...SECURITY_HEADERS,
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store',
          connection: 'keep-alive',
        });
        // Guild managers get no bot-wide figures, only that the stream is alive.
        const canSee = auth.principal !== 'guild-manager';
        if (!s().live.add(raw, canSee)) return raw.end();
        raw.write(`event: status\ndata: ${JSON.stringify(canSee ? await botStatus(s()) : {})}\n\n`);
        request.raw.on('close', () => raw.end());
        return undefined;
      },
    },
  ];
}
