// Relay overhead: the same Zoryx bot as today (one process) and supervised (gateway in the
// supervisor, bot in a worker thread, every event relayed), under an open loop of RATE commands/s
// for SECONDS (slash commands, then `!ping` messages), measured from the emulator's side from
// send to reply. Both modes run in this one run, alternating, ROUNDS times each.
import { readdirSync, readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { botFolder, createWorld, fmt, percentile, startChild, stopChild } from './lib.mjs';

const RATE = Number(process.env.ZORYX_BENCH_RATE ?? '1000');
const SECONDS = Number(process.env.ZORYX_BENCH_SECONDS ?? '10');
const ROUNDS = Number(process.env.ZORYX_BENCH_ROUNDS ?? '2');
const TICK_MS = 10;
const USERS = 200;
const CHANNELS = 200;
const REPLY_TIMEOUT = 5_000;
// ZORYX_BENCH_STALL_MS=<ms>: stop the bot process (SIGSTOP) that long at a third of each run, to
// see whether it catches up afterwards: the tail (the last quarter of the commands sent) must be
// answered as fast as before the stall, in both modes.
const STALL_MS = Number(process.env.ZORYX_BENCH_STALL_MS ?? '0');

/** CPU time (ms) a process used so far, all its threads (Linux /proc; 100 ticks per second). */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

/** CPU time (ms) of each thread of a process so far, by thread id (Linux /proc). */
function threadCpuMs(pid) {
  const threads = new Map();
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const fields = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8')
        .split(') ')[1]
        .split(' ');
      threads.set(Number(tid), (Number(fields[11]) + Number(fields[12])) * 10);
    }
  } catch {
    // The process ended: whatever was read so far.
  }
  return threads;
}

/**
 * Splits a process's CPU over a run by thread: the main thread (the supervisor's, or the whole
 * bot in one process), the busiest other thread (the bot's worker thread when supervised) and
 * the rest (GC helpers, libuv's pool, the idle standby worker). Node does not name its threads.
 */
function threadSplit(pid, before) {
  const after = threadCpuMs(pid);
  const deltas = [...after].map(([tid, ms]) => [tid, ms - (before.get(tid) ?? 0)]);
  const main = deltas.find(([tid]) => tid === pid)?.[1] ?? 0;
  const others = deltas.filter(([tid]) => tid !== pid).map(([, ms]) => ms);
  const busiest = Math.max(0, ...others);
  const total = deltas.reduce((sum, [, ms]) => sum + ms, 0);
  return { main, busiest, rest: total - main - busiest };
}

/** Sends RATE commands/s for SECONDS in batches every TICK_MS; times each from send to reply. */
async function openLoop(world, mode, pid) {
  const { guild, users, channels } = world;
  const total = RATE * SECONDS;
  const interval = 1000 / RATE;
  const latencies = [];
  // Latencies of the commands sent in the last quarter of the run (the recovery after a stall).
  const tail = [];
  const tailFrom = Math.floor(total * 0.75);
  // Latencies by the second they were sent in (ZORYX_BENCH_TIMELINE=1 prints their p50s).
  const bySecond = Array.from({ length: SECONDS }, () => []);
  const pending = [];
  let stalled = false;
  let missed = 0;
  const loopDelay = monitorEventLoopDelay({ resolution: 1 });
  loopDelay.enable();
  const cpu0 = cpuMs(pid);
  const threads0 = threadCpuMs(pid);
  const benchCpu0 = process.cpuUsage();
  const t0 = performance.now();
  await new Promise((sent) => {
    let next = 0;
    const tick = () => {
      const due = Math.min(total, Math.floor((performance.now() - t0) / interval) + 1);
      if (STALL_MS > 0 && !stalled && next >= total / 3) {
        stalled = true;
        process.kill(pid, 'SIGSTOP');
        setTimeout(() => process.kill(pid, 'SIGCONT'), STALL_MS);
      }
      for (; next < due; next++) {
        const user = users[next % users.length];
        const channel = channels[next % channels.length];
        const t = performance.now();
        const inTail = next >= tailFrom;
        const action =
          mode === 'slash'
            ? user.slash(guild, 'ping', {}, { channel })
            : user.send(channel, '!ping');
        pending.push(
          action.reply({ timeout: REPLY_TIMEOUT }).then(
            () => {
              const latency = performance.now() - t;
              latencies.push(latency);
              bySecond[Math.min(SECONDS - 1, Math.floor((t - t0) / 1000))].push(latency);
              if (inTail) tail.push(latency);
            },
            () => {
              missed++;
              if (inTail) tail.push(Number.POSITIVE_INFINITY);
            },
          ),
        );
      }
      if (next >= total) return sent();
      const planned = t0 + (Math.floor((performance.now() - t0) / TICK_MS) + 1) * TICK_MS;
      setTimeout(tick, Math.max(0, planned - performance.now()));
    };
    tick();
  });
  await Promise.all(pending);
  loopDelay.disable();
  const wallMs = performance.now() - t0;
  const benchCpu = process.cpuUsage(benchCpu0);
  const split = threadSplit(pid, threads0);
  const perThousand = (ms) => (ms / total) * 1000;
  return {
    // CPU ms per 1,000 commands sent: robust under foreign load, unlike latency.
    cpuPer1k: {
      main: perThousand(split.main),
      busiest: perThousand(split.busiest),
      rest: perThousand(split.rest),
      bench: perThousand((benchCpu.user + benchCpu.system) / 1000),
    },
    // The bot process's CPU (supervisor and worker threads together), in % of one core.
    botCpu: ((cpuMs(pid) - cpu0) / wallMs) * 100,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    tailP50: percentile(tail, 50),
    timeline: bySecond.map((list) => percentile(list, 50)),
    missed,
    total,
    generatorLoopP99: loopDelay.percentile(99) / 1e6,
  };
}

