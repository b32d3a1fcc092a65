import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchChromium } from './chromium.js';
import { type DashboardBot, startDashboardBot } from './dashboard-bot.js';

const XSS = '<img src=x onerror="window.__xss=1">';
const SCRIPT = '<script>window.__xss=1</script>';

const flaky = (broken: boolean) => `
import { defineExtension } from '@zoryx/framework';
export default defineExtension({
  name: 'flaky', version: '${broken ? '2.0.0' : '1.0.0'}',
  description: ${JSON.stringify(SCRIPT)},
  setup(ctx) {
    ${broken ? `throw new Error(${JSON.stringify(`broken ${SCRIPT}`)});` : ''}
    ctx.hooks.on('guild_joined', () => { throw new Error('always fails'); }, { id: 'flaky:fails' });
    return { dashboardPage: () => ({ title: 'Flaky ${XSS}', widgets: [{ kind: 'stat', label: ${JSON.stringify(XSS)}, value: ${JSON.stringify(SCRIPT)} }] }) };
  },
});
`;

// Settings drawn from a zod schema; its default and description carry XSS payloads.
const SETTABLE = `
import { defineExtension } from '@zoryx/framework';
import { z } from 'zod';
export default defineExtension({
  name: 'settable', version: '1.0.0',
  config: z.object({
    greeting: z.string().default(${JSON.stringify(XSS)}).describe(${JSON.stringify(SCRIPT)}),
    loud: z.boolean().default(false),
    mode: z.enum(['plain', 'fancy']).default('plain'),
    token: z.string().default('settable-token-never-shown'),
    footer: z.string().optional(),
  }),
  setup(ctx) { return { config: () => ctx.config }; },
});
`;

const missing = chromiumMissing();

