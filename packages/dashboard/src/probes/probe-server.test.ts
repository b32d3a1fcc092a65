import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult } from './health.js';
import { ProbeCache } from './probe-cache.js';
import { ProbeServer } from './probe-server.js';

/** The thread's bundle as a bot loads it: the package's build (the e2e suites use it too). */
const WORKER = new URL('../../dist/probe-worker.js', import.meta.url);

const checks: CheckResult[] = [
  { name: 'gateway', status: 'pass', critical: true, detail: 'ready' },
];

/** Polls `check` (every 50 ms) until it holds; the timeout is generous, never the assertion. */
async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 400; i += 1) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`never happened: ${what}`);
}

/** How many threads of this process run at nice `value` (Linux /proc; field 19 of stat). */
function threadsAtNice(value: number): number {
  return readdirSync('/proc/self/task').filter((tid) => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]) === value;
  }).length;
}

describe('the probe port thread', () => {
  beforeAll(() => {
    if (!existsSync(fileURLToPath(WORKER))) throw new Error('build the package first (npx tsup)');
  });
  let server: ProbeServer | undefined;
  afterEach(() => server?.close());

  it('is started again on the same port after it dies, and serves the current answers', async () => {
    let builds = 0;
    const status = new ProbeCache(
      async () => {
        builds += 1;
        return { code: 200, text: JSON.stringify({ status: 'pass', build: builds }) };
      },
      { maxAgeMs: 60_000 },
    );
    const metrics = new ProbeCache(async () => ({ code: 200, text: 'zoryx_guilds 1\n' }), {
      maxAgeMs: 1_000,
    });
    const crashes: Error[] = [];
    server = await ProbeServer.start({
      config: { host: '127.0.0.1', port: 0, blockedMs: 10_000 },
      tls: undefined,
      documents: { status, metrics, close: () => undefined },
      metricsContentType: 'text/plain',
      readiness: async () => ({ checks, draining: false }),
      onCrash: (error) => crashes.push(error),
      workerUrl: WORKER,
    });
    const base = `http://127.0.0.1:${server.port}`;
    await eventually(async () => (await fetch(`${base}/readyz`)).status === 200, 'first ready');
    const before = (await (await fetch(`${base}/status.json`)).json()) as { build: number };

    const first = server.thread;
    await first.terminate();
    await eventually(async () => server?.thread !== first, 'a new thread');
    expect(server.restarts).toBe(1);
    expect(crashes).toHaveLength(1);
    expect(crashes[0]).toMatchObject({ code: 'ZRX_DASHBOARD_PROBE_THREAD_EXITED' });
    expect(crashes[0]?.message).toContain('exited with code 1');
    // Same port, and it was handed the documents again (not "starting").
    await eventually(async () => (await fetch(`${base}/readyz`)).status === 200, 'ready again');
    const after = await fetch(`${base}/status.json`);
    expect(after.status).toBe(200);
    expect(((await after.json()) as { build: number }).build).toBeGreaterThan(before.build);
    expect(await (await fetch(`${base}/metrics`)).text()).toBe('zoryx_guilds 1\n');
  });

  it.runIf(process.platform === 'linux')(
    'runs its OS thread at probes.priority, a restarted one too',
    async () => {
      const doc = new ProbeCache(async () => ({ code: 200, text: '{}' }), { maxAgeMs: 60_000 });
      const refused: string[] = [];
      // Below this process's priority: lowering needs no privilege (raising needs CAP_SYS_NICE).
      const nice = Math.min(19, getPriority() + 2);
      server = await ProbeServer.start({
        config: { host: '127.0.0.1', port: 0, blockedMs: 10_000, priority: nice },
        tls: undefined,
        documents: { status: doc, metrics: doc, close: () => undefined },
        metricsContentType: 'text/plain',
        readiness: async () => ({ checks, draining: false }),
        onCrash: () => undefined,
        onPriorityRefused: (message) => refused.push(message),
        workerUrl: WORKER,
      });
      expect(refused).toEqual([]);
      expect(threadsAtNice(nice)).toBe(1);
      const first = server.thread;
      await first.terminate();
      await eventually(async () => server?.thread !== first, 'a new thread');
      await eventually(async () => threadsAtNice(nice) === 1, 'the new thread at that nice');
    },
  );

  it('is not started again once closed', async () => {
    const doc = new ProbeCache(async () => ({ code: 200, text: '{}' }), { maxAgeMs: 60_000 });
    const crashes: Error[] = [];
    server = await ProbeServer.start({
      config: { host: '127.0.0.1', port: 0, blockedMs: 10_000 },
      tls: undefined,
      documents: { status: doc, metrics: doc, close: () => undefined },
      metricsContentType: 'text/plain',
      readiness: async () => ({ checks, draining: false }),
      onCrash: (error) => crashes.push(error),
      workerUrl: WORKER,
    });
    const thread = server.thread;
    await server.close();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(server.thread).toBe(thread);
    expect([server.restarts, crashes.length]).toEqual([0, 0]);
    await expect(fetch(`http://127.0.0.1:${server.port}/livez`)).rejects.toThrow();
  });
});