async function measure(kind) {
  const world = await createWorld({ channels: CHANNELS, users: USERS });
  const bot = startChild(kind, world.discord, { ZORYX_BENCH_DIR: await botFolder(1, 1) });
  await bot.started;
  if (kind === 'zoryx-supervised') await bot.waitFor((m) => m.standbyLoaded);
  await world.discord.waitFor(() => world.discord.commands().some((c) => c.name === 'ping'));
  for (let i = 0; i < 200; i++) await world.users[0].slash(world.guild, 'ping').reply();
  for (let i = 0; i < 200; i++) await world.users[0].send(world.channels[0], '!ping').reply();
  const slash = await openLoop(world, 'slash', bot.child.pid);
  await new Promise((r) => setTimeout(r, 500));
  const prefix = await openLoop(world, 'prefix', bot.child.pid);
  const identifies = world.discord.gateway.identifyCount;
  // A worker restarted mid-run (watchdog, crash) would explain missed replies: say so.
  for (const e of bot.events.filter((m) => m.event && m.event !== 'worker_started')) {
    console.log(`  ${kind}: ${e.event} ${JSON.stringify(e.payload)}`);
  }
  await stopChild(bot);
  await world.discord.close();
  return { kind, slash, prefix, identifies };
}

// ZORYX_BENCH_ONLY=zoryx-supervised (or zoryx-single) runs one mode, e.g. under --cpu-prof.
const only = process.env.ZORYX_BENCH_ONLY;
const runs = only ? { [only]: [] } : { 'zoryx-single': [], 'zoryx-supervised': [] };
for (let round = 0; round < ROUNDS; round++) {
  // Alternate which mode goes first: the load generator's own state (GC, a warm JIT) favours
  // neither.
  const kinds = Object.keys(runs);
  for (const kind of round % 2 === 0 ? kinds : kinds.reverse()) {
    const r = await measure(kind);
    runs[kind].push(r);
    for (const mode of ['slash', 'prefix']) {
      const o = r[mode];
      console.log(
        `round ${round + 1} ${kind.padEnd(16)} ${mode.padEnd(6)} p50 ${fmt(o.p50)}, p99 ${fmt(o.p99)}, last quarter p50 ${fmt(o.tailP50)}, missed ${o.missed}/${o.total}, bot CPU ${o.botCpu.toFixed(0)}% (generator loop delay p99 ${fmt(o.generatorLoopP99)})`,
      );
      if (process.env.ZORYX_BENCH_TIMELINE === '1') {
        console.log(`  p50 by second sent: ${o.timeline.map((ms) => fmt(ms)).join(', ')}`);
      }
      const c = o.cpuPer1k;
      console.log(
        `  CPU ms per 1,000 commands: bot main thread ${c.main.toFixed(0)}, busiest other thread ${c.busiest.toFixed(0)}, rest ${c.rest.toFixed(0)}; bench process (emulator + generator) ${c.bench.toFixed(0)}; load ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`,
      );
    }
  }
}
const mean = (list) => list.reduce((a, b) => a + b, 0) / list.length;
console.log(
  `open loop: ${RATE} commands/s for ${SECONDS} s, ${USERS} users in ${CHANNELS} channels, ${ROUNDS} rounds`,
);
for (const mode of only ? [] : ['slash', 'prefix']) {
  const stat = (kind, key) => mean(runs[kind].map((r) => r[mode][key]));
  const of = (kind) => ({
    p50: stat(kind, 'p50'),
    p99: stat(kind, 'p99'),
    cpu: stat(kind, 'botCpu'),
  });
  const single = of('zoryx-single');
  const supervised = of('zoryx-supervised');
  console.log(
    `${mode.padEnd(6)} single p50 ${fmt(single.p50)} p99 ${fmt(single.p99)} CPU ${single.cpu.toFixed(0)}% | supervised p50 ${fmt(supervised.p50)} p99 ${fmt(supervised.p99)} CPU ${supervised.cpu.toFixed(0)}% | ratio p50 ${(supervised.p50 / single.p50).toFixed(2)}x, p99 ${(supervised.p99 / single.p99).toFixed(2)}x, CPU ${(supervised.cpu / single.cpu).toFixed(2)}x`,
  );
}
console.log(
  `IDENTIFYs per supervised run: ${(runs['zoryx-supervised'] ?? []).map((r) => r.identifies).join(', ')}`,
);
