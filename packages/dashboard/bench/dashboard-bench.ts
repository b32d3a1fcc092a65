// Benchmark: /status.json and /metrics latency with 50 extensions and 1,000 guilds, while the bot
// serves a steady command load; and the command p99 with the dashboard idle and open (an SSE page
// plus /status.json and /metrics polled on the dashboard's port and on the probe port), alternating
// phases in the same run so both conditions share the machine's state.
//
// Modes (BENCH_MODE=supervised | child-process | in-process; default all three, in that order):
// - supervised (the deployed shape, `zoryx start`): a child process runs the supervisor (the
//   gateway) and the bot with the dashboard in its worker thread (bot-child-supervised.mjs).
// - child-process (`zoryx start --no-supervise`): the bot alone in its own process
//   (bot-child.mjs). In both, the bot starts from a bot folder like a deployed bot, and this
//   process holds what is remote in production: the emulator (Discord), the command load and the
//   measuring (the pollers in their own processes, BENCH_POLLERS=thread on worker threads; see
//   poller-worker.mjs).
// - in-process (the earliest method, kept for comparison): emulator, load and bot share this
//   process and its event loop, so a dashboard request also waits behind Discord's side.
// Priority (bench-priority.ts): every round runs the idle/open pair twice, alternating — `equal`
// (this process, i.e. Discord's stand-in, at the bot's priority: the method before) and `niced`
// (this process at nice BENCH_DISCORD_NICE, default 10: Discord as if on another machine). The
// JSON's top-level figures are the `equal` phases, as before; `discordNiced` holds the same
// figures for the niced phases. Not in in-process mode (the bot is this process) nor with
// BENCH_POLLERS=thread (the pollers would be niced too); BENCH_DISCORD_NICE=0 turns it off.
// Run: pnpm --filter @zoryx/dashboard bench  (env: BENCH_RATE=500 BENCH_PHASE_MS=5000 BENCH_ROUNDS=2)
import { fork } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DashboardClient } from '../test/browser-less-client.js';
import { canAlternate, DISCORD_NICE, reniceBench, STARTING_NICE } from './bench-priority.js';
import { percentile, type Sample, summary } from './bench-stats.js';
import {
  type Kind,
  type LoopDelay,
  type Mode,
  ownCpuMs,
  startChildProcess,
  startInProcess,
  USERS,
} from './bench-targets.js';

