// End-to-end command latency and throughput through the full stack (emulator gateway →
// discord.js → Sapphire → preconditions → handler → REST reply), Zoryx vs a plain SapphireClient
// (the peer), each bot in its own child process, measured from the emulator's side.
//
// Three loads per bot: sequential (one command at a time), a closed loop (50 users, each sending
// its next command when the last one was answered: the maximum throughput, with queueing), and an
// open loop (commands issued on a fixed schedule, RATE per second for SECONDS, whether or not
// earlier ones were answered: the latency a bot under that load gives its users), first as slash
// commands, then as `!ping` prefix messages.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startEmulator } from '@zoryx/emulator';
import { botFolder, fmt, here, percentile, startBot, stopBot } from './harness.mjs';

const SEQUENTIAL = 1000;
const CONCURRENT_USERS = 50;
const TOTAL = 2000;
// Open loop: RATE commands/s for SECONDS, sent in batches every TICK_MS (one timer per batch,
// never one per command) by OPEN_USERS users spread over CHANNELS channels. A command without a
// reply after REPLY_TIMEOUT ms is missed (Discord's own 3 s interaction deadline still applies).
const RATE = Number(process.env.ZORYX_BENCH_RATE ?? '1000');
const SECONDS = Number(process.env.ZORYX_BENCH_SECONDS ?? '10');
const TICK_MS = 10;
const OPEN_USERS = 200;
const CHANNELS = 200;
const REPLY_TIMEOUT = 5_000;

