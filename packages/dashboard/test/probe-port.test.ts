// The dedicated probe port (`probes: { port }`): the same probe answers as the dashboard's port,
// from a thread of its own; a stuck bot loop is reported (503) instead of the probe timing out.
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DashboardBot, startDashboardBot } from './dashboard-bot.js';

/** Polls `check` (every 50 ms) until it holds; the timeout is generous, never the assertion. */
async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 400; i += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`never happened: ${what}`);
}

describe('probe port', () => {
  let d: DashboardBot;
  let probes = '';
  beforeAll(async () => {
    d = await startDashboardBot({ dashboard: { probes: { port: 0, blockedMs: 3_000 } } });
    probes = d.t.bot.extensions.get('dashboard')?.probesUrl ?? '';
  });
  afterAll(() => d?.close());

  it('listens on its own loopback port, named in the API', () => {
    expect(probes).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(probes).not.toBe(d.url());
  });

  it('answers /livez, /readyz (verbose, exclude) like the dashboard port, with its headers', async () => {
    // On a loaded machine the bot's own boot may hold its loop past a limit: wait for a turn.
    await eventually(async () => (await fetch(`${probes}/livez`)).status === 200, 'livez ok');
    const live = await fetch(`${probes}/livez`);
    expect([live.status, await live.text()]).toEqual([200, 'ok']);
    expect(live.headers.get('x-content-type-options')).toBe('nosniff');
    expect(live.headers.get('content-security-policy')).toContain("default-src 'none'");
    // Both ports read the same checks; their details (heartbeat, loop p99) move, names do not.
    const names = (text: string) => text.split('\n').map((line) => line.split(':')[0]);
    let ready = '';
    await eventually(async () => {
      const [a, b] = await Promise.all(
        [probes, d.url()].map(async (base) => (await fetch(`${base}/readyz?verbose`)).text()),
      );
      ready = a ?? '';
      return JSON.stringify(names(ready)) === JSON.stringify(names(b ?? ''));
    }, 'the same readiness lines on both ports');
    expect(ready).toContain('[+]gateway ok');
    expect(ready).toContain('[+]database ok');
    expect(ready).toContain('readyz check passed');
    const excluded = await (await fetch(`${probes}/readyz?verbose&exclude=gateway`)).text();
    expect(excluded).toContain('[+]gateway excluded: ok');
    expect(excluded).not.toContain('[+]gateway ok');
    expect(await (await fetch(`${probes}/readyz`)).text()).toBe('ok');
  });

  it('serves /status.json and /metrics with ETag and 304, and follows the bot (a new guild)', async () => {
    const status = await fetch(`${probes}/status.json`);
    expect(status.headers.get('content-type')).toBe('application/health+json');
    expect(status.headers.get('server-timing')).toMatch(/^app;dur=[\d.]+, build;dur=[\d.]+$/);
    const body = (await status.json()) as { status: string; guilds: number };
    expect(body.status).toMatch(/pass|warn/);
    const etag = status.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    const metrics = await fetch(`${probes}/metrics`);
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    expect(await metrics.text()).toContain('zoryx_command_duration_seconds');
    // A rebuild may land between two requests: one of a few pairs answers 304.
    let notModified = false;
    for (let i = 0; i < 5 && !notModified; i += 1) {
      const first = await fetch(`${probes}/status.json`);
      await first.arrayBuffer();
      const tag = first.headers.get('etag') ?? '';
      const second = await fetch(`${probes}/status.json`, { headers: { 'if-none-match': tag } });
      await second.arrayBuffer();
      notModified = second.status === 304;
    }
    expect(notModified).toBe(true);
    d.t.discord.createGuild({ name: 'joined later' });
    await eventually(async () => {
      const doc = (await (await fetch(`${probes}/status.json`)).json()) as { guilds: number };
      const exposition = await (await fetch(`${probes}/metrics`)).text();
      return doc.guilds === 2 && exposition.includes('zoryx_guilds 2');
    }, 'the new guild in /status.json and /metrics on the probe port');
  });

  it('serves nothing else: 404 for other paths, 405 for other methods', async () => {
    const other = await fetch(`${probes}/api/status`);
    expect(other.status).toBe(404);
    await other.arrayBuffer();
    const post = await fetch(`${probes}/readyz`, { method: 'POST' });
    expect([post.status, post.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
    await post.arrayBuffer();
    const head = await fetch(`${probes}/livez`, { method: 'HEAD' });
    expect(head.status).toBe(200);
  });

  it('reports a blocked bot loop (503) instead of timing out, and recovers', async () => {
    // A client on another thread asks while this thread (the bot's loop) is blocked; the block
    // ends when that client has seen /livez fail, not after a fixed time.
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const client = new Worker(
      `const { workerData, parentPort } = require('node:worker_threads');
      (async () => {
        const seen = {};
        for (let i = 0; i < 600 && !seen.livez; i += 1) {
          const live = await fetch(workerData.probes + '/livez');
          const text = await live.text();
          if (live.status === 503) {
            const ready = await fetch(workerData.probes + '/readyz?verbose');
            const status = await fetch(workerData.probes + '/status.json');
            seen.livez = { code: live.status, text };
            seen.readyz = { code: ready.status, text: await ready.text() };
            seen.status = { code: status.status, body: await status.json() };
          } else await new Promise((r) => setTimeout(r, 50));
        }
        Atomics.store(workerData.flag, 0, 1);
        Atomics.notify(workerData.flag, 0);
        parentPort.postMessage(seen);
      })();`,
      { eval: true, workerData: { probes, flag } },
    );
    const seen = new Promise<{
      livez?: { code: number; text: string };
      readyz?: { code: number; text: string };
      status?: { code: number; body: { status: string; checks: Record<string, unknown> } };
    }>((resolve) => client.once('message', resolve));
    Atomics.wait(flag, 0, 0, 60_000);
    const result = await seen;
    await client.terminate();
    expect(result.livez?.code).toBe(503);
    expect(result.livez?.text).toMatch(/^event loop blocked: no turn for \d+ ms$/);
    expect(result.readyz?.code).toBe(503);
    expect(result.readyz?.text).toMatch(/\[-\]event-loop failed: no turn for \d+ ms \(blocked\)/);
    expect(result.status?.code).toBe(503);
    expect(result.status?.body.status).toBe('fail');
    expect(result.status?.body.checks).toHaveProperty('event-loop:status');
    await eventually(
      async () => (await fetch(`${probes}/livez`)).status === 200,
      '/livez ok again once the loop turns',
    );
  });

  it('counts open breakers from the bus alerts on both ports, and sees them close', async () => {
    d.t.bot.hooks.on(
      'guild_joined',
      () => {
        throw new Error('always fails');
      },
      { id: 'probe-test:fails' },
    );
    for (let i = 0; i < 5; i += 1) {
      await d.t.bot.hooks.emitAndWait('guild_joined', { guildId: '1', name: 'x', memberCount: 1 });
    }
    expect(d.t.bot.hooks.hooks().find((h) => h.id === 'probe-test:fails')?.breaker).toBe('open');
    const hooksLine = async (base: string) =>
      (await (await fetch(`${base}/readyz?verbose`)).text())
        .split('\n')
        .find((line) => line.includes('hooks'));
    for (const base of [probes, d.url()]) {
      await eventually(
        async () => (await hooksLine(base)) === '[+]hooks ok: 1 breaker(s) open',
        `one open breaker on ${base}`,
      );
    }
    d.t.bot.hooks.resetBreaker('probe-test:fails');
    for (const base of [probes, d.url()]) {
      await eventually(
        async () => (await hooksLine(base)) === '[+]hooks ok: all breakers closed',
        `breakers closed again on ${base}`,
      );
    }
  });
});