const EXTENSIONS = 50;
const RATE = Number(process.env.BENCH_RATE ?? 500);
const PHASE_MS = Number(process.env.BENCH_PHASE_MS ?? 5_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const POLL_PAUSE_MS = Number(process.env.BENCH_POLL_PAUSE_MS ?? 100);
/** Where the pollers run: their own processes (default; a scraper is another process) or threads. */
const POLLERS = process.env.BENCH_POLLERS === 'thread' ? 'thread' : 'process';
/** A poller, whether a process or a thread: send it 'start' / 'stop', close it at the end. */
interface Poller {
  post(message: 'start' | 'stop'): void;
  close(): Promise<unknown>;
}
/**
 * How often the load generator wakes to send what is due (open loop). 1 ms (default since
 * 2026-12-05 21:10): at 500/s about one command per wake, like independent users on a gateway
 * stream. 10 ms (the method before): five commands at once every 10 ms, a burstier load.
 */
const TICK_MS = Number(process.env.BENCH_TICK_MS ?? 1);

/** `equal`: this process at the bot's priority (the method before); `niced`: at DISCORD_NICE. */
type Condition = 'equal' | 'niced';
type Endpoint = 'status' | 'metrics' | 'probeStatus' | 'probeMetrics' | 'floor';

/** What one condition's phases collected. */
function newStore() {
  const perKind = () => ({ idle: 0, open: 0 });
  return {
    latencies: { idle: [] as number[], open: [] as number[] },
    // Polled samples per endpoint, open phases only: the dashboard's port, the probe port (its own
    // thread, src/probes/probe-server.ts) and the floor peer.
    endpoint: {
      status: [] as Sample[],
      metrics: [] as Sample[],
      probeStatus: [] as Sample[],
      probeMetrics: [] as Sample[],
      floor: [] as Sample[],
    } satisfies Record<Endpoint, Sample[]>,
    sent: perKind(),
    failed: 0,
    // Time spent sending load per kind (excluding the wait for the last answers).
    loadMs: perKind(),
    // CPU time (ms) of the bot's process and of this one per kind, over each phase's wall time.
    cpu: { bot: perKind(), bench: perKind(), wallMs: perKind() },
    // This process's event-loop delay: the worst phase per kind.
    benchLoop: {
      idle: { p99Ms: 0, maxMs: 0 },
      open: { p99Ms: 0, maxMs: 0 },
    } as Record<Kind, LoopDelay>,
  };
}
type Store = ReturnType<typeof newStore>;

const extension = (i: number) => `
import { defineCommand, defineExtension } from '@zoryx/framework';
const cmd = defineCommand({ name: 'bench${i}', description: 'bench ${i}', run: (interaction) => interaction.reply('ok') });
export default defineExtension({
  name: 'bench-${i}', version: '1.0.${i}', commands: [cmd],
  setup(ctx) { ctx.hooks.on('command_executed', () => undefined, { id: 'bench-${i}:seen' }); },
});
`;

async function run(mode: Mode): Promise<void> {
  const files = Object.fromEntries(
    Array.from({ length: EXTENSIONS }, (_, i) => [`extensions/bench-${i}/index.ts`, extension(i)]),
  );
  const started = performance.now();
  const target = await (mode === 'in-process'
    ? startInProcess(files)
    : startChildProcess(files, mode === 'supervised'));
  const { users } = target;
  const loaded = target.extensionsLoaded;
  console.log(
    `[${mode}] setup: ${loaded} extensions loaded, ${target.guilds} guilds, ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  const url = () => target.url;

  const owner = new DashboardClient(url);
  await owner.loginWithLink(target.loginLink);
  // Alternate priorities in the same run where the bot is another process and this process may
  // come back from the lower priority; otherwise the equal phases only (BENCH_DISCORD_NICE=0).
  const niced = mode !== 'in-process' && POLLERS === 'process' && DISCORD_NICE > STARTING_NICE;
  const alternate = niced && canAlternate();
  const stores: Record<Condition, Store> = { equal: newStore(), niced: newStore() };
  let condition: Condition = 'equal';

  // The peer: a bare node:http server in its own process with a body of /status.json's size
  // (floor-server.mjs), polled in the same phases. What it shows is the machine's, not the bot's.
  const floorBody = await (await fetch(`${url()}/status.json`)).text();
  const floor = fork(fileURLToPath(new URL('./floor-server.mjs', import.meta.url)), {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const floorUrl = await new Promise<string>((resolve) => {
    floor.once('message', (m: { port: number }) => resolve(`http://127.0.0.1:${m.port}`));
    floor.send({ body: floorBody });
  });

  // Ten requests a second per endpoint (far more than a browser page or a scraper), each from its
  // own process by default (see poller-worker.mjs), polling during the open phases only; a sample
  // goes to the condition of the phase it arrives in.
  const pollers = await Promise.all(
    (
      [
        [url(), '/status.json', 'status'],
        [url(), '/metrics', 'metrics'],
        [target.probesUrl, '/status.json', 'probeStatus'],
        [target.probesUrl, '/metrics', 'probeMetrics'],
        [floorUrl, '/status.json', 'floor'],
      ] as const
    ).map(
      ([base, path, into]) =>
        new Promise<Poller>((resolve) => {
          const script = new URL('./poller-worker.mjs', import.meta.url);
          const data = { url: `${base}${path}`, pauseMs: POLL_PAUSE_MS };
          const onSample = (sample: 'ready' | Sample) => {
            if (sample === 'ready') return resolve(poller);
            stores[condition].endpoint[into].push(sample);
          };
          let poller: Poller;
          if (POLLERS === 'thread') {
            const worker = new Worker(script, { workerData: data });
            worker.on('message', onSample);
            poller = { post: (m) => worker.postMessage(m), close: () => worker.terminate() };
          } else {
            const child = fork(fileURLToPath(script), {
              env: { ...process.env, BENCH_POLLER: JSON.stringify(data) },
              stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
            });
            child.on('message', onSample);
            poller = {
              post: (m) => child.send(m),
              close: () =>
                new Promise((done) => {
                  child.once('exit', () => done(undefined));
                  child.send('exit');
                }),
            };
          }
        }),
    ),
  );

  async function runPhase(kind: Kind, warmUp = false): Promise<void> {
    const store = stores[condition];
    const phaseName = condition === 'equal' ? kind : `niced${kind === 'idle' ? 'Idle' : 'Open'}`;
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
      for (const poller of pollers) poller.post('start');
    }
    const monitor = monitorEventLoopDelay({ resolution: 1 });
    if (!warmUp) {
      monitor.enable();
      target.botLoop(phaseName, true);
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
        store.sent[kind] += 1;
        if (!user) continue;
        const t0 = performance.now();
        inFlight.push(
          user
            .slash(target.guild, command)
            .reply({ timeout: 30_000 })
            .then(
              () => {
                store.latencies[kind].push(performance.now() - t0);
              },
              () => {
                store.failed += 1;
              },
            ),
        );
      }
      await new Promise((resolve) => setTimeout(resolve, TICK_MS));
    }
    store.loadMs[kind] += performance.now() - phaseStart;
    await Promise.all(inFlight);
    const botCpu1 = target.botCpuMs();
    const { cpu } = store;
    cpu.bot[kind] += botCpu1 === null || botCpu0 === null ? Number.NaN : botCpu1 - botCpu0;
    cpu.bench[kind] += ownCpuMs() - benchCpu0;
    cpu.wallMs[kind] += performance.now() - phaseStart;
    if (!warmUp) {
      monitor.disable();
      target.botLoop(phaseName, false);
      const worst = store.benchLoop[kind];
      worst.p99Ms = Math.max(worst.p99Ms, Number((monitor.percentile(99) / 1e6).toFixed(2)));
      worst.maxMs = Math.max(worst.maxMs, Number((monitor.max / 1e6).toFixed(2)));
    }
    dashboardOpen = false;
    for (const poller of pollers) poller.post('stop');
    stream.abort();
    await Promise.allSettled(viewers);
  }

  // Without command load: wall p95 and process CPU per request over 200 sequential requests. On a
  // shared, overloaded machine wall times are inflated by waiting for a core; CPU time is not.
  // Child-process mode: the bot process's CPU (the server's share only, /proc resolution 10 ms
  // over 200 requests); in-process: this whole process's (the fetch client's share included).
  const quiet: Record<string, { p95Ms: string; cpuMsPerRequest: string }> = {};
  for (const [name, base, path] of [
    ['/status.json', url(), '/status.json'],
    ['/metrics', url(), '/metrics'],
    ['probe port /status.json', target.probesUrl, '/status.json'],
    ['probe port /metrics', target.probesUrl, '/metrics'],
  ] as const) {
    const times: number[] = [];
    const cpu0 = target.botCpuMs() ?? ownCpuMs();
    for (let i = 0; i < 200; i += 1) {
      const t0 = performance.now();
      await (await fetch(`${base}${path}`)).arrayBuffer();
      times.push(performance.now() - t0);
    }
    const used = (target.botCpuMs() ?? ownCpuMs()) - cpu0;
    quiet[name] = {
      p95Ms: percentile(times, 95).toFixed(2),
      cpuMsPerRequest: (used / 200).toFixed(2),
    };
  }

  await runPhase('idle', true); // warm-up, discarded
  stores.equal = newStore();
  const setCondition = (next: Condition) => {
    condition = next;
    reniceBench(next === 'niced' ? DISCORD_NICE : STARTING_NICE);
  };
  const runStart = performance.now();
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const next of alternate ? (['equal', 'niced'] as const) : (['equal'] as const)) {
      setCondition(next);
      await runPhase('idle');
      await runPhase('open');
    }
  }
  // Without CAP_SYS_NICE this process cannot come back: the niced phases come last.
  if (niced && !alternate) {
    setCondition('niced');
    for (let round = 0; round < ROUNDS; round += 1) {
      await runPhase('idle');
      await runPhase('open');
    }
  }
  const wallS = (performance.now() - runStart) / 1000;
  const fmt = (n: number) => n.toFixed(2);
  const botLoop = await target.botLoopDelay();
  const percent = (used: number, wallMs: number) =>
    Number.isNaN(used) ? null : Number(((used / wallMs) * 100).toFixed(0));
  /** One condition's figures (the same keys for both, so they read side by side). */
  const figures = ({ latencies, endpoint, sent, failed, loadMs, cpu, benchLoop }: Store) => ({
    sentPerSecond: Number(
      ((sent.idle + sent.open) / ((loadMs.idle + loadMs.open) / 1000)).toFixed(0),
    ),
    // Commands answered (within the 30 s timeout) per second of sending: the rate the bot served.
    answeredPerSecond: Number(
      (
        (latencies.idle.length + latencies.open.length) /
        ((loadMs.idle + loadMs.open) / 1000)
      ).toFixed(0),
    ),
    answeredInTime: latencies.idle.length + latencies.open.length,
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
    // This process: emulator, command load, SSE viewer (and the bot, in-process).
    benchProcessCpuPercent: {
      dashboardIdle: percent(cpu.bench.idle, cpu.wallMs.idle),
      dashboardOpen: percent(cpu.bench.open, cpu.wallMs.open),
    },
    // This process's event-loop delay (monitorEventLoopDelay, 1 ms resolution), worst phase.
    benchLoopDelay: benchLoop,
    // The dashboard's port (its Fastify server on the bot's event loop).
    statusJson: summary(endpoint.status),
    metrics: summary(endpoint.metrics),
    // The probe port: answered on its own thread from the documents the bot's loop built.
    probePort: {
      statusJson: summary(endpoint.probeStatus),
      metrics: summary(endpoint.probeMetrics),
    },
    // The peer of the same phases: a bare node:http server in its own process, same body size,
    // same client (floor-server.mjs). probePort.statusJson.p95Ms against floor.p95Ms is the
    // probe port's own share; the floor itself is the machine's under this load.
    floor: summary(endpoint.floor),
  });
  const result = {
    mode,
    date: new Date().toISOString(),
    node: process.version,
    extensions: loaded,
    guilds: target.guilds,
    targetRate: RATE,
    sendTickMs: TICK_MS,
    probePriority: process.env.BENCH_PROBE_PRIORITY
      ? Number(process.env.BENCH_PROBE_PRIORITY)
      : null,
    wallSeconds: Number(wallS.toFixed(1)),
    loadAverage: loadavg()
      .map((n) => n.toFixed(1))
      .join(' '),
    cores: cpus().length,
    // The method before: this process (emulator + load) at the bot's priority.
    ...figures(stores.equal),
    // The same phases with this process at nice DISCORD_NICE (Discord as if on another machine),
    // in the same run; null where not run (in-process, pollers as threads, BENCH_DISCORD_NICE=0).
    discordNiced: niced
      ? {
          nice: DISCORD_NICE,
          order: alternate ? 'alternating with the equal phases' : 'after the equal phases',
          ...figures(stores.niced),
        }
      : null,
    // The bot thread's event-loop delay, worst phase per name (idle/open: equal priority;
    // nicedIdle/nicedOpen: Discord niced); null: the bot is in this process.
    botLoopDelay: botLoop ?? null,
    withoutLoad: quiet,
    // The bot thread's garbage collection per phase name (PerformanceObserver 'gc').
    botGc: (await target.botGc()) ?? null,
  };
  console.log(JSON.stringify(result, null, 2));
  await Promise.all(pollers.map((p) => p.close()));
  floor.send('exit');
  await target.close();
}

const ALL_MODES: readonly Mode[] = ['supervised', 'child-process', 'in-process'];
const MODES = ALL_MODES.filter((m) => (process.env.BENCH_MODE ?? m) === m);
if (MODES.length === 0) throw new TypeError(`BENCH_MODE must be one of ${ALL_MODES.join(', ')}`);
let failures = 0;
for (const mode of MODES) {
  // One mode failing to start (e.g. packages/supervisor/dist missing) does not cost the others.
  await run(mode).catch((error: unknown) => {
    failures += 1;
    console.log(JSON.stringify({ mode, error: String(error) }));
  });
}
// A mode that failed midway may have left its bot child running: exiting disconnects it (the
// children exit when their IPC channel closes).
if (failures > 0) process.exit(1);
