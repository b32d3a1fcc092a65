import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DashboardBot, startDashboardBot } from './dashboard-bot.js';

/** Polls `/readyz?verbose` (its checks are reused for a second) until `match` holds. */
async function readyzUntil(
  d: DashboardBot,
  match: (status: number, text: string) => boolean,
): Promise<{ status: number; text: string }> {
  let last = { status: 0, text: '' };
  for (let i = 0; i < 100; i += 1) {
    const response = await fetch(`${d.url()}/readyz?verbose`);
    last = { status: response.status, text: await response.text() };
    if (match(last.status, last.text)) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return last;
}

describe('/readyz REST check against the emulator', () => {
  let d: DashboardBot;
  beforeAll(async () => {
    d = await startDashboardBot();
  });
  afterAll(() => d?.close());

  it('counts 429s as invalid requests and keeps REST ready while they are few', async () => {
    d.t.discord.rateLimits.storm(3, 20);
    // @discordjs/rest waits out each 429 and retries: the call succeeds in the end.
    await d.t.bot.rest.get('/users/@me');
    expect(d.t.discord.rateLimits.stats.limited).toBeGreaterThanOrEqual(3);
    const seen = await readyzUntil(d, (_s, text) => /3\/10000 invalid requests/.test(text));
    expect(seen.text).toMatch(
      /\[\+\]rest ok: 0 consecutive 5xx\/network failures, 3\/10000 invalid requests in 10 min/,
    );
    expect(seen.status).toBe(200);
  });

  it('fails after consecutive 5xx answers (503) and recovers with the next good answer', async () => {
    // The emulator answers 501 to a route it does not serve: a real 5xx through the real client.
    for (let i = 0; i < 5; i += 1) {
      await expect(d.t.bot.rest.get('/no-such-route-for-readiness')).rejects.toThrow();
    }
    const failing = await readyzUntil(d, (status) => status === 503);
    expect(failing.status).toBe(503);
    expect(failing.text).toMatch(/\[-\]rest failed: 5 consecutive 5xx\/network failures/);
    expect(failing.text).toContain('readyz check failed');
    // /status.json (rebuilt every second) reports the same check.
    let restStatus: string | undefined;
    for (let i = 0; i < 100 && restStatus !== 'fail'; i += 1) {
      const health = (await (await fetch(`${d.url()}/status.json`)).json()) as {
        checks: Record<string, { status: string }[]>;
      };
      restStatus = health.checks['rest:status']?.[0]?.status;
      if (restStatus !== 'fail') await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(restStatus).toBe('fail');

    await d.t.bot.rest.get('/users/@me');
    const recovered = await readyzUntil(d, (status) => status === 200);
    expect(recovered.text).toMatch(/\[\+\]rest ok: 0 consecutive 5xx\/network failures/);
  });

  it('fails after consecutive network failures (a refused connection) and recovers', async () => {
    // Discord unreachable: the REST client's API base pointed at a closed port for five requests.
    const options = d.t.bot.rest.options;
    const api = options.api;
    const closed = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    Object.assign(options, { api: `http://127.0.0.1:${closed}/api` });
    try {
      for (let i = 0; i < 5; i += 1) {
        await expect(d.t.bot.rest.get('/users/@me')).rejects.toThrow();
      }
    } finally {
      Object.assign(options, { api });
    }
    const failing = await readyzUntil(d, (status) => status === 503);
    expect(failing.text).toMatch(/\[-\]rest failed: [5-9] consecutive 5xx\/network failures/);
    expect(failing.text).toMatch(/last network failure \S+ \(ECONNREFUSED\)/);
    await d.t.bot.rest.get('/users/@me');
    const recovered = await readyzUntil(d, (status) => status === 200);
    expect(recovered.text).toMatch(/\[\+\]rest ok: 0 consecutive 5xx\/network failures/);
  });
});
