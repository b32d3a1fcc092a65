// Why is a trivial server's p95 several ms on this 2-core machine while it is far from saturated?
// One floor server (floor-server.mjs) polled by one client process (poller-worker.mjs: kept-alive
// node:http, Nagle off, performance.now() around each request), in three arms that alternate in
// one run (BENCH_CHECK_ROUNDS rounds of BENCH_CHECK_MS each):
//   alone    — nothing else of ours running;
//   busy     — BENCH_SPIN processes (default 2) standing in for the bench's emulator + load
//              generator and the bot: each busy BENCH_SPIN_DUTY (0.4) of every 2 ms, a loaded
//              event loop's pattern (work, a short sleep, work), at the client's priority;
//   busyNice — the same at nice BENCH_SPIN_NICE (10): Discord's stand-in as if elsewhere.
// Per arm: wall p50/p95/p99 and how much of it was the kernel's run-queue delay (the client's and
// the server's wait for a core, schedstat), the client's longest GC pause and new connections.
// Run: node bench/floor-check.mjs
import { fork } from 'node:child_process';
import { loadavg, setPriority } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const SPIN = Number(process.env.BENCH_SPIN ?? 2);
const DUTY = Number(process.env.BENCH_SPIN_DUTY ?? 0.4);
const NICE = Number(process.env.BENCH_SPIN_NICE ?? 10);
const MS = Number(process.env.BENCH_CHECK_MS ?? 3_000);
const ROUNDS = Number(process.env.BENCH_CHECK_ROUNDS ?? 3);
const PAUSE = Number(process.env.BENCH_POLL_PAUSE_MS ?? 20);
const here = (file) => fileURLToPath(new URL(file, import.meta.url));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

if (process.env.BENCH_SPINNER) {
  setPriority(0, Number(process.env.BENCH_SPINNER));
  for (;;) {
    const end = performance.now() + 2 * DUTY;
    while (performance.now() < end);
    await sleep(Math.max(1, 2 * (1 - DUTY)));
  }
}

const pct = (values, p) => {
  const s = values.filter((v) => v !== null).sort((a, b) => a - b);
  if (s.length === 0) return null;
  return Number(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)].toFixed(2));
};

const floor = fork(here('./floor-server.mjs'), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
const port = await new Promise((resolve) => {
  floor.once('message', (m) => resolve(m.port));
  floor.send({ body: 'x'.repeat(1500) });
});
const poller = fork(here('./poller-worker.mjs'), {
  env: {
    ...process.env,
    BENCH_POLLER: JSON.stringify({ url: `http://127.0.0.1:${port}/`, pauseMs: PAUSE }),
  },
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
await new Promise((resolve) => poller.once('message', resolve));
const arms = { alone: [], busy: [], busyNice: [] };
let current = arms.alone;
poller.on('message', (m) => typeof m === 'object' && current.push(m));

for (let round = 0; round < ROUNDS; round += 1) {
  for (const [arm, nice] of [
    ['alone', null],
    ['busy', 0],
    ['busyNice', NICE],
  ]) {
    const spinners =
      nice === null
        ? []
        : Array.from({ length: SPIN }, () =>
            fork(here('./floor-check.mjs'), {
              env: { ...process.env, BENCH_SPINNER: String(nice) },
              stdio: 'ignore',
            }),
          );
    await sleep(300); // the spinners settle
    current = arms[arm];
    poller.send('start');
    await sleep(MS);
    poller.send('stop');
    await sleep(100);
    for (const spinner of spinners) spinner.kill();
  }
}

const report = {};
for (const [arm, samples] of Object.entries(arms)) {
  const wall = samples.map((s) => s.wallMs);
  const p95 = pct(wall, 95);
  const waitOf = (s) => (s.clientWaitMs ?? 0) + (s.serverWaitMs ?? 0);
  const tail = samples.filter((s) => s.wallMs >= p95);
  const sum = (list, f) => list.reduce((a, s) => a + f(s), 0);
  report[arm] = {
    requests: samples.length,
    p50Ms: pct(wall, 50),
    p95Ms: p95,
    p99Ms: pct(wall, 99),
    runQueueWaitP95Ms: pct(samples.map(waitOf), 95),
    // Of the slowest 5 %: the share of their wall time spent waiting for a core (approximate).
    tailRunQueueShare: Number((sum(tail, waitOf) / sum(tail, (s) => s.wallMs)).toFixed(2)),
    p95WithoutRunQueueWaitMs: pct(
      samples.map((s) => Math.max(0, s.wallMs - waitOf(s))),
      95,
    ),
    clientGcMaxMs: Number(Math.max(0, ...samples.map((s) => s.clientGcMs ?? 0)).toFixed(2)),
    newConnections: samples.filter((s) => s.reusedConnection === false).length,
  };
}
console.log(
  JSON.stringify(
    {
      spinners: SPIN,
      duty: DUTY,
      spinNice: NICE,
      rounds: ROUNDS,
      armMs: MS,
      loadAverage: loadavg()
        .map((n) => n.toFixed(1))
        .join(' '),
      ...report,
    },
    null,
    1,
  ),
);
poller.send('exit');
floor.kill();
