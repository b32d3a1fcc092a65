// Relay overhead: the same Zoryx bot as today (one process) and supervised (gateway in the
// supervisor, bot in a worker thread, every event relayed), under an open loop of RATE commands/s
// for SECONDS (slash commands, then `!ping` messages), measured from the emulator's side from
// send to reply. Both modes run in this one run, alternating, ROUNDS times each. Each phase runs
// twice per round: as before (the top-level figures) and with this process — Discord's stand-in —
// at nice 10 (`…Niced`, bench-priority.mjs); each prints its batches' CPU / run-queue wait per
// thread (sched-split.mjs) and answered/s (a mode behind the offered rate gives no latency figure).
// ZORYX_BENCH_PIN="0:1" puts Discord's stand-in on CPU 0 and the bot on CPU 1 (bench-priority.mjs).
// For the supervised bot it also prints the relay's own lag, from the supervisor's gateway socket
// to the worker's discord.js, on every event of the phase (`relayLagHistogram()`).
//
// ZORYX_BENCH_BOT=bare: the relay's own CPU per event, without the bot's work — a bare
// discord.js client counting `messageCreate` (no replies, so no REST), one process vs
// supervised, RATE MESSAGE_CREATE/s for SECONDS; prints CPU µs per event per thread (the
// supervisor's, the worker's) and for the whole process, ROUNDS rounds interleaved.
import { fork } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { summarizeLag } from '@zoryx/supervisor';
import {
  DISCORD_NICE,
  PLACEMENT,
  pinProcess,
  reniceSelf,
  STARTING_NICE,
} from './bench-priority.mjs';
import {
  benchExecArgv,
  botFolder,
  createWorld,
  fmt,
  percentile,
  startChild,
  stopChild,
} from './lib.mjs';
import { busiestOther, formatSplit, splitRecorder, threadCpuNs } from './sched-split.mjs';

const RATE = Number(process.env.ZORYX_BENCH_RATE ?? '1000');
const SECONDS = Number(process.env.ZORYX_BENCH_SECONDS ?? '10');
const ROUNDS = Number(process.env.ZORYX_BENCH_ROUNDS ?? '2');
// ZORYX_BENCH_TICK_MS: how often the load generator sends what is due (10 ms: bursts of RATE/100
// commands; 1 ms: about one command at a time at 1,000/s, the timer's finest step).
const TICK_MS = Number(process.env.ZORYX_BENCH_TICK_MS ?? '10');
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
  // The largest of the rest (the standby worker, V8's GC helpers, libuv's pool): which one grows.
  const restLargest = others.sort((a, b) => b - a).slice(1, 4);
  return { main, busiest, rest: total - main - busiest, restLargest };
}

