import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { CheckResult } from '../probes/health.js';
import { ProbeCache } from '../probes/probe-cache.js';
import { type FastProbeSource, probeFastPath } from './probe-fast-path.js';
import { SECURITY_HEADERS } from './security-headers.js';

const passing: CheckResult[] = [
  { name: 'gateway', status: 'pass', critical: true, detail: 'ready' },
  { name: 'database', status: 'pass', critical: true, detail: 'ok' },
];

/** A real http server: the fast path first, then a fallback that records what reached it. */
async function serve(source: FastProbeSource) {
  const fellThrough: string[] = [];
  const fast = probeFastPath(source);
  const server: Server = createServer((request, response) => {
    if (fast(request, response)) return;
    fellThrough.push(`${request.method} ${request.url}`);
    response.writeHead(599).end('fallback');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, fellThrough, close: () => new Promise((r) => server.close(r)) };
}

function source(overrides: Partial<FastProbeSource> = {}): FastProbeSource {
  const status = new ProbeCache(async () => ({ code: 200, text: '{"status":"pass"}' }), {
    maxAgeMs: 60_000,
  });
  const metrics = new ProbeCache(async () => ({ code: 200, text: 'zoryx_guilds 1\n' }), {
    maxAgeMs: 60_000,
  });
  return {
    status,
    metrics,
    metricsContentType: 'text/plain; version=0.0.4; charset=utf-8',
    checks: () => passing,
    draining: () => false,
    https: false,
    ...overrides,
  };
}

describe('the dashboard port probe fast path', () => {
  let close: () => Promise<unknown> = async () => undefined;
  afterEach(() => close());

  it('leaves a probe whose answer is not ready to the routes, then answers it itself', async () => {
    const s = source({ checks: () => undefined });
    const server = await serve(s);
    close = server.close;
    for (const path of ['/status.json', '/metrics', '/readyz?verbose']) {
      expect((await fetch(`${server.base}${path}`)).status).toBe(599);
    }
    expect(server.fellThrough).toEqual(['GET /status.json', 'GET /metrics', 'GET /readyz?verbose']);
    await Promise.all([s.status.refresh(), s.metrics.refresh()]);
    const status = await fetch(`${server.base}/status.json`);
    expect([status.status, await status.text()]).toEqual([200, '{"status":"pass"}']);
    expect(status.headers.get('content-type')).toBe('application/health+json');
    expect(status.headers.get('server-timing')).toMatch(/^app;dur=[\d.]+, build;dur=[\d.]+$/);
    const etag = status.headers.get('etag') ?? '';
    const again = await fetch(`${server.base}/status.json`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    const metrics = await fetch(`${server.base}/metrics`);
    expect(await metrics.text()).toBe('zoryx_guilds 1\n');
    expect(server.fellThrough).toHaveLength(3);
  });

  it('answers /livez and /readyz (verbose, exclude, draining) with the security headers', async () => {
    let draining = false;
    const server = await serve(source({ draining: () => draining }));
    close = server.close;
    const live = await fetch(`${server.base}/livez`);
    expect([live.status, await live.text()]).toEqual([200, 'ok']);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      expect(live.headers.get(name)).toBe(value);
    }
    expect(live.headers.get('strict-transport-security')).toBeNull();
    expect(live.headers.get('cache-control')).toBe('no-store');
    const ready = await (await fetch(`${server.base}/readyz?verbose&exclude=gateway`)).text();
    expect(ready).toContain('[+]gateway excluded: ok');
    expect(ready).toContain('[+]database ok: ok');
    draining = true;
    const drained = await fetch(`${server.base}/readyz?verbose`);
    expect(drained.status).toBe(503);
    expect(await drained.text()).toContain('[-]shutdown failed: draining');
    expect(server.fellThrough).toEqual([]);
  });

  it('sends HSTS over https, nothing for HEAD, and leaves other methods and paths alone', async () => {
    const s = source({ https: true });
    await s.status.refresh();
    const server = await serve(s);
    close = server.close;
    const head = await fetch(`${server.base}/status.json`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('17');
    expect(await head.text()).toBe('');
    expect(head.headers.get('strict-transport-security')).toContain('max-age=31536000');
    for (const [method, path] of [
      ['POST', '/status.json'],
      ['GET', '/status.json/'],
      ['GET', '/status'],
      ['GET', '/api/status'],
    ] as const) {
      expect((await fetch(`${server.base}${path}`, { method })).status).toBe(599);
    }
    expect(server.fellThrough).toEqual([
      'POST /status.json',
      'GET /status.json/',
      'GET /status',
      'GET /api/status',
    ]);
  });
});
