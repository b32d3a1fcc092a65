// The emulator's own CPU per command: the emulator and its load generator in this process (as in
// the supervisor's and dashboard's benches), a minimal discord.js bot in a child process
// (bench/cpu-bot.mjs). Slash (`/ping`) then prefix (`!ping`) commands, each awaited with
// `.reply()`: by default a closed loop of BENCH_CONCURRENCY (20) commands in flight until
// BENCH_COMMANDS (4000) are answered, which stays comparable when the machine is too loaded for
// the bot to keep up with a fixed rate; with BENCH_RATE set, an open loop of BENCH_RATE
// commands/s for BENCH_SECONDS (5), as the supervisor's bench drives it. CPU per command is
// process.cpuUsage() of this process over the run divided by the commands: robust under
// foreign load, unlike latency.
//
// One command compares builds in the same run, alternating which goes first:
//   node bench/build-variant.mjs base <git-ref> && node bench/build-variant.mjs current
//   BENCH_BUILDS=base,current node bench/cpu-per-command.mjs
// Without BENCH_BUILDS it measures dist/ alone. Other knobs: BENCH_ROUNDS (3), BENCH_USERS (200),
// BENCH_CHANNELS (200), BENCH_MODES (slash,prefix).
// Profile with `node --cpu-prof --cpu-prof-dir=/tmp/prof bench/cpu-per-command.mjs`.
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const RATE = process.env.BENCH_RATE ? Number(process.env.BENCH_RATE) : null;
const SECONDS = Number(process.env.BENCH_SECONDS ?? '5');
const COMMANDS = Number(process.env.BENCH_COMMANDS ?? '4000');
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? '20');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? '3');
const USERS = Number(process.env.BENCH_USERS ?? '200');
const CHANNELS = Number(process.env.BENCH_CHANNELS ?? '200');
const MODES = (process.env.BENCH_MODES ?? 'slash,prefix').split(',');
const TICK_MS = 10;

const builds = (process.env.BENCH_BUILDS ?? 'dist').split(',').map((name) => ({
  name,
  url:
    name === 'dist'
      ? pathToFileURL(join(here, '..', 'dist', 'index.js')).href
      : pathToFileURL(join(here, '..', 'node_modules', '.bench-builds', name, 'index.js')).href,
}));

const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