/** Sends RATE commands/s for SECONDS in batches every TICK_MS; times each from send to reply. */
async function openLoop(world, mode, pid, workerTid) {
  const { guild, users, channels } = world;
  const total = RATE * SECONDS;
  const interval = 1000 / RATE;
  const latencies = [];
  // Latencies of the commands sent in the last quarter of the run (the recovery after a stall).
  const tail = [];
  const tailFrom = Math.floor(total * 0.75);
  // Latencies by the second they were sent in (ZORYX_BENCH_TIMELINE=1 prints their p50s).
  const bySecond = Array.from({ length: SECONDS }, () => []);
  // Latencies by position in their tick's batch (ZORYX_BENCH_POSITIONS=1 prints their p50s): a
  // fixed cost per event shows at every position, a cost that queues grows with it.
  const byPosition = [];
  const pending = [];
  let stalled = false;
  let missed = 0;
  // Each tick's batch split into CPU and run-queue wait per thread (bench/sched-split.mjs).
  const split = splitRecorder({
    emulator: [process.pid, process.pid],
    botMain: [pid, pid],
    ...(workerTid ? { worker: [pid, workerTid] } : {}),
  });
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
      const batch = next < due ? { token: split.start(), left: due - next, latencies: [] } : null;
      const settled = (latency) => {
        batch.latencies.push(latency);
        if (--batch.left === 0) split.end(batch.token, batch.latencies);
      };
      const first = next;
      for (; next < due; next++) {
        const position = next - first;
        byPosition[position] ??= [];
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
              byPosition[position].push(latency);
              if (inTail) tail.push(latency);
              settled(latency);
            },
            () => {
              missed++;
              settled(Number.POSITIVE_INFINITY);
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
  const threads = threadSplit(pid, threads0);
  const perThousand = (ms) => (ms / total) * 1000;
  return {
    // CPU ms per 1,000 commands sent: robust under foreign load, unlike latency.
    cpuPer1k: {
      main: perThousand(threads.main),
      busiest: perThousand(threads.busiest),
      rest: perThousand(threads.rest),
      restLargest: threads.restLargest.map(perThousand),
      bench: perThousand((benchCpu.user + benchCpu.system) / 1000),
    },
    // The bot process's CPU (supervisor and worker threads together), in % of one core.
    botCpu: ((cpuMs(pid) - cpu0) / wallMs) * 100,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    tailP50: percentile(tail, 50),
    timeline: bySecond.map((list) => percentile(list, 50)),
    byPosition: byPosition.map((list) => percentile(list, 50)),
    missed,
    total,
    generatorLoopP99: loopDelay.percentile(99) / 1e6,
    split: split.summary(),
    answeredPerSecond: latencies.length / (wallMs / 1000),
  };
}

// ZORYX_BENCH_NICED=0: only the method before (no phases with Discord's stand-in at nice 10).
const NICED = process.env.ZORYX_BENCH_NICED !== '0';
// The phases of each bot run; `…Niced`: the same with Discord's stand-in at nice DISCORD_NICE.
const PHASES = NICED ? ['slash', 'prefix', 'slashNiced', 'prefixNiced'] : ['slash', 'prefix'];

/** One open loop with this process (emulator + load generator) at nice DISCORD_NICE. */
async function nicedLoop(world, mode, pid, workerTid) {
  if (!reniceSelf(DISCORD_NICE)) throw new Error('bench: could not renice its own threads');
  try {
    return await openLoop(world, mode, pid, workerTid);
  } finally {
    if (!reniceSelf(STARTING_NICE)) {
      console.log('bench: could not return to the starting priority (needs CAP_SYS_NICE)');
    }
  }
}

if (PLACEMENT) pinProcess(process.pid, PLACEMENT.discord);

async function measure(kind, round) {
  const world = await createWorld({ channels: CHANNELS, users: USERS });
  const bot = startChild(kind, world.discord, { ZORYX_BENCH_DIR: await botFolder(1, 1) });
  // A child starts on its parent's CPUs: move it, and again once its threads are all there.
  if (PLACEMENT) pinProcess(bot.child.pid, PLACEMENT.bot);
  await bot.started;
  if (kind === 'zoryx-supervised') await bot.waitFor((m) => m.standbyLoaded);
  if (PLACEMENT) pinProcess(bot.child.pid, PLACEMENT.bot);
  await world.discord.waitFor(() => world.discord.commands().some((c) => c.name === 'ping'));
  const warm0 = threadCpuNs(bot.child.pid);
  for (let i = 0; i < 200; i++) await world.users[0].slash(world.guild, 'ping').reply();
  for (let i = 0; i < 200; i++) await world.users[0].send(world.channels[0], '!ping').reply();
  // The bot's worker thread: the thread that answered the warm-up (Node does not name threads).
  const workerTid =
    kind === 'zoryx-supervised'
      ? busiestOther(bot.child.pid, warm0, threadCpuNs(bot.child.pid))
      : null;
  // The relay's own lag (supervised): the supervisor's histogram before and after each phase.
  let asked = 0;
  const lagCounts = async () => {
    if (kind !== 'zoryx-supervised') return null;
    const id = ++asked;
    const answer = bot.waitFor((m) => m.lag !== undefined && m.id === id);
    bot.child.send({ cmd: 'lag', id });
    return (await answer).lag;
  };
  // Each mode by the method before and, alternating which goes first, with Discord niced.
  const phases = {};
  for (const mode of ['slash', 'prefix']) {
    const order = !NICED ? [false] : round % 2 === 0 ? [false, true] : [true, false];
    for (const niced of order) {
      const lagBefore = await lagCounts();
      const phase = await (niced ? nicedLoop : openLoop)(world, mode, bot.child.pid, workerTid);
      // The worker reports its lag counts every 500 ms: the last ones arrive within that.
      await new Promise((r) => setTimeout(r, 600));
      const lagAfter = await lagCounts();
      const since = (stage) => summarizeLag(lagAfter[stage].map((n, i) => n - lagBefore[stage][i]));
      phase.relayLag = lagAfter && { arrival: since('arrival'), handoff: since('handoff') };
      phases[niced ? `${mode}Niced` : mode] = phase;
    }
  }
  const identifies = world.discord.gateway.identifyCount;
  // A worker restarted mid-run (watchdog, crash) would explain missed replies: say so.
  for (const e of bot.events.filter((m) => m.event && m.event !== 'worker_started')) {
    console.log(`  ${kind}: ${e.event} ${JSON.stringify(e.payload)}`);
  }
  await stopChild(bot);
  await world.discord.close();
  return { kind, ...phases, identifies };
}

if (process.env.ZORYX_BENCH_BARE_CHILD) await bareChild(process.env.ZORYX_BENCH_BARE_CHILD);
else if (process.env.ZORYX_BENCH_BOT === 'bare') await bareBench();
else await botBench();

async function botBench() {
  // ZORYX_BENCH_ONLY=zoryx-supervised (or zoryx-single) runs one mode, e.g. under --cpu-prof.
  const only = process.env.ZORYX_BENCH_ONLY;
  const runs = only ? { [only]: [] } : { 'zoryx-single': [], 'zoryx-supervised': [] };
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate which mode goes first: the load generator's own state (GC, a warm JIT) favours
    // neither.
    const kinds = Object.keys(runs);
    for (const kind of round % 2 === 0 ? kinds : kinds.reverse()) {
      const r = await measure(kind, round);
      runs[kind].push(r);
      for (const mode of PHASES) {
        const o = r[mode];
        console.log(
          `round ${round + 1} ${kind.padEnd(16)} ${mode.padEnd(11)} p50 ${fmt(o.p50)}, p99 ${fmt(o.p99)}, last quarter p50 ${fmt(o.tailP50)}, missed ${o.missed}/${o.total}, bot CPU ${o.botCpu.toFixed(0)}% (generator loop delay p99 ${fmt(o.generatorLoopP99)})`,
        );
        for (const [stage, l] of Object.entries(o.relayLag ?? {})) {
          console.log(
            `  relay lag to ${stage.padEnd(7)} (from the supervisor's socket): p50 ${fmt(l.p50Ms)}, p90 ${fmt(l.p90Ms)}, p99 ${fmt(l.p99Ms)}, max ${fmt(l.maxMs)} over ${l.count} events`,
          );
        }
        if (process.env.ZORYX_BENCH_TIMELINE === '1') {
          console.log(`  p50 by second sent: ${o.timeline.map((ms) => fmt(ms)).join(', ')}`);
        }
        if (process.env.ZORYX_BENCH_POSITIONS === '1') {
          console.log(
            `  p50 by position in the tick: ${o.byPosition.map((ms) => fmt(ms)).join(', ')}`,
          );
        }
        const c = o.cpuPer1k;
        console.log(
          `  ${formatSplit('batch split, middle batches', o.split.middle)}\n  ${formatSplit('batch split, slowest 2 %', o.split.slowest)}\n  answered ${o.answeredPerSecond.toFixed(0)}/s; CPU ms per 1,000 commands: bot main thread ${c.main.toFixed(0)}, busiest other thread ${c.busiest.toFixed(0)}, rest ${c.rest.toFixed(0)} (largest ${c.restLargest.map((ms) => ms.toFixed(0)).join(', ')}); bench process (emulator + generator) ${c.bench.toFixed(0)}; load ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`,
        );
      }
    }
  }
  const mean = (list) => list.reduce((a, b) => a + b, 0) / list.length;
  const middle = (list) => {
    const sorted = [...list].sort((a, b) => a - b);
    const half = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
  };
  console.log(
    `open loop: ${RATE} commands/s for ${SECONDS} s, ${USERS} users in ${CHANNELS} channels, ${ROUNDS} rounds`,
  );
  // A round's p99 is its ~100 slowest commands: one GC pause or a busy neighbour moves it 5x.
  // The mean of the rounds (the figures before) follows such a round; the median of the rounds
  // (ZORYX_BENCH_ROUNDS >= 5 to mean something) does not. Both are printed.
  for (const [label, reduce] of [
    ['mean of rounds', mean],
    ['median of rounds', middle],
  ]) {
    if (!only) console.log(`-- ${label}`);
    printSummary(runs, only, reduce);
  }
  console.log(
    `IDENTIFYs per supervised run: ${(runs['zoryx-supervised'] ?? []).map((r) => r.identifies).join(', ')}`,
  );
}

