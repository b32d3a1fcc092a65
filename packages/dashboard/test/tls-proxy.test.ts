import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request as httpsRequest } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DashboardClient } from './browser-less-client.js';
import { type DashboardBot, startDashboardBot } from './dashboard-bot.js';

/** A port free right now (the TLS origin must name it before the server starts). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== 'object' || address === null) throw new TypeError('no port');
  return address.port;
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** An https request that trusts only `ca` (the test's self-signed certificate). */
function viaTls(
  url: string,
  ca: Buffer,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      url,
      { method: options.method ?? 'GET', headers: options.headers, ca },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const cookiesOf = (answer: Answer): string[] => {
  const set = answer.headers['set-cookie'];
  return Array.isArray(set) ? set : set ? [set] : [];
};

describe('behind a TLS-terminating proxy (trustProxy), then serving https itself', () => {
  let d: DashboardBot;
  let dir: string;
  let proxyPort: number;
  beforeAll(async () => {
    proxyPort = await freePort();
    dir = await mkdtemp(join(tmpdir(), 'zoryx-dashboard-tls-'));
    // Bound to every interface: allowed only because TLS ends at the proxy (https publicOrigin).
    d = await startDashboardBot({
      dashboard: {
        host: '0.0.0.0',
        port: proxyPort,
        trustProxy: true,
        publicOrigin: 'https://dash.example',
      },
    });
  });
  afterAll(async () => {
    await d?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('honours X-Forwarded-Proto/Host/For: https origin, secure cookies, Origin checks, relative redirects', async () => {
    const api = d.t.bot.extensions.get('dashboard');
    expect(api?.url).toBe('https://dash.example');
    const link = api?.createLoginLink(d.t.owner.id) ?? '';
    expect(link).toMatch(/^https:\/\/dash\.example\/login\/link\?token=/);
    // The proxy's side: plain http to the bound port, with the forwarding headers it adds.
    const direct = `http://127.0.0.1:${proxyPort}`;
    const forwarded = {
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'dash.example',
      'x-forwarded-for': '203.0.113.7',
    };
    const client = new DashboardClient(
      () => direct,
      () => 'https://dash.example',
    );
    const token = new URL(link).searchParams.get('token') ?? '';
    const login = await client.request('POST', '/login/link', {
      form: { token },
      headers: forwarded,
    });
    expect(login.status).toBe(303);
    // Relative: the browser resolves it against https://dash.example, never a http:// or internal address.
    expect(login.headers.get('location')).toBe('/');
    const setCookies = login.headers.getSetCookie();
    expect(setCookies.some((c) => c.startsWith('__Host-zoryx-session='))).toBe(true);
    for (const cookie of setCookies) expect(cookie).toMatch(/; Secure/i);
    expect(login.headers.get('strict-transport-security')).toContain('max-age=');

    // A downgraded or foreign Origin is refused before any route; the public origin passes.
    const plain = await client.post(
      '/hooks/disable',
      { hook: 'none' },
      { origin: 'http://dash.example' },
    );
    expect(plain.status).toBe(403);
    const internal = await client.post('/hooks/disable', { hook: 'none' }, { origin: direct });
    expect(internal.status).toBe(403);
    const ok = await client.request('POST', '/hooks/disable', {
      form: { hook: 'none', _csrf: client.cookies.get('__Host-zoryx-csrf') ?? '' },
      headers: forwarded,
    });
    expect(ok.status).toBe(200);
    const redirect = await new DashboardClient(() => direct).request('GET', '/extensions', {
      headers: forwarded,
    });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toMatch(/^\/login/);

    // The audit log records the client's address from X-Forwarded-For (the proxy is trusted).
    const audit = (await (
      await client.request('GET', '/api/audit/export', { headers: forwarded })
    ).json()) as { rows: { action: string; ip: string }[] };
    expect(audit.rows.find((r) => r.action === 'hooks.disable')?.ip).toBe('203.0.113.7');
  });

  it('serves https with a certificate made by openssl, on every interface, and no plain http', async () => {
    const cert = join(dir, 'cert.pem');
    const key = join(dir, 'key.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost,IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    const ca = await readFile(cert);
    const port = await freePort();
    const origin = `https://localhost:${port}`;
    await d.t.restart({
      extensions: {
        config: {
          dashboard: {
            host: '0.0.0.0',
            port,
            tls: { cert, key },
            trustProxy: false,
            publicOrigin: origin,
            // The probe port follows the same rules: on every interface only with TLS.
            probes: { host: '0.0.0.0', port: 0 },
          },
        },
      },
    });
    const api = d.t.bot.extensions.get('dashboard');
    expect(api?.url).toBe(origin);

    const live = await viaTls(`${origin}/livez`, ca);
    expect([live.status, live.body]).toEqual([200, 'ok']);
    expect(live.headers['strict-transport-security']).toContain('max-age=');
    // The same port speaks no plain http.
    await expect(fetch(`http://127.0.0.1:${port}/livez`)).rejects.toThrow();
    // The probe port serves https with the same certificate, and no plain http either.
    const probePort = new URL(api?.probesUrl ?? '').port;
    expect(api?.probesUrl).toBe(`https://0.0.0.0:${probePort}`);
    const probe = await viaTls(`https://localhost:${probePort}/livez`, ca);
    expect([probe.status, probe.body]).toEqual([200, 'ok']);
    expect(probe.headers['strict-transport-security']).toContain('max-age=');
    await expect(fetch(`http://127.0.0.1:${probePort}/livez`)).rejects.toThrow();

    const token = new URL(api?.createLoginLink(d.t.owner.id) ?? '').searchParams.get('token') ?? '';
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const login = await viaTls(`${origin}/login/link`, ca, {
      method: 'POST',
      headers: { ...form, origin },
      body: new URLSearchParams({ token }).toString(),
    });
    expect(login.status).toBe(303);
    expect(login.headers.location).toBe('/');
    const cookies = cookiesOf(login);
    expect(cookies.length).toBeGreaterThan(0);
    for (const cookie of cookies) expect(cookie).toMatch(/^__Host-.*; Secure/i);
    const jar = cookies.map((c) => c.split(';')[0]).join('; ');
    const csrf = /__Host-zoryx-csrf=([^;]+)/.exec(jar)?.[1] ?? '';
    const page = await viaTls(`${origin}/storage`, ca, { headers: { cookie: jar } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<h1>Storage</h1>');
    const mutate = (from: string) =>
      viaTls(`${origin}/hooks/disable`, ca, {
        method: 'POST',
        headers: { ...form, origin: from, cookie: jar },
        body: new URLSearchParams({ hook: 'none', _csrf: csrf }).toString(),
      });
    expect((await mutate(`http://localhost:${port}`)).status).toBe(403);
    expect((await mutate(origin)).status).toBe(200);
  });
});
