import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DashboardClient } from './browser-less-client.js';
import { type DashboardBot, startDashboardBot } from './dashboard-bot.js';

describe('login links, sessions, CSRF', () => {
  let d: DashboardBot;
  const link = (userId: string) =>
    d.t.bot.extensions.get('dashboard')?.createLoginLink(userId) ?? '';
  beforeAll(async () => {
    d = await startDashboardBot();
  });
  afterAll(() => d?.close());

  it('logs in once with a link; the link is then spent', async () => {
    const browser = new DashboardClient(d.url);
    const url = link(d.t.owner.id);
    const done = await browser.loginWithLink(url);
    expect(done.status).toBe(303);
    expect(browser.cookies.has('__Host-zoryx-session')).toBe(true);
    const setCookie = done.headers.getSetCookie().join('\n');
    expect(setCookie).toMatch(
      /__Host-zoryx-session=[^;]+; Max-Age=\d+; Path=\/; HttpOnly; Secure; SameSite=Strict/,
    );
    const overview = await browser.get('/');
    expect(overview.status).toBe(200);
    expect(await overview.text()).toContain('data-field="guilds"');
    const again = new DashboardClient(d.url);
    expect((await again.loginWithLink(url)).status).toBe(410);
  });

  it('refuses a login POST without an allowed Origin', async () => {
    const browser = new DashboardClient(d.url);
    const token = new URL(link(d.t.owner.id)).searchParams.get('token') ?? '';
    const response = await browser.request('POST', '/login/link', {
      form: { token },
      origin: null,
    });
    expect(response.status).toBe(403);
    const foreign = await browser.request('POST', '/login/link', {
      form: { token },
      origin: 'http://127.0.0.1:1',
    });
    expect(foreign.status).toBe(403);
  });

  it('rotates the session id at login and revokes the old one', async () => {
    const browser = new DashboardClient(d.url);
    await browser.loginWithLink(link(d.t.owner.id));
    const first = browser.cookies.get('__Host-zoryx-session');
    await browser.loginWithLink(link(d.t.owner.id));
    const second = browser.cookies.get('__Host-zoryx-session');
    expect(second).not.toBe(first);
    const stale = new DashboardClient(d.url);
    stale.cookies.set('__Host-zoryx-session', first ?? '');
    expect((await stale.get('/api/status')).status).toBe(401);
    expect((await browser.get('/api/status')).status).toBe(200);
  });

  it('requires the double-submit CSRF token on mutations', async () => {
    const browser = new DashboardClient(d.url);
    await browser.loginWithLink(link(d.t.owner.id));
    expect((await browser.post('/hooks/disable', { hook: 'none' }, { csrf: null })).status).toBe(
      403,
    );
    expect(
      (await browser.post('/hooks/disable', { hook: 'none' }, { csrf: 'forged' })).status,
    ).toBe(403);
    expect((await browser.post('/hooks/disable', { hook: 'none' }, { origin: null })).status).toBe(
      403,
    );
    const ok = await browser.post('/hooks/disable', { hook: 'none' });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('ZRX_HOOK_UNKNOWN_ID');
  });

  it('logs out by revoking the session, and admins revoke sessions from the sessions page', async () => {
    const browser = new DashboardClient(d.url);
    await browser.loginWithLink(link(d.t.owner.id));
    const id = browser.cookies.get('__Host-zoryx-session') ?? '';
    expect((await browser.post('/logout')).status).toBe(303);
    const replay = new DashboardClient(d.url);
    replay.cookies.set('__Host-zoryx-session', id);
    expect((await replay.get('/api/status')).status).toBe(401);

    const victim = new DashboardClient(d.url);
    await victim.loginWithLink(link(d.t.owner.id));
    const admin = new DashboardClient(d.url);
    await admin.loginWithLink(link(d.t.owner.id));
    const page = await (await admin.get('/sessions')).text();
    const keys = [...page.matchAll(/action="\/sessions\/([0-9a-f]{64})\/revoke"/g)].map(
      (m) => m[1] ?? '',
    );
    expect(keys.length).toBeGreaterThanOrEqual(2);
    const victimKey = createHash('sha256')
      .update(victim.cookies.get('__Host-zoryx-session') ?? '')
      .digest('hex');
    expect(keys).toContain(victimKey);
    expect((await admin.post(`/sessions/${victimKey}/revoke`)).status).toBe(200);
    expect((await victim.get('/api/status')).status).toBe(401);
    expect((await admin.get('/api/status')).status).toBe(200);
  });

  it('keeps a session across a bot restart (sessions live in the database)', async () => {
    const browser = new DashboardClient(d.url);
    await browser.loginWithLink(link(d.t.owner.id));
    await d.t.restart();
    const after = await browser.get('/api/status');
    expect(after.status).toBe(200);
    expect(((await after.json()) as { guilds: number }).guilds).toBe(1);
  });

  it('DMs a login link with the owner-only /dashboard command', async () => {
    const reply = await d.t.owner.slash(d.t.guild, 'dashboard').reply();
    expect(reply.content).toContain('Sent you a login link');
    const dm = d.t.owner.dms().at(-1);
    const sent = dm?.content.match(/(http:\S+\/login\/link\?token=\S+)/)?.[1] ?? '';
    expect(sent).not.toBe('');
    const browser = new DashboardClient(d.url);
    expect((await browser.loginWithLink(sent)).status).toBe(303);
    const other = new DashboardClient(d.url);
    await other.loginWithLink(link(d.t.owner.id));
    const revoked = await d.t.owner.slash(d.t.guild, 'dashboard', { logout_all: true }).reply();
    expect(revoked.content).toMatch(/Revoked \d+ dashboard session/);
    expect((await other.get('/api/status')).status).toBe(401);
    expect((await browser.get('/api/status')).status).toBe(401);
    const denied = await d.t.member.slash(d.t.guild, 'dashboard').reply();
    expect(denied.ephemeral).toBe(true);
    expect(denied.content ?? '').not.toContain('Sent you');
  });
});