/** CPU time (ms) a process used so far: this one from Node, the bot child from /proc (Linux). */
function cpuMs(pid) {
  if (pid === undefined) {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  }
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime (fields 14 and 15) in clock ticks, 100 per second on Linux.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

/** Issues RATE commands/s for SECONDS and times each from its send to the bot's reply. */
async function openLoop(bot, world, mode) {
  const { guild, users, channels } = world;
  const total = RATE * SECONDS;
  const interval = 1000 / RATE;
  const latencies = [];
  const lags = [];
  const pending = [];
  let missed = 0;
  let lastSend = 0;
  let lastReply = 0;
  const loopDelay = monitorEventLoopDelay({ resolution: 1 });
  const cpu0 = [cpuMs(), cpuMs(bot.child.pid)];
  loopDelay.enable();
  const t0 = performance.now();
  await new Promise((sent) => {
    let next = 0;
    let planned = t0;
    const tick = () => {
      const now = performance.now();
      lags.push(now - planned); // how late this batch's timer fired
      // Every command whose scheduled time (t0 + i × interval) has come; a late timer catches up.
      const due = Math.min(total, Math.floor((now - t0) / interval) + 1);
      for (; next < due; next++) {
        const user = users[next % users.length];
        const channel = channels[next % channels.length];
        const t = performance.now();
        const action =
          mode === 'slash'
            ? user.slash(guild, 'ping', {}, { channel })
            : user.send(channel, '!ping');
        lastSend = t;
        pending.push(
          action.reply({ timeout: REPLY_TIMEOUT }).then(
            () => {
              lastReply = performance.now();
              latencies.push(lastReply - t);
            },
            () => {
              missed++;
            },
          ),
        );
      }
      if (next >= total) return sent();
      planned = t0 + (Math.floor((now - t0) / TICK_MS) + 1) * TICK_MS;
      setTimeout(tick, Math.max(0, planned - performance.now()));
    };
    tick();
  });
  await Promise.all(pending);
  loopDelay.disable();
  const wall = Math.max(lastReply, lastSend) - t0;
  return {
    sentPerSecond: total / ((lastSend - t0 + interval) / 1000),
    answeredPerSecond: latencies.length / (wall / 1000),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: Math.max(...latencies),
    missed,
    total,
    lagP99: percentile(lags, 99),
    lagMax: Math.max(...lags),
    loopDelayP99: loopDelay.percentile(99) / 1e6,
    benchCpu: (cpuMs() - cpu0[0]) / wall,
    botCpu: (cpuMs(bot.child.pid) - cpu0[1]) / wall,
  };
}

async function measure(kind) {
  const discord = await startEmulator({ heartbeatInterval: 60_000, replyTimeout: 30_000 });
  const guild = discord.createGuild({ name: 'Bench' });
  const channels = [guild.createChannel({ name: 'general' })];
  for (let i = 1; i < CHANNELS; i++) channels.push(guild.createChannel({ name: `load-${i}` }));
  const users = Array.from({ length: Math.max(CONCURRENT_USERS, OPEN_USERS) }, (_, i) => {
    const user = discord.createUser({ username: `user${i}` });
    guild.addMember(user);
    return user;
  });
  const env = kind === 'zoryx' ? { ZORYX_BENCH_DIR: await botFolder(1, 1) } : {};
  // The peer's `ping` is slash-only; the preload gives it a `messageRun` and the prefix `!`.
  const execArgv = kind === 'sapphire' ? ['--import', join(here, 'sapphire-prefix.mjs')] : [];
  const bot = startBot(kind, discord, env, execArgv);
  await bot.started;
  for (let i = 0; i < 200; i++) await users[0].slash(guild, 'ping').reply();
  const latencies = [];
  for (let i = 0; i < SEQUENTIAL; i++) {
    const t = performance.now();
    await users[i % users.length].slash(guild, 'ping').reply();
    latencies.push(performance.now() - t);
  }
  const concurrent = [];
  const t0 = performance.now();
  await Promise.all(
    users.slice(0, CONCURRENT_USERS).map(async (user) => {
      for (let i = 0; i < TOTAL / CONCURRENT_USERS; i++) {
        const t = performance.now();
        await user.slash(guild, 'ping').reply();
        concurrent.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const world = { guild, users: users.slice(0, OPEN_USERS), channels };
  const settle = () => new Promise((r) => setTimeout(r, 500));
  await settle();
  const openSlash = await openLoop(bot, world, 'slash');
  for (let i = 0; i < 200; i++) await users[i % users.length].send(channels[0], '!ping').reply();
  await settle();
  const openPrefix = await openLoop(bot, world, 'prefix');
  await stopBot(bot);
  await discord.close();
  return {
    kind,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    perSecond: TOTAL / seconds,
    concurrentP99: percentile(concurrent, 99),
    openSlash,
    openPrefix,
  };
}

const results = [];
for (const kind of ['sapphire', 'zoryx']) results.push(await measure(kind));
for (const r of results) {
  console.log(
    `${r.kind.padEnd(8)} sequential p50 ${fmt(r.p50)}, p99 ${fmt(r.p99)} | ${CONCURRENT_USERS} users: ${r.perSecond.toFixed(0)} commands/s, p99 ${fmt(r.concurrentP99)}`,
  );
}
console.log(
  `open loop: ${RATE} commands/s for ${SECONDS} s, ${OPEN_USERS} users in ${CHANNELS} channels, batches every ${TICK_MS} ms`,
);
for (const r of results) {
  for (const [mode, o] of [
    ['slash', r.openSlash],
    ['prefix', r.openPrefix],
  ]) {
    console.log(
      `${r.kind.padEnd(8)} ${mode.padEnd(6)} sent ${o.sentPerSecond.toFixed(0)}/s, answered ${o.answeredPerSecond.toFixed(0)}/s, p50 ${fmt(o.p50)}, p95 ${fmt(o.p95)}, p99 ${fmt(o.p99)}, max ${fmt(o.max)}, missed ${o.missed}/${o.total} | generator: timer lateness p99 ${fmt(o.lagP99)}, max ${fmt(o.lagMax)}, event-loop delay p99 ${fmt(o.loopDelayP99)}, CPU ${(o.benchCpu * 100).toFixed(0)}% (bot ${(o.botCpu * 100).toFixed(0)}%)`,
    );
  }
}
const [peer, ours] = results;
console.log(
  `ratio zoryx/sapphire: p50 ${(ours.p50 / peer.p50).toFixed(2)}x, p99 ${(ours.p99 / peer.p99).toFixed(2)}x, throughput ${(ours.perSecond / peer.perSecond).toFixed(2)}x, open-loop slash p99 ${(ours.openSlash.p99 / peer.openSlash.p99).toFixed(2)}x, open-loop prefix p99 ${(ours.openPrefix.p99 / peer.openPrefix.p99).toFixed(2)}x`,
);
