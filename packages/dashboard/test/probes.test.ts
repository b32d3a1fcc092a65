import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECURITY_HEADERS } from '../src/server/security-headers.js';
import { type DashboardBot, startDashboardBot } from './dashboard-bot.js';

describe('probes and the contract', () => {
  let d: DashboardBot;
  beforeAll(async () => {
    d = await startDashboardBot();
  });
  afterAll(() => d?.close());

  it('exposes url and createLoginLink through bot.extensions.get', () => {
    const api = d.t.bot.extensions.get('dashboard');
    expect(api?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(api?.createLoginLink(d.t.owner.id)).toMatch(/\/login\/link\?token=[\w-]{43}$/);
  });

  it('answers /livez, /readyz (verbose, exclude), /status.json and /metrics without login', async () => {
    const live = await fetch(`${d.url()}/livez`);
    expect([live.status, await live.text()]).toEqual([200, 'ok']);
    const ready = await fetch(`${d.url()}/readyz?verbose`);
    const text = await ready.text();
    expect(ready.status).toBe(200);
    expect(text).toContain('[+]gateway ok');
    expect(text).toContain('[+]database ok');
    const excluded = await (await fetch(`${d.url()}/readyz?verbose&exclude=gateway`)).text();
    expect(excluded).toContain('[+]gateway excluded: ok');
    const status = await fetch(`${d.url()}/status.json`);
    expect(status.headers.get('content-type')).toContain('application/health+json');
    const body = (await status.json()) as Record<string, unknown>;
    expect(body.status).toMatch(/pass|warn/);
    expect(body.guilds).toBe(1);
    expect(body).toHaveProperty('checks');
    const metrics = await fetch(`${d.url()}/metrics`);
    const exposition = await metrics.text();
    expect(exposition).toContain('zoryx_guilds 1');
    expect(exposition).toContain('zoryx_command_duration_seconds');
  });

  it('serves /status.json and /metrics pre-serialised with an ETag (304 on a match) and keeps them fresh', async () => {
    for (const path of ['/status.json', '/metrics']) {
      let notModified = 0;
      // The answer is rebuilt every second: a rebuild between the two requests changes the ETag.
      for (let i = 0; i < 5 && notModified === 0; i += 1) {
        const first = await fetch(`${d.url()}${path}`);
        await first.arrayBuffer();
        const etag = first.headers.get('etag') ?? '';
        expect(etag).toMatch(/^"[\w-]{27}"$/);
        expect(first.headers.get('server-timing')).toMatch(/^app;dur=[\d.]+, build;dur=[\d.]+$/);
        const second = await fetch(`${d.url()}${path}`, { headers: { 'if-none-match': etag } });
        await second.arrayBuffer();
        if (second.headers.get('etag') === etag) expect(second.status).toBe(304);
        if (second.status === 304) notModified += 1;
      }
      expect(notModified).toBe(1);
    }
    // A guild joining reaches the cached document (invalidated by guild_joined, else refreshed).
    d.t.discord.createGuild({ name: 'second' });
    let guilds = 0;
    for (let i = 0; i < 100 && guilds !== 2; i += 1) {
      guilds = ((await (await fetch(`${d.url()}/status.json`)).json()) as { guilds: number })
        .guilds;
      if (guilds !== 2) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(guilds).toBe(2);
    expect(d.t.bot.guilds.cache.size).toBe(2);
  });

  it('sends the security headers and a strict CSP', async () => {
    const res = await fetch(`${d.url()}/livez`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    // The probes answered before Fastify (the fast path) carry the same headers as its routes.
    const routed = await fetch(`${d.url()}/api/status`);
    for (const path of ['/livez', '/readyz', '/status.json', '/metrics']) {
      const probe = await fetch(`${d.url()}${path}`);
      await probe.arrayBuffer();
      for (const name of Object.keys(SECURITY_HEADERS)) {
        expect(probe.headers.get(name), `${path} ${name}`).toBe(routed.headers.get(name));
      }
    }
  });

  it('answers 401 (API) or redirects to login (HTML) without a session, and 403 to mutations without Origin', async () => {
    expect((await fetch(`${d.url()}/api/status`)).status).toBe(401);
    expect((await fetch(`${d.url()}/api/nothing-here`)).status).toBe(401);
    const page = await fetch(`${d.url()}/extensions`, { redirect: 'manual' });
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toMatch(/^\/login/);
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      expect((await fetch(`${d.url()}/extensions/core/reload`, { method })).status).toBe(403);
      expect(
        (
          await fetch(`${d.url()}/anything`, {
            method,
            headers: { origin: 'https://evil.example' },
          })
        ).status,
      ).toBe(403);
    }
  });
});
