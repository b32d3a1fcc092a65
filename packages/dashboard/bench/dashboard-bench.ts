// Benchmark: /status.json and /metrics latency in-process, with 50 extensions and 1,000 guilds,
// while the bot serves a steady command load; and the command p99 with the dashboard idle and
// open (an SSE page plus back-to-back /status.json and /metrics requests), alternating phases in
// the same run so both conditions share the machine's state.
// Run: pnpm --filter @zoryx/dashboard bench  (env: BENCH_RATE=500 BENCH_PHASE_MS=5000 BENCH_ROUNDS=2)
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { UserHandle } from '@zoryx/emulator';
import { DashboardClient } from '../test/browser-less-client.js';
import { startDashboardBot } from '../test/dashboard-bot.js';

const EXTENSIONS = 50;
const GUILDS = 1_000;
const RATE = Number(process.env.BENCH_RATE ?? 500);
const PHASE_MS = Number(process.env.BENCH_PHASE_MS ?? 5_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const USERS = 100;
const POLL_PAUSE_MS = Number(process.env.BENCH_POLL_PAUSE_MS ?? 100);

function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return (
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN
  );
}

const extension = (i: number) => `
import { defineCommand, defineExtension } from '@zoryx/framework';
const cmd = defineCommand({ name: 'bench${i}', description: 'bench ${i}', run: (interaction) => interaction.reply('ok') });
export default defineExtension({
  name: 'bench-${i}', version: '1.0.${i}', commands: [cmd],
  setup(ctx) { ctx.hooks.on('command_executed', () => undefined, { id: 'bench-${i}:seen' }); },
});
`;