/** CPU ms a process used so far (Linux /proc, 100 ticks per second). */
function childCpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Read and write system calls of this process so far (Linux /proc/self/io; writev counts). */
function syscalls() {
  const io = Object.fromEntries(
    readFileSync('/proc/self/io', 'utf8')
      .trim()
      .split('\n')
      .map((line) => line.split(': ')),
  );
  return { reads: Number(io.syscr), writes: Number(io.syscw) };
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function world(build) {
  const { startEmulator } = await import(build.url);
  const discord = await startEmulator({ heartbeatInterval: 60_000, replyTimeout: 30_000 });
  const guild = discord.createGuild({ name: 'Bench' });
  const channels = [guild.createChannel({ name: 'general' })];
  for (let i = 1; i < CHANNELS; i++) channels.push(guild.createChannel({ name: `load-${i}` }));
  const users = Array.from({ length: USERS }, (_, i) => {
    const user = discord.createUser({ username: `user${i}` });
    guild.addMember(user);
    return user;
  });
  const bot = fork(join(here, 'cpu-bot.mjs'), [], {
    env: { ...process.env, BENCH_API: discord.apiUrl, BENCH_TOKEN: discord.token },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await new Promise((resolve, reject) => {
    bot.once('message', resolve);
    bot.once('exit', (code) => reject(new Error(`bot exited with ${code}`)));
  });
  return { discord, guild, channels, users, bot };
}

async function openLoop({ guild, channels, users, bot }, mode) {
  const total = RATE * SECONDS;
  const interval = 1000 / RATE;
  const latencies = [];
  const pending = [];
  let missed = 0;
  const bot0 = childCpuMs(bot.pid);
  const io0 = syscalls();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await new Promise((sent) => {
    let next = 0;
    const tick = () => {
      const due = Math.min(total, Math.floor((performance.now() - t0) / interval) + 1);
      for (; next < due; next++) {
        const user = users[next % users.length];
        const channel = channels[next % channels.length];
        const t = performance.now();
        const action =
          mode === 'slash'
            ? user.slash(guild, 'ping', {}, { channel })
            : user.send(channel, '!ping');
        pending.push(
          action.reply({ timeout: 30_000 }).then(
            () => latencies.push(performance.now() - t),
            (error) => {
              if (missed++ === 0 && process.env.BENCH_DEBUG) console.error(error);
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
  const cpu = process.cpuUsage(cpu0);
  const io = syscalls();
  return {
    emulatorUs: (cpu.user + cpu.system) / total,
    systemUs: cpu.system / total,
    writes: (io.writes - io0.writes) / total,
    reads: (io.reads - io0.reads) / total,
    botUs: ((childCpuMs(bot.pid) - bot0) * 1000) / total,
    p50: percentile(latencies, 50),
    missed,
    total,
  };
}

/** Keeps CONCURRENCY commands in flight until COMMANDS are answered. */
async function closedLoop({ guild, channels, users, bot }, mode, commands = COMMANDS) {
  const latencies = [];
  let missed = 0;
  let next = 0;
  const bot0 = childCpuMs(bot.pid);
  const io0 = syscalls();
  const cpu0 = process.cpuUsage();
  const worker = async () => {
    while (next < commands) {
      const i = next++;
      const user = users[i % users.length];
      const channel = channels[i % channels.length];
      const t = performance.now();
      const action =
        mode === 'slash' ? user.slash(guild, 'ping', {}, { channel }) : user.send(channel, '!ping');
      try {
        await action.reply({ timeout: 30_000 });
        latencies.push(performance.now() - t);
      } catch (error) {
        if (missed++ === 0 && process.env.BENCH_DEBUG) console.error(error);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const cpu = process.cpuUsage(cpu0);
  const io = syscalls();
  return {
    emulatorUs: (cpu.user + cpu.system) / commands,
    systemUs: cpu.system / commands,
    writes: (io.writes - io0.writes) / commands,
    reads: (io.reads - io0.reads) / commands,
    botUs: ((childCpuMs(bot.pid) - bot0) * 1000) / commands,
    p50: percentile(latencies, 50),
    missed,
    total: commands,
  };
}

async function measure(build) {
  const w = await world(build);
  // Warm up (JIT, connection pool) with half a run of each mode, not counted.
  for (const mode of MODES) await closedLoop(w, mode, Math.ceil(COMMANDS / 2));
  const results = {};
  for (const mode of MODES) {
    results[mode] = RATE ? await openLoop(w, mode) : await closedLoop(w, mode);
    await new Promise((r) => setTimeout(r, 300));
  }
  const exited = new Promise((resolve) => w.bot.once('exit', resolve));
  w.bot.send('stop');
  await exited;
  await w.discord.close();
  return results;
}

const all = Object.fromEntries(builds.map((b) => [b.name, []]));
for (let round = 0; round < ROUNDS; round++) {
  const order = round % 2 === 0 ? builds : [...builds].reverse();
  for (const build of order) {
    const r = await measure(build);
    all[build.name].push(r);
    for (const mode of MODES) {
      const o = r[mode];
      console.log(
        `round ${round + 1} ${build.name.padEnd(8)} ${mode.padEnd(6)} emulator ${o.emulatorUs.toFixed(0)} µs/command (${o.systemUs.toFixed(0)} in the kernel), bot ${o.botUs.toFixed(0)} µs/command, emulator syscalls/command ${o.writes.toFixed(2)} write + ${o.reads.toFixed(2)} read, p50 ${o.p50.toFixed(2)} ms, missed ${o.missed}/${o.total}; load ${load()}`,
      );
    }
  }
}
// The median of the rounds: one round disturbed by another user's burst does not move it.
const median = (list) => {
  const sorted = [...list].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
console.log(
  `${RATE ? `open loop, ${RATE} commands/s for ${SECONDS} s` : `closed loop, ${CONCURRENCY} in flight, ${COMMANDS} commands`}, ${USERS} users in ${CHANNELS} channels`,
);
for (const mode of MODES) {
  const line = builds.map((b) => {
    const us = median(all[b.name].map((r) => r[mode].emulatorUs));
    return `${b.name} ${us.toFixed(0)} µs`;
  });
  const first = median(all[builds[0].name].map((r) => r[mode].emulatorUs));
  const last = median(all[builds.at(-1).name].map((r) => r[mode].emulatorUs));
  const ratio =
    builds.length > 1
      ? ` (${builds.at(-1).name}/${builds[0].name} ${(last / first).toFixed(2)}x)`
      : '';
  console.log(
    `${mode.padEnd(6)} emulator CPU per command (median of rounds): ${line.join(', ')}${ratio}; load ${load()}`,
  );
}
