import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DashboardBot, startDashboardBot } from './dashboard-bot.js';

const TOKEN = 'pushTokenOfThisBotMustStaySecret';

describe('Uptime Kuma push from a running bot', () => {
  let d: DashboardBot;
  let kuma: Server;
  const seen: URL[] = [];
  beforeAll(async () => {
    kuma = createServer((req, res) => {
      seen.push(new URL(req.url ?? '/', 'http://kuma'));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    await new Promise<void>((resolve) => kuma.listen(0, '127.0.0.1', resolve));
    const { port } = kuma.address() as AddressInfo;
    d = await startDashboardBot({
      dashboard: {
        uptimeKuma: { pushUrl: `http://127.0.0.1:${port}/api/push/${TOKEN}`, intervalSeconds: 1 },
      },
    });
  });
  afterAll(async () => {
    await d?.close();
    await new Promise((resolve) => kuma?.close(resolve));
  });

  it('pushes status, msg and ping at start and on its interval', async () => {
    await d.t.discord.waitFor(() => seen.length >= 2, {
      timeout: 15_000,
      description: 'two pushes to the local Kuma',
    });
    for (const url of seen) {
      expect(url.pathname).toBe(`/api/push/${TOKEN}`);
      expect(url.searchParams.get('status')).toBe('up');
      expect(url.searchParams.get('msg')).toMatch(/^(pass|warn)/);
      expect(url.searchParams.get('ping')).toMatch(/^\d*$/);
    }
  });

  it('never serves the push URL: not on any probe', async () => {
    for (const path of ['/status.json', '/metrics', '/readyz?verbose', '/livez']) {
      const text = await (await fetch(`${d.url()}${path}`)).text();
      expect(text).not.toContain(TOKEN);
    }
  });
});
