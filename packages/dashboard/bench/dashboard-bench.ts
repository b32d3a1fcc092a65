// Benchmark: /status.json and /metrics latency with 50 extensions and 1,000 guilds, while the bot
// serves a steady command load; and the command p99 with the dashboard idle and open (an SSE page
// plus back-to-back /status.json and /metrics requests), alternating phases in the same run so
// both conditions share the machine's state.
//
// Two modes (BENCH_MODE=child-process | in-process | both; default both, child-process first):
// - child-process (the deployed shape): the bot runs in its own process (bench/bot-child.mjs,
//   started from a bot folder like a deployed bot); this process holds what is remote in
//   production: the emulator (Discord), the command load and the measuring (the pollers on
//   worker threads, see poller-worker.mjs).
// - in-process (the earlier method, kept for comparison): emulator, load and bot share this
//   process and its event loop, so a dashboard request also waits behind Discord's side.
// Run: pnpm --filter @zoryx/dashboard bench  (env: BENCH_RATE=500 BENCH_PHASE_MS=5000 BENCH_ROUNDS=2)
import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { Worker } from 'node:worker_threads';
import { type GuildHandle, startEmulator, type UserHandle } from '@zoryx/emulator';
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

type Mode = 'child-process' | 'in-process';
type Kind = 'idle' | 'open';
interface LoopDelay {
  p99Ms: number;
  maxMs: number;
}

/** A running bot with the dashboard, the emulated world around it, and how to measure it. */
interface Target {
  readonly guild: GuildHandle;
  readonly users: readonly UserHandle[];
  readonly url: string;
  readonly loginLink: string;
  readonly extensionsLoaded: number;
  readonly guilds: number;
  /** CPU time (ms) the bot's process used so far; `null` when the bot shares this process. */
  botCpuMs(): number | null;
  /** Records the bot's event-loop delay into `kind` while `on` (child process only). */
  botLoop(kind: Kind, on: boolean): void;
  /** The bot's event-loop delay per condition; `null` when the bot shares this process. */
  botLoopDelay(): Promise<Record<Kind, LoopDelay> | null>;
  close(): Promise<void>;
}

/** This package's folder (its `dist` is what a bot loads). */
const PACKAGE_DIR = resolve(import.meta.dirname, '..');

/** CPU time (ms) a process used so far, all its threads (Linux /proc; 100 ticks per second). */
function procCpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

/** CPU time (ms) this process used so far (emulator, load, clients; and the bot in-process). */
function ownCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** The earlier shape: createTestBot (emulator and bot in this process), guilds added after boot. */
async function startInProcess(files: Record<string, string>): Promise<Target> {
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
  const users = Array.from({ length: USERS }, (_, i) => t.addMember(`load-${i}`));
  return {
    guild: t.guild,
    users,
    url: d.url(),
    loginLink: t.bot.extensions.get('dashboard')?.createLoginLink(t.owner.id) ?? '',
    extensionsLoaded: t.bot.extensions.status().filter((s) => s.state === 'loaded').length,
    guilds: t.bot.guilds.cache.size,
    botCpuMs: () => null,
    botLoop: () => undefined,
    botLoopDelay: async () => null,
    close: () => d.close(),
  };
}

/** What the bot child prints once ready (bench/bot-child.mjs). */
interface ChildReady {
  ready: true;
  url: string;
  loginLink: string;
  guilds: number;
  extensionsLoaded: number;
  failed: string[];
}

/**
 * The deployed shape: the emulator (1,000 guilds and the load users exist before the bot logs
 * in, so they arrive in its GUILD_CREATEs) here, the bot in a child process started from a bot
 * folder: config.json listing `@zoryx/dashboard`, the bench extensions, and
 * node_modules/@zoryx/dashboard linked to this package (as test/dashboard-bot.ts does). The
 * child resolves `@zoryx/framework` from this package's node_modules (it lives in bench/), and
 * the extensions get it from the loader's shared modules.
 */