async function main(): Promise<void> {
  const files = Object.fromEntries(
    Array.from({ length: EXTENSIONS }, (_, i) => [`extensions/bench-${i}/index.ts`, extension(i)]),
  );
  const started = performance.now();
  const d = await startDashboardBot({
    files,
    config: {
      intake: { commandsPerUser: false },
      cooldowns: { default: { limit: 100_000, windowSeconds: 1 } },
    },
  });
  const { t } = d;
  for (let i = 1; i < GUILDS; i += 1) t.discord.createGuild({ name: `guild-${i}` });
  await t.discord.waitFor(() => t.bot.guilds.cache.size >= GUILDS, {
    timeout: 120_000,
    description: `${GUILDS} guilds`,
  });
  const users: UserHandle[] = Array.from({ length: USERS }, (_, i) => t.addMember(`load-${i}`));
  const loaded = t.bot.extensions.status().filter((s) => s.state === 'loaded').length;
  console.log(
    `setup: ${loaded} extensions loaded, ${t.bot.guilds.cache.size} guilds, ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  const owner = new DashboardClient(d.url);
  await owner.loginWithLink(t.bot.extensions.get('dashboard')?.createLoginLink(t.owner.id) ?? '');
  const latencies = { idle: [] as number[], open: [] as number[] };
  const endpoint = { status: [] as number[], metrics: [] as number[] };
  // Server-Timing `app;dur=`: building the answer, without the wait for a busy event loop.
  const compute = { status: [] as number[], metrics: [] as number[] };
  let sent = { idle: 0, open: 0 };
  let failed = 0;
  // Time spent sending load per condition (excluding the wait for the last answers).
  const loadMs = { idle: 0, open: 0 };

  // Ten requests a second per endpoint (far more than a browser page or a scraper), each from a
  // worker thread (see poller-worker.mjs), polling during the open phases only.
  const pollers = await Promise.all(
    (
      [
        ['/status.json', endpoint.status, compute.status],
        ['/metrics', endpoint.metrics, compute.metrics],
      ] as const
    ).map(
      ([path, into, own]) =>
        new Promise<Worker>((resolve) => {
          const worker = new Worker(new URL('./poller-worker.mjs', import.meta.url), {
            workerData: { url: `${d.url()}${path}`, pauseMs: POLL_PAUSE_MS },
          });
          worker.on('message', (sample: 'ready' | { wallMs: number; appMs: number | null }) => {
            if (sample === 'ready') return resolve(worker);
            into.push(sample.wallMs);
            if (sample.appMs !== null) own.push(sample.appMs);
          });
        }),
    ),
  );

  async function runPhase(kind: 'idle' | 'open'): Promise<void> {
    const inFlight: Promise<void>[] = [];
    let dashboardOpen = kind === 'open';
    const stream = new AbortController();
    const viewers: Promise<void>[] = [];
    if (dashboardOpen) {
      const live = await fetch(`${d.url()}/api/live`, {
        headers: { cookie: `__Host-zoryx-session=${owner.cookies.get('__Host-zoryx-session')}` },
        signal: stream.signal,
      });
      // Keep reading so the server never blocks on a full socket.
      viewers.push(
        (async () => {
          const reader = live.body?.getReader();
          while (reader && !(await reader.read().catch(() => ({ done: true }))).done);
        })(),
      );
      for (const worker of pollers) worker.postMessage('start');
    }
    const interval = 10;
    const phaseStart = performance.now();
    let fired = 0;
    let index = 0;
    // Open loop: what is due by the clock is sent, however late the loop woke up.
    while (performance.now() - phaseStart < PHASE_MS) {
      const due = Math.floor(((performance.now() - phaseStart) * RATE) / 1000);
      while (fired < due) {
        fired += 1;
        const user = users[index % USERS];
        const command = `bench${index % EXTENSIONS}`;
        index += 1;
        sent[kind] += 1;
        if (!user) continue;
        const t0 = performance.now();
        inFlight.push(
          user
            .slash(t.guild, command)
            .reply({ timeout: 30_000 })
            .then(
              () => {
                latencies[kind].push(performance.now() - t0);
              },
              () => {
                failed += 1;
              },
            ),
        );
      }
      await new Promise((resolve) => setTimeout(resolve, interval));
    }
    loadMs[kind] += performance.now() - phaseStart;
    await Promise.all(inFlight);
    dashboardOpen = false;
    for (const worker of pollers) worker.postMessage('stop');
    stream.abort();
    await Promise.allSettled(viewers);
  }

  // Without command load: wall p95 and process CPU per request over 200 sequential requests. On a
  // shared, overloaded machine wall times are inflated by waiting for a core; CPU time is not.
  const quiet: Record<string, { p95Ms: string; cpuMsPerRequest: string }> = {};
  for (const path of ['/status.json', '/metrics']) {
    const times: number[] = [];
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < 200; i += 1) {
      const t0 = performance.now();
      await (await fetch(`${d.url()}${path}`)).arrayBuffer();
      times.push(performance.now() - t0);
    }
    const cpu = process.cpuUsage(cpu0);
    quiet[path] = {
      p95Ms: percentile(times, 95).toFixed(2),
      cpuMsPerRequest: ((cpu.user + cpu.system) / 1000 / 200).toFixed(2),
    };
  }

  await runPhase('idle'); // warm-up, discarded
  latencies.idle.length = 0;
  sent = { idle: 0, open: 0 };
  loadMs.idle = 0;
  failed = 0;
  const runStart = performance.now();
  for (let round = 0; round < ROUNDS; round += 1) {
    await runPhase('idle');
    await runPhase('open');
  }
  const wallS = (performance.now() - runStart) / 1000;
  const fmt = (n: number) => n.toFixed(2);
  const result = {
    date: new Date().toISOString(),
    node: process.version,
    extensions: loaded,
    guilds: t.bot.guilds.cache.size,
    targetRate: RATE,
    sentPerSecond: Number(
      ((sent.idle + sent.open) / ((loadMs.idle + loadMs.open) / 1000)).toFixed(0),
    ),
    answeredInTime: latencies.idle.length + latencies.open.length,
    wallSeconds: Number(wallS.toFixed(1)),
    loadAverage: loadavg()
      .map((n) => n.toFixed(1))
      .join(' '),
    cores: cpus().length,
    commands: { idle: latencies.idle.length, open: latencies.open.length, failed },
    commandP99Ms: {
      dashboardIdle: fmt(percentile(latencies.idle, 99)),
      dashboardOpen: fmt(percentile(latencies.open, 99)),
    },
    commandP50Ms: {
      dashboardIdle: fmt(percentile(latencies.idle, 50)),
      dashboardOpen: fmt(percentile(latencies.open, 50)),
    },
    withoutLoad: quiet,
    statusJson: {
      requests: endpoint.status.length,
      p50Ms: fmt(percentile(endpoint.status, 50)),
      p95Ms: fmt(percentile(endpoint.status, 95)),
      computeP95Ms: fmt(percentile(compute.status, 95)),
    },
    metrics: {
      requests: endpoint.metrics.length,
      p50Ms: fmt(percentile(endpoint.metrics, 50)),
      p95Ms: fmt(percentile(endpoint.metrics, 95)),
      computeP95Ms: fmt(percentile(compute.metrics, 95)),
    },
  };
  console.log(JSON.stringify(result, null, 2));
  await Promise.all(pollers.map((w) => w.terminate()));
  await d.close();
}

await main();