function printSummary(runs, only, reduce) {
  for (const mode of only ? [] : PHASES) {
    const stat = (kind, key) => reduce(runs[kind].map((r) => r[mode][key]));
    const of = (kind) => ({
      p50: stat(kind, 'p50'),
      p99: stat(kind, 'p99'),
      cpu: stat(kind, 'botCpu'),
      answered: stat(kind, 'answeredPerSecond'),
    });
    const single = of('zoryx-single');
    const supervised = of('zoryx-supervised');
    console.log(
      `${mode.padEnd(11)} single p50 ${fmt(single.p50)} p99 ${fmt(single.p99)} CPU ${single.cpu.toFixed(0)}% | supervised p50 ${fmt(supervised.p50)} p99 ${fmt(supervised.p99)} CPU ${supervised.cpu.toFixed(0)}% | ratio p50 ${(supervised.p50 / single.p50).toFixed(2)}x, p99 ${(supervised.p99 / single.p99).toFixed(2)}x, CPU ${(supervised.cpu / single.cpu).toFixed(2)}x; answered/s ${single.answered.toFixed(0)} | ${supervised.answered.toFixed(0)}${Math.min(single.answered, supervised.answered) < RATE * 0.95 ? ' — BEHIND the offered rate: not a latency figure' : ''}`,
    );
    // What the relay itself adds (its lag, measured on every event), against the one-process
    // bot's end-to-end latency of the same rounds.
    for (const stage of ['arrival', 'handoff']) {
      const lag = (key) =>
        reduce(runs['zoryx-supervised'].map((r) => r[mode].relayLag[stage][key]));
      console.log(
        `${''.padEnd(11)} relay lag to ${stage.padEnd(7)} p50 ${fmt(lag('p50Ms'))} = ${((100 * lag('p50Ms')) / single.p50).toFixed(1)} % of the one-process p50; p99 ${fmt(lag('p99Ms'))} = ${((100 * lag('p99Ms')) / single.p99).toFixed(1)} % of its p99`,
      );
    }
  }
}