async function startChildProcess(files: Record<string, string>): Promise<Target> {
  const discord = await startEmulator({ heartbeatInterval: 60_000, replyTimeout: 30_000 });
  const owner = discord.createUser({ username: 'owner' });
  const guild = discord.createGuild({ name: 'Bench' });
  guild.createChannel({ name: 'general' });
  guild.addMember(owner);
  for (let i = 1; i < GUILDS; i += 1) discord.createGuild({ name: `guild-${i}` });
  const users = Array.from({ length: USERS }, (_, i) => {
    const user = discord.createUser({ username: `load-${i}` });
    guild.addMember(user);
    return user;
  });

  const dir = await mkdtemp(join(tmpdir(), 'zoryx-dashboard-bench-'));
  await mkdir(join(dir, 'node_modules', '@zoryx'), { recursive: true });
  await symlink(PACKAGE_DIR, join(dir, 'node_modules', '@zoryx', 'dashboard'), 'junction');
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  await writeFile(
    join(dir, 'config.json'),
    JSON.stringify(
      {
        owners: [owner.id],
        logging: { file: false, level: 'warn' },
        autoReload: false,
        components: { statusRotation: false },
        intake: { commandsPerUser: false },
        cooldowns: { default: { limit: 100_000, windowSeconds: 1 } },
        extensions: {
          packages: ['@zoryx/dashboard'],
          config: { dashboard: { port: 0, printLoginLink: false } },
        },
      },
      null,
      2,
    ),
  );

  const clientOptions = discord.clientOptions();
  const child: ChildProcess = fork(new URL('./bot-child.mjs', import.meta.url), [], {
    // Plain node: not this process's tsx loader (fork would inherit execArgv).
    execArgv: [],
    env: {
      ...process.env,
      // Blanked like createTestBot does, so a developer's environment does not change the bot.
      BOT_OWNER_ID: '',
      ZORYX_AUTO_RELOAD: '',
      ZORYX_COMMAND_SYNC: '',
      ZORYX_MESSAGE_COMMANDS: '',
      ZORYX_LOG_LEVEL: '',
      ZORYX_DEV_GUILDS: '',
      DISCORD_TOKEN: discord.token,
      ZORYX_DISCORD_API: discord.apiUrl,
      ZORYX_BENCH_DIR: dir,
      ZORYX_BENCH_GUILDS: String(GUILDS),
      ZORYX_BENCH_OWNER: owner.id,
      // JSON has no Infinity: an unlimited global rate as a very large number.
      ZORYX_BENCH_CLIENT_OPTIONS: JSON.stringify({
        ...clientOptions,
        rest: { ...clientOptions.rest, globalRequestsPerSecond: 1e9 },
      }),
    },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const ready = await new Promise<ChildReady>((done, fail) => {
    const lines = createInterface({ input: child.stdout ?? process.stdin });
    let found = false;
    lines.on('line', (line) => {
      if (!found && line.startsWith('{"ready":true')) {
        found = true;
        done(JSON.parse(line) as ChildReady);
      } else process.stderr.write(`[bot] ${line}\n`);
    });
    child.once('exit', (code) => fail(new Error(`the bot child exited with ${code} before ready`)));
    setTimeout(() => fail(new Error('the bot child was not ready within 180 s')), 180_000).unref();
  }).catch(async (error: unknown) => {
    child.kill('SIGKILL');
    await discord.close();
    throw error;
  });
  if (ready.failed.length > 0) throw new Error(`extensions failed: ${ready.failed.join(', ')}`);
  const pid = child.pid ?? 0;
  return {
    guild,
    users,
    url: ready.url,
    loginLink: ready.loginLink,
    extensionsLoaded: ready.extensionsLoaded,
    guilds: ready.guilds,
    botCpuMs: () => procCpuMs(pid),
    botLoop: (kind, on) => child.send({ loop: on ? 'start' : 'stop', kind }),
    botLoopDelay: () =>
      new Promise((done) => {
        const onMessage = (message: { loopDelay?: Record<Kind, LoopDelay> }) => {
          if (!message.loopDelay) return;
          child.off('message', onMessage);
          done(message.loopDelay);
        };
        child.on('message', onMessage);
        child.send({ loop: 'read' });
      }),
    async close() {
      child.send('stop');
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(killer);
      await discord.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function run(mode: Mode): Promise<void> {
  const files = Object.fromEntries(
    Array.from({ length: EXTENSIONS }, (_, i) => [`extensions/bench-${i}/index.ts`, extension(i)]),
  );
  const started = performance.now();
  const target = await (mode === 'child-process' ? startChildProcess : startInProcess)(files);
  const { users } = target;
  const loaded = target.extensionsLoaded;
  console.log(
    `[${mode}] setup: ${loaded} extensions loaded, ${target.guilds} guilds, ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  const url = () => target.url;

  const owner = new DashboardClient(url);
  await owner.loginWithLink(target.loginLink);
  const latencies = { idle: [] as number[], open: [] as number[] };
  const endpoint = { status: [] as number[], metrics: [] as number[] };
  // Server-Timing `app;dur=`: building the answer, without the wait for a busy event loop.
  const compute = { status: [] as number[], metrics: [] as number[] };
  let sent = { idle: 0, open: 0 };
  let failed = 0;
  // Time spent sending load per condition (excluding the wait for the last answers).
  const loadMs = { idle: 0, open: 0 };
  // CPU time (ms) of the bot's process and of this one per condition, over each phase's wall time.
  const cpu = {
    bot: { idle: 0, open: 0 },
    bench: { idle: 0, open: 0 },
    wallMs: { idle: 0, open: 0 },
  };
  // Event-loop delay of this process (emulator, load; and the bot, in-process): a fresh monitor
  // per phase (re-enabling one would count the gap between phases), the worst phase per condition.
  const benchLoop: Record<Kind, LoopDelay> = {
    idle: { p99Ms: 0, maxMs: 0 },
    open: { p99Ms: 0, maxMs: 0 },
  };

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
            workerData: { url: `${url()}${path}`, pauseMs: POLL_PAUSE_MS },
          });
          worker.on('message', (sample: 'ready' | { wallMs: number; appMs: number | null }) => {
            if (sample === 'ready') return resolve(worker);
            into.push(sample.wallMs);
            if (sample.appMs !== null) own.push(sample.appMs);
          });
        }),
    ),
  );

  async function runPhase(kind: Kind, warmUp = false): Promise<void> {
    const inFlight: Promise<void>[] = [];
    let dashboardOpen = kind === 'open';
    const stream = new AbortController();
    const viewers: Promise<void>[] = [];
    if (dashboardOpen) {
      const live = await fetch(`${url()}/api/live`, {
        headers: { cookie: `__Host-zoryx-session=${owner.cookies.get('__Host-zoryx-session')}` },
        signal: stream.signal,
      });
      if (live.status !== 200) throw new Error(`the SSE viewer got ${live.status}, not 200`);
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
    const monitor = monitorEventLoopDelay({ resolution: 1 });
    if (!warmUp) {
      monitor.enable();
      target.botLoop(kind, true);
    }
    const botCpu0 = target.botCpuMs();
    const benchCpu0 = ownCpuMs();
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
            .slash(target.guild, command)
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
    const botCpu1 = target.botCpuMs();
    cpu.bot[kind] += botCpu1 === null || botCpu0 === null ? Number.NaN : botCpu1 - botCpu0;
    cpu.bench[kind] += ownCpuMs() - benchCpu0;
    cpu.wallMs[kind] += performance.now() - phaseStart;
    if (!warmUp) {
      monitor.disable();
      target.botLoop(kind, false);
      const worst = benchLoop[kind];
      worst.p99Ms = Math.max(worst.p99Ms, Number((monitor.percentile(99) / 1e6).toFixed(2)));
      worst.maxMs = Math.max(worst.maxMs, Number((monitor.max / 1e6).toFixed(2)));
    }
    dashboardOpen = false;
    for (const worker of pollers) worker.postMessage('stop');
    stream.abort();
    await Promise.allSettled(viewers);
  }

  // Without command load: wall p95 and process CPU per request over 200 sequential requests. On a
  // shared, overloaded machine wall times are inflated by waiting for a core; CPU time is not.
  // Child-process mode: the bot process's CPU (the server's share only, /proc resolution 10 ms
  // over 200 requests); in-process: this whole process's (the fetch client's share included).
  const quiet: Record<string, { p95Ms: string; cpuMsPerRequest: string }> = {};
  for (const path of ['/status.json', '/metrics']) {
    const times: number[] = [];
    const cpu0 = target.botCpuMs() ?? ownCpuMs();
    for (let i = 0; i < 200; i += 1) {
      const t0 = performance.now();
      await (await fetch(`${url()}${path}`)).arrayBuffer();
      times.push(performance.now() - t0);
    }
    const used = (target.botCpuMs() ?? ownCpuMs()) - cpu0;
    quiet[path] = {
      p95Ms: percentile(times, 95).toFixed(2),
      cpuMsPerRequest: (used / 200).toFixed(2),
    };
  }

  await runPhase('idle', true); // warm-up, discarded
  latencies.idle.length = 0;
  sent = { idle: 0, open: 0 };
  loadMs.idle = 0;
  cpu.bot.idle = 0;
  cpu.bench.idle = 0;
  cpu.wallMs.idle = 0;
  failed = 0;
  const runStart = performance.now();
  for (let round = 0; round < ROUNDS; round += 1) {
    await runPhase('idle');
    await runPhase('open');
  }
  const wallS = (performance.now() - runStart) / 1000;
  const fmt = (n: number) => n.toFixed(2);
  const botLoop = await target.botLoopDelay();
  const percent = (used: number, wallMs: number) =>
    Number.isNaN(used) ? null : Number(((used / wallMs) * 100).toFixed(0));
  const result = {
    mode,
    date: new Date().toISOString(),
    node: process.version,
    extensions: loaded,
    guilds: target.guilds,
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
    // % of one core over the phases (answers awaited included); null: the bot is in this process.
    botCpuPercent: {
      dashboardIdle: percent(cpu.bot.idle, cpu.wallMs.idle),
      dashboardOpen: percent(cpu.bot.open, cpu.wallMs.open),
    },
    // This process: emulator, command load, SSE viewer, pollers (and the bot, in-process).
    benchProcessCpuPercent: {
      dashboardIdle: percent(cpu.bench.idle, cpu.wallMs.idle),
      dashboardOpen: percent(cpu.bench.open, cpu.wallMs.open),
    },
    // Event-loop delay (monitorEventLoopDelay, 1 ms resolution), worst measured phase per
    // condition; botLoopDelay null: the bot is in this process (benchLoopDelay is then its loop).
    botLoopDelay: botLoop ?? null,
    benchLoopDelay: benchLoop,
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
  await target.close();
}

const MODES: readonly Mode[] =
  process.env.BENCH_MODE === 'child-process' || process.env.BENCH_MODE === 'in-process'
    ? [process.env.BENCH_MODE]
    : ['child-process', 'in-process'];
for (const mode of MODES) await run(mode);
