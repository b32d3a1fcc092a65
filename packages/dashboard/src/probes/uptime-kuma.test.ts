import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { redactPushUrl, UptimeKumaPusher, uptimeKumaConfigSchema } from './uptime-kuma.js';

const TOKEN = 'kumaPushTokenThatIsSecret9';

describe('Uptime Kuma push', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
    server = undefined;
  });

  async function kuma(answer: number): Promise<{ base: string; seen: URL[] }> {
    const seen: URL[] = [];
    server = createServer((req, res) => {
      seen.push(new URL(req.url ?? '/', 'http://kuma'));
      res.writeHead(answer, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return { base: `http://127.0.0.1:${port}`, seen };
  }

  it('validates its config with zod (URL, interval bounds, default 60 s)', () => {
    expect(uptimeKumaConfigSchema.parse({ pushUrl: 'https://k.example/api/push/x' })).toEqual({
      pushUrl: 'https://k.example/api/push/x',
      intervalSeconds: 60,
    });
    expect(uptimeKumaConfigSchema.safeParse({ pushUrl: 'not a url' }).success).toBe(false);
    expect(uptimeKumaConfigSchema.safeParse({ pushUrl: 'ftp://k.example/x' }).success).toBe(false);
    expect(
      uptimeKumaConfigSchema.safeParse({ pushUrl: 'https://k.example/x', intervalSeconds: 0 })
        .success,
    ).toBe(false);
  });

  it('pushes status, msg and ping to a real HTTP server', async () => {
    const { base, seen } = await kuma(200);
    const warnings: unknown[] = [];
    const pusher = new UptimeKumaPusher(
      uptimeKumaConfigSchema.parse({ pushUrl: `${base}/api/push/${TOKEN}?status=up&msg=OK&ping=` }),
      { warn: (fields, message) => warnings.push([fields, message]) },
    );
    expect(await pusher.push({ status: 'up', msg: 'pass', ping: 42.4 })).toBe(true);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.pathname).toBe(`/api/push/${TOKEN}`);
    expect(Object.fromEntries(seen[0]?.searchParams ?? [])).toEqual({
      status: 'up',
      msg: 'pass',
      ping: '42',
    });
    expect(warnings).toEqual([]);
  });

  it('logs failures without the token (refused answer, unreachable server)', async () => {
    const { base } = await kuma(404);
    const logged: string[] = [];
    const logger = {
      warn: (fields: Record<string, unknown>, message: string) =>
        logged.push(`${message} ${JSON.stringify(fields)}`),
    };
    const pusher = new UptimeKumaPusher(
      uptimeKumaConfigSchema.parse({ pushUrl: `${base}/api/push/${TOKEN}` }),
      logger,
    );
    expect(await pusher.push({ status: 'down', msg: 'fail' })).toBe(false);
    const unreachable = new UptimeKumaPusher(
      uptimeKumaConfigSchema.parse({ pushUrl: `http://127.0.0.1:1/api/push/${TOKEN}` }),
      logger,
    );
    expect(await unreachable.push({ status: 'up', msg: 'pass' })).toBe(false);
    expect(unreachable.failures).toBe(1);
    expect(logged).toHaveLength(2);
    expect(logged[0]).toContain('"status":404');
    expect(logged[0]).toContain('/api/push/***');
    for (const line of logged) expect(line).not.toContain(TOKEN);
    expect(redactPushUrl(`https://k.example/api/push/${TOKEN}?x=1`)).toBe(
      'https://k.example/api/push/***',
    );
  });
});
