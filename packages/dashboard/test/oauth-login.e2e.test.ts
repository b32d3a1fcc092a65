import { createServer } from 'node:net';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DashboardClient } from './browser-less-client.js';
import { chromiumMissing, launchChromium } from './chromium.js';
import { type DashboardBot, startDashboardBot } from './dashboard-bot.js';

/** A port free right now, so the OAuth2 redirect URI can name it before the dashboard listens. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

const missing = chromiumMissing();

describe.skipIf(missing !== undefined)(
  `Discord OAuth2 login against the emulator${missing ? ` (skipped: ${missing})` : ''}`,
  () => {
    let d: DashboardBot;
    let context: BrowserContext;
    let closeBrowser: () => Promise<void>;
    let page: Page;
    let clientSecret = '';

    beforeAll(async () => {
      const port = await freePort();
      d = await startDashboardBot({ dashboard: { port } });
      const credentials = d.t.discord.authorizeOAuth(d.t.owner);
      clientSecret = credentials.clientSecret;
      await d.t.restart({
        extensions: {
          config: {
            dashboard: {
              oauth: {
                ...credentials,
                redirectUri: `http://127.0.0.1:${port}/login/oauth/callback`,
              },
            },
          },
        },
      });
      ({ context, close: closeBrowser } = await launchChromium());
      page = await context.newPage();
    });
    afterAll(async () => {
      await closeBrowser?.();
      await d?.close();
    });

    it('logs in through Discord (code flow, PKCE S256, state) and lands on the overview', async () => {
      await page.goto(`${d.url()}/login`);
      await Promise.all([page.waitForURL(`${d.url()}/`), page.click('#oauth-login')]);
      expect(await page.textContent('h1')).toBe('Overview');
      expect(await page.textContent('.who')).toContain('(owner)');
      const authorize = d.t.discord.requests().find((r) => r.route === '/oauth2/authorize');
      expect(authorize?.path).toBe('/oauth2/authorize');
      const exchange = d.t.discord.requests().find((r) => r.route === '/oauth2/token');
      expect(exchange?.body).toMatchObject({
        grant_type: 'authorization_code',
        code_verifier: expect.any(String),
      });
      // Neither the client secret nor the user's access token reaches the browser, on any page.
      const accessToken = String(Reflect.get(Object(exchange?.response), 'access_token') ?? '');
      expect(accessToken).not.toBe('');
      for (const path of ['/', '/sessions', '/audit', '/api/audit/export']) {
        // The browser's own request context (its cookies), which also takes the JSON download.
        const response = await page.request.get(`${d.url()}${path}`);
        expect(response.status(), path).toBe(200);
        const text = await response.text();
        expect(text.includes(clientSecret) || text.includes(accessToken), path).toBe(false);
      }
    });

    it('logs a guild manager in to their guilds only', async () => {
      d.t.discord.authorizeOAuth(d.t.guildOwner);
      // The same browser, logged out: the owner's cookies go, the emulator now signs in the guild owner.
      await context.clearCookies();
      const other = await context.newPage();
      await other.goto(`${d.url()}/login`);
      await Promise.all([other.waitForURL(`${d.url()}/guilds`), other.click('#oauth-login')]);
      expect(await other.textContent('#guilds')).toContain(d.t.guild.name);
      expect((await other.goto(`${d.url()}/`))?.status()).toBe(403);
    });

    it('refuses a forged state, a replayed callback and a callback from another browser', async () => {
      const browser = new DashboardClient(d.url);
      const forged = await browser.get('/login/oauth/callback?code=x&state=forged');
      expect(forged.status).toBe(400);
      // Start in one client, finish in another (no binding cookie): refused.
      const starter = new DashboardClient(d.url);
      const start = await starter.get('/login/oauth');
      const authorizeUrl = start.headers.get('location') ?? '';
      const back = await fetch(authorizeUrl, { redirect: 'manual' });
      const callback = new URL(back.headers.get('location') ?? '');
      const thief = new DashboardClient(d.url);
      expect((await thief.get(`${callback.pathname}${callback.search}`)).status).toBe(400);
      // The rightful browser cannot use it afterwards either: the state was single use.
      expect((await starter.get(`${callback.pathname}${callback.search}`)).status).toBe(400);
      expect(new URL(authorizeUrl).searchParams.get('code_challenge_method')).toBe('S256');
    });
  },
);
