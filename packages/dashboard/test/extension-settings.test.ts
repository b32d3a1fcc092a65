import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DashboardClient } from './browser-less-client.js';
import { type DashboardBot, startDashboardBot } from './dashboard-bot.js';

// An extension with settings of every kind the form draws (string, integer, boolean, enum, a
// nested object with a secret, optional ones without a default) and one it shows read-only (an
// array). Setup refuses "boom".
const GREETER = `
import { defineExtension } from '@zoryx/framework';
import { z } from 'zod';
export default defineExtension({
  name: 'greeter',
  version: '1.0.0',
  config: z.object({
    greeting: z.string().min(1).default('Hello'),
    level: z.number().int().min(1).max(10).default(1),
    loud: z.boolean().default(false),
    mode: z.enum(['plain', 'fancy']).default('plain'),
    webhook: z.object({ url: z.string().url(), secret: z.string() }).optional(),
    channels: z.array(z.string()).default(['general']),
    footer: z.string().optional(),
    apiKey: z.string().optional(),
  }),
  setup(ctx) {
    if (ctx.config.greeting === 'boom') throw new Error('greeting "boom" is refused');
    return { config: () => ctx.config };
  },
});
`;

const WEBHOOK_SECRET = 'whsec-never-served-5150';
const API_KEY = 'ak-never-served-6060';
const CLIENT_SECRET = 'dashboard-client-secret-never-served-77';

interface AuditRow {
  action: string;
  target: string;
  role: string;
  result: string;
  before: string | null;
  after: string | null;
}

interface GreeterConfig {
  greeting: string;
  level: number;
  loud: boolean;
  mode: string;
  webhook?: { url: string; secret: string };
  footer?: string;
  apiKey?: string;
}

