import type { UserHandle } from '@zoryx/emulator';
import type { TestWorld } from '@zoryx/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, type Principal } from '../src/auth/permissions.js';
import { guardedRoutes } from '../src/routes/guarded-routes.js';
import type { GuardedRoute } from '../src/server/route-kit.js';
import { DashboardClient } from './browser-less-client.js';
import { type DashboardBot, startDashboardBot } from './dashboard-bot.js';

const CLIENT_SECRET = 'client-secret-that-must-never-be-served-7f3a';

const sample = `
import { defineExtension } from '@zoryx/framework';
export default defineExtension({
  name: 'sample', version: '1.0.0',
  setup(ctx) {
    ctx.hooks.on('command_executed', () => undefined, { id: 'sample:seen' });
    return { dashboardPage: () => ({ title: 'Sample', widgets: [{ kind: 'stat', label: 'Answers', value: 42 }] }) };
  },
});
`;

describe('route × role matrix, IDOR, and secrets in a full crawl', () => {
  let d: DashboardBot;
  let spare: TestWorld;
  const clients = new Map<Principal | 'member' | 'anonymous', DashboardClient>();

  beforeAll(async () => {
    d = await startDashboardBot({
      files: { 'extensions/sample/index.ts': sample },
      dashboard: {
        oauth: { clientId: '1', clientSecret: CLIENT_SECRET, redirectUri: 'http://127.0.0.1/cb' },
      },
    });
    const t = d.t;
    const admin = t.addMember('dash-admin');
    const operator = t.addMember('dash-operator');
    const viewer = t.addMember('dash-viewer');
    await t.restart({
      extensions: {
        config: {
          dashboard: { roles: { admin: [admin.id], operator: [operator.id], viewer: [viewer.id] } },
        },
      },
    });
    spare = await t.createWorld('Spare');
    const users: [Principal | 'member', UserHandle][] = [
      ['owner', t.owner],
      ['admin', admin],
      ['operator', operator],
      ['viewer', viewer],
      ['guild-manager', t.guildOwner],
      ['member', t.member],
    ];
    for (const [role, user] of users) {
      const client = new DashboardClient(d.url);
      const link = t.bot.extensions.get('dashboard')?.createLoginLink(user.id) ?? '';
      expect((await client.loginWithLink(link)).status).toBe(303);
      clients.set(role, client);
    }
    clients.set('anonymous', new DashboardClient(d.url));
  });
  afterAll(() => d?.close());

  function concrete(route: GuardedRoute): { path: string; form: Record<string, string> } {
    const guildId = route.url.endsWith('/leave') ? spare.guild.id : d.t.guild.id;
    const path = route.url
      .replace(':guildId', guildId)
      .replace(':name', 'sample')
      .replace(':key', 'f'.repeat(64));
    return { path, form: route.url.startsWith('/hooks/') ? { hook: 'sample:seen' } : {} };
  }

  function expected(role: Principal | 'member', route: GuardedRoute): boolean {
    const access = route.access;
    if ('session' in access) return true;
    if (role === 'member') return false;
    if ('permission' in access) return can(role, access.permission);
    return can(role, access.guild) || role === 'guild-manager';
  }

  it('lets exactly the listed roles through every route, and nobody without a session', async () => {
    const routes = guardedRoutes();
    expect(routes.length).toBeGreaterThan(20);
    // The guild leave runs last: the owner really leaves the spare guild.
    const order: (Principal | 'member' | 'anonymous')[] = [
      'anonymous',
      'member',
      'guild-manager',
      'viewer',
      'operator',
      'admin',
      'owner',
    ];
    const failures: string[] = [];
    for (const route of routes) {
      if (route.url === '/api/live') continue; // a stream: checked in its own test
      const { path, form } = concrete(route);
      for (const role of order) {
        const client = clients.get(role);
        if (!client) throw new TypeError(role);
        const response =
          route.method === 'GET' ? await client.get(path) : await client.post(path, form);
        await response.arrayBuffer();
        if (role === 'anonymous') {
          const want = route.kind === 'api' || route.method !== 'GET' ? 401 : 302;
          if (response.status !== want)
            failures.push(`${route.method} ${path} anonymous: ${response.status}`);
          continue;
        }
        const allowed = expected(role, route);
        const denied = response.status === 403;
        if (allowed === denied)
          failures.push(`${route.method} ${path} ${role}: ${response.status}`);
      }
    }
    expect(failures).toEqual([]);
    const owner = clients.get('owner');
    if (!owner) throw new TypeError('owner');
    const audit = await owner.get('/api/audit/export');
    const { rows } = (await audit.json()) as {
      rows: { action: string; role: string; result: string }[];
    };
    expect(rows).toContainEqual(
      expect.objectContaining({ action: 'guilds.leave', role: 'admin', result: 'denied' }),
    );
    expect(rows).toContainEqual(
      expect.objectContaining({ action: 'guilds.leave', role: 'owner', result: 'ok' }),
    );
  });

  it('keeps guild managers to their own guilds (IDOR)', async () => {
    const manager = clients.get('guild-manager');
    const other = spare.guild.id;
    expect((await manager?.get(`/guilds/${other}`))?.status).toBe(403);
    expect((await manager?.get(`/api/guilds/${other}`))?.status).toBe(403);
    const list = await (await manager?.get('/guilds'))?.text();
    expect(list).toContain(d.t.guild.id);
    expect(list).not.toContain(other);
    expect((await manager?.get('/api/status'))?.status).toBe(403);
  });

  it('serves no token, client secret or session id in any response of a full crawl', async () => {
    const owner = clients.get('owner');
    if (!owner) throw new TypeError('owner');
    const secrets = [d.t.discord.token, CLIENT_SECRET];
    for (const client of clients.values()) {
      const session = client.cookies.get('__Host-zoryx-session');
      if (session) secrets.push(session);
    }
    const paths = [
      '/livez',
      '/readyz?verbose',
      '/status.json',
      '/metrics',
      '/login',
      '/assets/app.js',
      '/assets/app.css',
      ...guardedRoutes()
        .filter((r) => r.method === 'GET' && r.url !== '/api/live')
        .map((r) => concrete(r).path),
      '/extensions/sample/page',
    ];
    for (const path of paths) {
      const response = await owner.get(path);
      const text = `${[...response.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}\n${await response.text()}`;
      for (const secret of secrets)
        expect(text.includes(secret), `${path} leaks a secret`).toBe(false);
    }
  });
});