async function bareBench() {
  const total = RATE * SECONDS;
  const results = { single: [], supervised: [] };
  for (let round = 0; round < ROUNDS; round++) {
    for (const mode of round % 2 === 0 ? ['single', 'supervised'] : ['supervised', 'single']) {
      const world = await createWorld({ channels: 20, users: 50 });
      const child = fork(new URL(import.meta.url), [], {
        env: {
          ...process.env,
          ZORYX_BENCH_BARE_CHILD: mode,
          DISCORD_TOKEN: world.discord.token,
          ZORYX_DISCORD_API: world.discord.apiUrl,
        },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        execArgv: benchExecArgv(),
      });
      // Messages the supervisor thread posted to its workers so far (each may wake the worker).
      let posts = 0;
      const ask = () =>
        new Promise((resolve) => {
          child.once('message', (m) => {
            posts = m.posts;
            resolve(m.count);
          });
          child.send('count');
        });
      const send = (from, to) => {
        for (let i = from; i < to; i++) {
          world.users[i % 50].send(world.channels[i % 20], `m${i}`);
        }
      };
      await new Promise((resolve) => child.once('message', resolve));
      // Warm-up (and the supervised bot's standby worker loads meanwhile).
      send(0, 500);
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      const counted = await ask();
      const posts0 = posts;
      const before = threadCpuNs(child.pid);
      const t0 = performance.now();
      for (let sent = 0; sent < total; ) {
        const due = Math.min(total, Math.floor((performance.now() - t0) / (1000 / RATE)) + 1);
        send(sent, due);
        sent = due;
        await new Promise((resolve) => setTimeout(resolve, TICK_MS));
      }
      while ((await ask()) - counted < total) await new Promise((r) => setTimeout(r, 50));
      const after = threadCpuNs(child.pid);
      const us = (tid) => (after.get(tid) - (before.get(tid) ?? 0)) / 1000 / total;
      const others = [...after.keys()].filter((tid) => tid !== child.pid).map(us);
      const r = {
        main: us(child.pid),
        worker: mode === 'supervised' ? Math.max(...others) : 0,
        all: [...after.keys()].reduce((sum, tid) => sum + us(tid), 0),
        postsPerEvent: (posts - posts0) / total,
      };
      results[mode].push(r);
      console.log(
        `round ${round + 1} ${mode.padEnd(10)} CPU µs per event: main thread ${r.main.toFixed(1)}${mode === 'supervised' ? `, worker ${r.worker.toFixed(1)}, posts per event ${r.postsPerEvent.toFixed(2)}` : ''}, whole process ${r.all.toFixed(1)}; load ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`,
      );
      child.send('stop');
      await new Promise((resolve) => child.once('exit', resolve));
      await world.discord.close();
    }
  }
  const mean = (list, key) => list.reduce((sum, r) => sum + r[key], 0) / list.length;
  const single = mean(results.single, 'all');
  const supervised = mean(results.supervised, 'all');
  console.log(
    `bare client, ${RATE} MESSAGE_CREATE/s for ${SECONDS} s, ${ROUNDS} rounds: one process ${single.toFixed(1)} µs per event; supervised ${supervised.toFixed(1)} (supervisor ${mean(results.supervised, 'main').toFixed(1)}, worker ${mean(results.supervised, 'worker').toFixed(1)}): +${(supervised - single).toFixed(1)} µs, ${(supervised / single).toFixed(2)}x`,
  );
}