describe('dashboard: editable extension settings (bot.extensions.configure)', () => {
  let d: DashboardBot;
  let owner: DashboardClient;
  let operator: DashboardClient;
  let viewer: DashboardClient;
  const seen = () =>
    (d.t.bot.extensions.get('greeter') as { config(): GreeterConfig } | undefined)?.config();
  const audit = async (): Promise<AuditRow[]> =>
    ((await (await owner.get('/api/audit/export')).json()) as { rows: AuditRow[] }).rows.filter(
      (r) => r.action === 'extensions.configure',
    );

  beforeAll(async () => {
    d = await startDashboardBot({ files: { 'extensions/greeter.ts': GREETER } });
    const operatorUser = d.t.addMember('settings-operator');
    const viewerUser = d.t.addMember('settings-viewer');
    await d.t.restart({
      extensions: {
        config: {
          greeter: {
            webhook: { url: 'https://hooks.example/a', secret: WEBHOOK_SECRET },
            footer: 'From config.json',
            apiKey: API_KEY,
          },
          dashboard: {
            roles: { operator: [operatorUser.id], viewer: [viewerUser.id] },
            oauth: {
              clientId: '1',
              clientSecret: CLIENT_SECRET,
              redirectUri: 'http://127.0.0.1/cb',
            },
          },
        },
      },
    });
    const login = async (userId: string) => {
      const client = new DashboardClient(d.url);
      const link = d.t.bot.extensions.get('dashboard')?.createLoginLink(userId) ?? '';
      expect((await client.loginWithLink(link)).status).toBe(303);
      return client;
    };
    owner = await login(d.t.owner.id);
    operator = await login(operatorUser.id);
    viewer = await login(viewerUser.id);
  });
  afterAll(() => d?.close());

  it('draws the form from the config schema with its own inputs, and never serves a secret', async () => {
    expect(await (await owner.get('/extensions')).text()).toContain(
      'href="/extensions/greeter/settings"',
    );
    const response = await owner.get('/extensions/greeter/settings');
    const page = await response.text();
    expect(response.status).toBe(200);
    expect(page).toContain('<input type="text" name="setting:greeting" value="Hello">');
    expect(page).toContain('name="setting:level" step="1" min="1" max="10" value="1"');
    expect(page).toContain('<input type="checkbox" name="setting:loud" value="on">');
    expect(page).toContain('<option value="plain" selected>plain</option>');
    expect(page).toMatch(/<fieldset><legend><span class="label">webhook<\/span><\/legend>/);
    expect(page).toContain(
      '<input type="password" name="setting:webhook.secret" value="" autocomplete="new-password" placeholder="set — leave empty to keep">',
    );
    expect(page).toContain('<code>[&quot;general&quot;]</code> <small>(read-only here');
    expect(page).toContain('Save and reload');
    expect(page).not.toContain(WEBHOOK_SECRET);
    // The dashboard's own settings: read-only, its OAuth client secret masked.
    const own = await (await owner.get('/extensions/dashboard/settings')).text();
    expect(own).toContain('<fieldset disabled>');
    expect(own).not.toContain(CLIENT_SECRET);
    expect(own).not.toContain('Save and reload');
    expect((await owner.get('/extensions/nope/settings')).status).toBe(404);
  });

  it('saves valid settings: validated, reloaded, applied; an empty secret keeps its value; audited masked', async () => {
    const response = await owner.post('/extensions/greeter/settings', {
      'setting:greeting': 'Hi there',
      'setting:level': '3',
      'setting:loud': 'on',
      'setting:mode': 'fancy',
      'setting:webhook.url': 'https://hooks.example/b',
      'setting:webhook.secret': '',
    });
    const page = await response.text();
    expect(response.status).toBe(200);
    expect(page).toContain('Settings of greeter saved; reloaded greeter v1.0.0.');
    expect(seen()).toMatchObject({
      greeting: 'Hi there',
      level: 3,
      loud: true,
      mode: 'fancy',
      webhook: { url: 'https://hooks.example/b', secret: WEBHOOK_SECRET },
    });
    expect(page).toContain('value="Hi there"');
    expect(page).not.toContain(WEBHOOK_SECRET);
    const [row] = await audit();
    expect(row).toMatchObject({ target: 'greeter', role: 'owner', result: 'ok' });
    expect(JSON.parse(String(row?.before))).toMatchObject({ greeting: 'Hello', level: 1 });
    expect(JSON.parse(String(row?.after))).toMatchObject({
      greeting: 'Hi there',
      webhook: { secret: '[secret]' },
    });
    expect(`${row?.before}${row?.after}`).not.toContain(WEBHOOK_SECRET);
  });

  it('refuses invalid settings naming the key paths, and a setup failure rolls back', async () => {
    const invalid = await (
      await owner.post('/extensions/greeter/settings', {
        'setting:level': '99',
        'setting:webhook.url': 'not a url',
      })
    ).text();
    expect(invalid).toContain('Settings of greeter not saved: ZRX_EXT_CONFIG_INVALID');
    expect(invalid).toContain('level:');
    expect(invalid).toContain('webhook.url:');
    expect(seen()?.level).toBe(3);

    const broken = await (
      await owner.post('/extensions/greeter/settings', { 'setting:greeting': 'boom' })
    ).text();
    expect(broken).toContain('ZRX_EXT_RELOAD_FAILED');
    expect(broken).toContain(
      'Rolled back: greeter v1.0.0 keeps running with its previous settings.',
    );
    expect(seen()?.greeting).toBe('Hi there');
    expect(d.t.bot.extensions.statusOf('greeter')?.state).toBe('loaded');
    const rows = await audit();
    expect(rows.map((r) => r.result)).toEqual(['ok', 'failed', 'failed']);
    expect(rows[1]?.after).toContain('refused (ZRX_EXT_CONFIG_INVALID)');
    expect(rows[2]?.after).toContain('rolled back');
  });

  it('refuses roles without extensions.configure and cross-origin or token-less posts', async () => {
    const view = await (await viewer.get('/extensions/greeter/settings')).text();
    expect(view).toContain('<fieldset disabled>');
    expect(view).not.toContain('Save and reload');
    expect((await viewer.post('/extensions/greeter/settings', {})).status).toBe(403);
    expect(
      (await operator.post('/extensions/greeter/settings', { 'setting:greeting': 'op' })).status,
    ).toBe(403);
    const path = '/extensions/greeter/settings';
    const form = { 'setting:greeting': 'evil' };
    expect((await owner.post(path, form, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await owner.post(path, form, { origin: null })).status).toBe(403);
    expect((await owner.post(path, form, { csrf: 'wrong' })).status).toBe(403);
    expect(seen()?.greeting).toBe('Hi there');
    const rows = await audit();
    expect(rows.filter((r) => r.result === 'denied').map((r) => r.role)).toEqual([
      'viewer',
      'operator',
    ]);
  });

  it('unsets an emptied optional field (null), a secret whose "clear" and a section whose "remove" is ticked; the audit row names them', async () => {
    const form = await (await owner.get('/extensions/greeter/settings')).text();
    expect(form).toContain('<input type="text" name="setting:footer" value="From config.json">');
    expect(form).toContain('<input type="checkbox" name="unset:apiKey" value="on"> clear');
    expect(form).toContain(
      '<input type="checkbox" name="unset:webhook" value="on"> remove this section',
    );
    // The webhook's secret is required inside it: no "clear" box.
    expect(form).not.toContain('name="unset:webhook.secret"');
    expect(form).not.toContain(API_KEY);
    const page = await (
      await owner.post('/extensions/greeter/settings', {
        'setting:footer': '',
        'setting:apiKey': '',
        'unset:apiKey': 'on',
        'setting:level': '',
        'setting:webhook.url': 'https://hooks.example/b',
        'unset:webhook': 'on',
      })
    ).text();
    expect(page).toContain(
      'Settings of greeter saved; reloaded greeter v1.0.0. Unset: level, webhook, footer, apiKey.',
    );
    const config = seen();
    expect(config).not.toHaveProperty('footer');
    expect(config).not.toHaveProperty('apiKey');
    expect(config).not.toHaveProperty('webhook');
    expect(config).toMatchObject({ greeting: 'Hi there', level: 1 }); // level: its default
    expect(page).toContain('<input type="text" name="setting:footer" value="">');
    const row = (await audit()).at(-1);
    expect(row?.result).toBe('ok');
    expect(JSON.parse(String(row?.after))).toMatchObject({
      '(unset)': ['level', 'webhook', 'footer', 'apiKey'],
    });
    expect(JSON.parse(String(row?.before))).toMatchObject({
      footer: 'From config.json',
      apiKey: '[secret]',
    });
    expect(`${row?.before}${row?.after}`).not.toContain(API_KEY);
    expect(`${row?.before}${row?.after}`).not.toContain(WEBHOOK_SECRET);
  });

  it('keeps the saved settings across a restart; what was unset stays unset though config.json sets it', async () => {
    await d.t.restart();
    expect(seen()).toMatchObject({ greeting: 'Hi there', level: 1, mode: 'fancy' });
    expect(seen()).not.toHaveProperty('footer');
    expect(seen()).not.toHaveProperty('apiKey');
    expect(seen()).not.toHaveProperty('webhook');
  });
});
