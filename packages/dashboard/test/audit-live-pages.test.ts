import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {} from '../src/tables.js';
import { DashboardClient } from './browser-less-client.js';
import { type DashboardBot, startDashboardBot } from './dashboard-bot.js';

const paged = `
import { defineExtension } from '@zoryx/framework';
export default defineExtension({
  name: 'paged', version: '1.0.0',
  setup: () => ({ dashboardPage: () => ({ title: 'Paged', settings: [{ key: 'mode', label: 'Mode', value: 'fast' }], widgets: [{ kind: 'table', label: 'Rows', columns: ['a'], rows: [['one']] }] }) }),
});
`;

describe('audit log, live connections, extension pages, public status', () => {
  let d: DashboardBot;
  let owner: DashboardClient;
  beforeAll(async () => {
    d = await startDashboardBot({
      files: { 'extensions/paged/index.ts': paged },
      dashboard: { maxLiveConnections: 2, publicStatus: true },
    });
    owner = new DashboardClient(d.url);
    await owner.loginWithLink(
      d.t.bot.extensions.get('dashboard')?.createLoginLink(d.t.owner.id) ?? '',
    );
  });
  afterAll(() => d?.close());

  it('records actions in a hash chain, exports it as JSON, and detects tampering', async () => {
    await owner.post('/hooks/disable', { hook: 'nothing' });
    await owner.post('/extensions/paged/reload');
    const exported = await owner.get('/api/audit/export');
    expect(exported.headers.get('content-disposition')).toContain('attachment');
    const body = (await exported.json()) as {
      chain: { ok: boolean };
      rows: { action: string; result: string; prevHash: string; hash: string }[];
    };
    expect(body.chain.ok).toBe(true);
    expect(body.rows.map((r) => r.action)).toEqual([
      'session.login.link',
      'hooks.disable',
      'extensions.reload',
    ]);
    expect(body.rows[1]?.result).toBe('failed: ZRX_HOOK_UNKNOWN_ID');
    expect(body.rows[1]?.prevHash).toBe(body.rows[0]?.hash);
    await d.t.bot.db.main
      .updateTable('dashboard_audit')
      .set({ result: 'ok' })
      .where('action', '=', 'hooks.disable')
      .execute();
    const after = (await (await owner.get('/api/audit/export')).json()) as {
      chain: { ok: boolean; brokenAt?: number };
    };
    expect(after.chain).toEqual({ ok: false, brokenAt: 2 });
    expect(await (await owner.get('/audit')).text()).toContain('Hash chain broken at row 2');
  });

  it('streams live status over SSE and caps the connections', async () => {
    const streams: AbortController[] = [];
    const open = async () => {
      const controller = new AbortController();
      streams.push(controller);
      const response = await fetch(`${d.url()}/api/live`, {
        headers: { cookie: `__Host-zoryx-session=${owner.cookies.get('__Host-zoryx-session')}` },
        signal: controller.signal,
      });
      return response;
    };
    const first = await open();
    expect(first.headers.get('content-type')).toContain('text/event-stream');
    const reader = first.body?.getReader();
    const chunk = new TextDecoder().decode((await reader?.read())?.value);
    expect(chunk).toContain('event: status');
    expect(chunk).toContain('"guilds":1');
    await open();
    const third = await open();
    expect(third.status).toBe(503);
    for (const s of streams) s.abort();
  });

  it('renders extension pages from data and drops them when the extension unloads', async () => {
    const page = await owner.get('/extensions/paged/page');
    const html = await page.text();
    expect(html).toContain('Mode');
    expect(html).toContain('fast');
    expect(html).toContain('one');
    await d.t.bot.extensions.unload('paged');
    expect((await owner.get('/extensions/paged/page')).status).toBe(404);
    expect(await (await owner.get('/extensions')).text()).not.toContain('/extensions/paged/page');
  });

  it('serves the public status page without login when enabled', async () => {
    const response = await fetch(`${d.url()}/status`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('data-field="guilds">1<');
  });

  it('rate-limits login attempts per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 25; i += 1) {
      const guess = new DashboardClient(d.url);
      statuses.push(
        (await guess.request('POST', '/login/link', { form: { token: `guess-${i}` } })).status,
      );
    }
    expect(statuses[0]).toBe(410);
    expect(statuses.at(-1)).toBe(429);
  });
});