/** The bare bot's process: a discord.js client, in this thread or in a supervised worker. */
async function bareChild(mode) {
  const { Client, GatewayIntentBits } = await import('discord.js');
  const intents =
    GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages | GatewayIntentBits.MessageContent;
  let count;
  let close;
  let posts = 0;
  if (mode === 'single') {
    let n = 0;
    const client = new Client({ intents, rest: { api: process.env.ZORYX_DISCORD_API } });
    client.on('messageCreate', () => n++);
    await client.login(process.env.DISCORD_TOKEN);
    count = () => n;
    close = () => client.destroy();
  } else {
    const { startSupervisor } = await import('@zoryx/supervisor');
    // Counts the supervisor's posts to its worker threads (a batch is one).
    const { Worker } = await import('node:worker_threads');
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function counted(...args) {
      posts++;
      return post.apply(this, args);
    };
    // The worker's entry, self-contained: discord.js by absolute URL.
    const source = `import { Client } from ${JSON.stringify(import.meta.resolve('discord.js'))};
export default async function start(relay) {
  const client = new Client({ ...relay.clientOptions(), rest: { api: process.env.ZORYX_DISCORD_API } });
  client.on('messageCreate', () => {});
  await client.login(process.env.DISCORD_TOKEN);
  return client;
}`;
    const quiet = () => undefined;
    const supervisor = await startSupervisor({
      entry: new URL(`data:text/javascript,${encodeURIComponent(source)}`),
      handleSignals: false,
      intents,
      logger: { debug: quiet, info: quiet, warn: quiet, error: quiet },
    });
    // Events the worker handed to discord.js (acknowledged; applied every 100 ms).
    count = () => {
      const { delivered, inFlight } = supervisor.stats().stream;
      return delivered - inFlight;
    };
    close = () => supervisor.close('bench');
  }
  process.on('message', async (m) => {
    if (m === 'count') process.send({ count: count(), posts });
    if (m === 'stop') {
      await close();
      process.exit(0);
    }
  });
  process.send({ started: true });
}