describe.skipIf(missing !== undefined)(
  `dashboard in a real browser${missing ? ` (skipped: ${missing})` : ''}`,
  () => {
    let d: DashboardBot;
    let context: BrowserContext;
    let closeBrowser: () => Promise<void>;
    let page: Page;
    const consoleErrors: string[] = [];
    const link = (userId: string) =>
      d.t.bot.extensions.get('dashboard')?.createLoginLink(userId) ?? '';

    beforeAll(async () => {
      d = await startDashboardBot({
        files: { 'extensions/flaky/index.ts': flaky(false), 'extensions/settable.ts': SETTABLE },
      });
      const xssUser = d.t.addMember(XSS);
      const evil = await d.t.createWorld(XSS);
      evil.guild.createChannel({ name: SCRIPT });
      void xssUser;
      ({ context, close: closeBrowser } = await launchChromium());
      page = await context.newPage();
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text());
      });
      page.on('pageerror', (error) => consoleErrors.push(error.message));
    });
    afterAll(async () => {
      await closeBrowser?.();
      await d?.close();
    });

    async function login(userId: string): Promise<void> {
      await page.goto(link(userId));
      await Promise.all([page.waitForURL(`${d.url()}/`), page.click('#confirm-login')]);
    }

    it('logs in with a one-time link and shows live figures', async () => {
      await login(d.t.owner.id);
      expect(await page.textContent('h1')).toBe('Overview');
      expect(await page.textContent('[data-field="guilds"]')).toBe('2');
      // The external script's EventSource delivers a status event and marks the body.
      await page.waitForSelector('body[data-live-updated]', { timeout: 15_000 });
      const cookies = await context.cookies(d.url());
      const session = cookies.find((c) => c.name === '__Host-zoryx-session');
      expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict' });
    });

    it('renders every page with live data and no CSP violation or script error', async () => {
      for (const [path, marker] of [
        ['/commands', '#commands'],
        ['/extensions', '#extensions'],
        ['/hooks', '#hooks'],
        ['/storage', '#store'],
        ['/guilds', '#guilds'],
        ['/events', '#events'],
        ['/system', '#lag-history'],
        ['/audit', '#audit'],
        ['/sessions', '#sessions'],
        ['/extensions/flaky/page', 'dl.stat'],
      ] as const) {
        const response = await page.goto(`${d.url()}${path}`);
        expect(response?.status(), path).toBe(200);
        expect(await page.locator(marker).count(), path).toBeGreaterThan(0);
      }
      expect(await page.textContent('#commands, body')).toBeTruthy();
      await page.goto(`${d.url()}/commands`);
      expect(await page.textContent('#commands')).toContain('dashboard');
      expect(consoleErrors).toEqual([]);
    });

    it('renders XSS payloads in guild, channel, user and extension data as inert text', async () => {
      const evil = [...d.t.bot.guilds.cache.values()].find((g) => g.name === XSS);
      expect(evil).toBeDefined();
      for (const path of [
        '/guilds',
        `/guilds/${evil?.id}`,
        `/guilds/${d.t.guild.id}`,
        '/extensions',
        '/extensions/flaky/page',
      ]) {
        await page.goto(`${d.url()}${path}`);
        expect(await page.evaluate('window.__xss')).toBeUndefined();
        expect(await page.locator('img[src="x"], main script').count(), path).toBe(0);
      }
      await page.goto(`${d.url()}/guilds/${evil?.id}`);
      expect(await page.textContent('#guild-name')).toBe(XSS);
      expect(await page.textContent('#channels')).toContain(SCRIPT);
      await page.goto(`${d.url()}/guilds/${d.t.guild.id}`);
      expect(await page.textContent('#members')).toContain(XSS);
    });

    it('reloads a broken extension and shows the rollback', async () => {
      await d.t.write('extensions/flaky/index.ts', flaky(true));
      await page.goto(`${d.url()}/extensions`);
      const row = page.locator('#extensions tr', { hasText: 'flaky' });
      await Promise.all([
        page.waitForURL('**/extensions/flaky/reload'),
        row.getByRole('button', { name: 'Reload' }).click(),
      ]);
      const notice = (await page.textContent('.notice')) ?? '';
      expect(notice).toContain('Reload of flaky failed');
      expect(notice).toContain('Rolled back: flaky v1.0.0 keeps running');
      expect(d.t.bot.extensions.statusOf('flaky')?.version).toBe('1.0.0');
      expect(await page.evaluate('window.__xss')).toBeUndefined();
      await d.t.write('extensions/flaky/index.ts', flaky(false));
    });

    it('resets an open breaker from the hooks page', async () => {
      for (let i = 0; i < 5; i += 1) {
        await d.t.bot.hooks.emitAndWait('guild_joined', {
          guildId: '1',
          name: 'x',
          memberCount: 1,
        });
      }
      expect(d.t.bot.hooks.hooks().find((h) => h.id === 'flaky:fails')?.breaker).toBe('open');
      await page.goto(`${d.url()}/hooks`);
      const row = page.locator('#hooks tr', { hasText: 'flaky:fails' });
      await Promise.all([
        page.waitForURL('**/hooks/reset-breaker'),
        row.getByRole('button', { name: 'Reset breaker' }).click(),
      ]);
      expect(await page.textContent('.notice')).toContain('flaky:fails has its breaker closed');
      expect(d.t.bot.hooks.hooks().find((h) => h.id === 'flaky:fails')?.breaker).toBe('closed');
      await page.goto(`${d.url()}/audit`);
      expect(await page.textContent('#audit')).toContain('hooks.resetBreaker');
      expect(await page.textContent('#audit-chain')).toContain('Hash chain intact');
    });

    it('backs up a guild database and restores it only after confirming, from the storage page', async () => {
      const guildId = d.t.guild.id;
      await d.t.bot.settings(guildId).set('prefix', 'b!');
      await page.goto(`${d.url()}/storage`);
      await Promise.all([
        page.waitForURL(`**/storage/guilds/${guildId}`),
        page.click(`#guild-databases a[href="/storage/guilds/${guildId}"]`),
      ]);
      await Promise.all([
        page.waitForURL('**/backup'),
        page.getByRole('button', { name: 'Back up now' }).click(),
      ]);
      expect(await page.textContent('.notice')).toContain('Backed up:');
      await d.t.bot.settings(guildId).set('prefix', 'a!');
      await Promise.all([
        page.waitForURL('**/restore'),
        page.locator('#guild-backups').getByRole('button', { name: 'Restore…' }).first().click(),
      ]);
      expect(await page.textContent('#restore-question')).toContain('Restore the database');
      // The browser's own confirm: dismissed, nothing is sent and nothing changes.
      page.once('dialog', (dialog) => void dialog.dismiss());
      await page.getByRole('button', { name: 'Restore now' }).click();
      expect(await page.textContent('#restore-question')).toContain('Restore the database');
      expect(await d.t.bot.settings(guildId).get('prefix')).toBe('a!');
      page.once('dialog', (dialog) => void dialog.accept());
      await Promise.all([
        page.waitForSelector('.notice.ok'),
        page.getByRole('button', { name: 'Restore now' }).click(),
      ]);
      expect(await page.textContent('.notice')).toContain("Restored the guild's database");
      expect(await d.t.bot.settings(guildId).get('prefix')).toBe('b!');
    });

    it('changes an extension setting in the form and sees it applied after the reload', async () => {
      await page.goto(`${d.url()}/extensions`);
      const row = page.locator('#extensions tr', { hasText: 'settable' });
      await Promise.all([
        page.waitForURL('**/extensions/settable/settings'),
        row.getByRole('link', { name: 'Settings' }).click(),
      ]);
      // The XSS default is a value, the description text: inert.
      expect(await page.inputValue('input[name="setting:greeting"]')).toBe(XSS);
      expect(await page.evaluate('window.__xss')).toBeUndefined();
      expect(await page.locator('img[src="x"], main script').count()).toBe(0);
      expect(await page.inputValue('input[name="setting:token"]')).toBe('');
      expect(await page.content()).not.toContain('settable-token-never-shown');
      await page.fill('input[name="setting:greeting"]', 'Hello from the browser');
      await page.check('input[name="setting:loud"]');
      await page.selectOption('select[name="setting:mode"]', 'fancy');
      await Promise.all([
        page.waitForSelector('.notice.ok'),
        page.getByRole('button', { name: 'Save and reload' }).click(),
      ]);
      expect(await page.textContent('.notice')).toContain(
        'Settings of settable saved; reloaded settable v1.0.0.',
      );
      const applied = (
        d.t.bot.extensions.get('settable') as { config(): Record<string, unknown> } | undefined
      )?.config();
      expect(applied).toEqual({
        greeting: 'Hello from the browser',
        loud: true,
        mode: 'fancy',
        token: 'settable-token-never-shown',
      });
      expect(await page.inputValue('input[name="setting:greeting"]')).toBe(
        'Hello from the browser',
      );
      expect(await page.isChecked('input[name="setting:loud"]')).toBe(true);
    });

    it('clears an optional field in the form: unset, and still gone after a reload of the page', async () => {
      const config = () =>
        (
          d.t.bot.extensions.get('settable') as { config(): Record<string, unknown> } | undefined
        )?.config();
      const save = () =>
        Promise.all([
          page.waitForSelector('.notice.ok'),
          page.getByRole('button', { name: 'Save and reload' }).click(),
        ]);
      await page.goto(`${d.url()}/extensions/settable/settings`);
      await page.fill('input[name="setting:footer"]', 'A footer for now');
      await save();
      expect(config()?.footer).toBe('A footer for now');
      await page.fill('input[name="setting:footer"]', '');
      await save();
      expect(await page.textContent('.notice')).toContain('Unset: footer.');
      expect(config()).not.toHaveProperty('footer');
      expect(config()?.greeting).toBe('Hello from the browser');
      await page.reload();
      expect(await page.inputValue('input[name="setting:footer"]')).toBe('');
      expect(await page.inputValue('input[name="setting:greeting"]')).toBe(
        'Hello from the browser',
      );
    });

    it('refuses cross-origin and origin-less form posts (CSRF), even with a valid session', async () => {
      const attacker = await context.newPage();
      await attacker.setContent(
        `<form id="f" method="post" action="${d.url()}/hooks/disable"><input name="hook" value="flaky:fails"></form>`,
      );
      const [response] = await Promise.all([
        attacker.waitForNavigation(),
        attacker.evaluate('document.getElementById("f").submit()'),
      ]);
      expect(response?.status()).toBe(403);
      expect(d.t.bot.hooks.hooks().find((h) => h.id === 'flaky:fails')?.enabled).toBe(true);
      await attacker.close();
    });

    it('enforces roles in the browser: a viewer sees no actions and is refused when posting anyway', async () => {
      const viewer = d.t.addMember('viewer-user');
      await d.t.restart({
        extensions: { config: { dashboard: { roles: { viewer: [viewer.id] } } } },
      });
      await page.goto(`${d.url()}/login`);
      await login(viewer.id);
      await page.goto(`${d.url()}/extensions`);
      expect(await page.locator('#extensions button').count()).toBe(0);
      // Runs in the page (a string: this package compiles without the DOM types).
      const status = await page.evaluate(`(async () => {
      const token = document.querySelector('meta[name="csrf-token"]').getAttribute('content');
      const response = await fetch('/extensions/flaky/reload', { method: 'POST', body: new URLSearchParams({ _csrf: token }) });
      return response.status;
    })()`);
      expect(status).toBe(403);
      expect((await page.goto(`${d.url()}/audit`))?.status()).toBe(403);
    });

    it('keeps the browser logged in across a bot restart', async () => {
      await login(d.t.owner.id);
      await d.t.restart();
      const response = await page.goto(`${d.url()}/`);
      expect(response?.status()).toBe(200);
      expect(await page.textContent('h1')).toBe('Overview');
    });
  },
);
