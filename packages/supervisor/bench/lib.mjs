// Shared helpers of the supervisor benchmarks: the emulated world, bot folders, bot processes
// (each bot in its own child process, the emulator and the load generator in this one).
import { fork } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// ZORYX_BENCH_EMULATOR=<file URL of an emulator build> runs the benches against that build
// instead of the installed package's dist (to measure an emulator change without rebuilding the
// workspace's dist under other users of it).
const { startEmulator } = await import(process.env.ZORYX_BENCH_EMULATOR || '@zoryx/emulator');

export const here = dirname(fileURLToPath(import.meta.url));

/** An emulator with a guild, `channels` text channels and `users` members. */
export async function createWorld({ channels = 1, users = 1 } = {}) {
  const discord = await startEmulator({ heartbeatInterval: 60_000, replyTimeout: 30_000 });
  const guild = discord.createGuild({ name: 'Bench' });
  const channelList = [guild.createChannel({ name: 'general' })];
  for (let i = 1; i < channels; i++) channelList.push(guild.createChannel({ name: `load-${i}` }));
  const userList = Array.from({ length: users }, (_, i) => {
    const user = discord.createUser({ username: `user${i}` });
    guild.addMember(user);
    return user;
  });
  return { discord, guild, channels: channelList, users: userList };
}

/**
 * A temp bot folder: `extensions` extensions carrying `commands` commands in total (`ping` among
 * them, pinned top-level), written with the v2 authoring API. The first extension also has the
 * misbehaving `spin` (blocks the loop after setActivity) and `boom` (uncaught exception).
 */
export async function botFolder(extensions, commands) {
  const dir = await mkdtemp(join(tmpdir(), 'zoryx-supervisor-bench-'));
  const per = Math.ceil(commands / extensions);
  let made = 0;
  for (let e = 0; e < extensions; e++) {
    const names = [];
    for (let i = 0; i < per && made < commands; i++, made++)
      names.push(made === 0 ? 'ping' : `cmd-${made}`);
    await mkdir(join(dir, 'extensions', `ext-${e}`), { recursive: true });
    await writeFile(
      join(dir, 'extensions', `ext-${e}`, 'index.ts'),
      extensionSource(`ext-${e}`, names, e === 0),
    );
  }
  return dir;
}

function extensionSource(name, names, faulty) {
  const faults = faulty
    ? `
  defineCommand({ name: 'spin', description: 'Blocks the loop', run() {
    setActivity('${name}/spin');
    while (Date.now() > 0) {}
  } }),
  defineCommand({ name: 'boom', description: 'Throws uncaught', async run(i) {
    await i.reply('armed');
    setTimeout(() => { throw new Error('boom'); }, 10);
  } }),`
    : '';
  return `import { defineCommand, defineExtension } from '@zoryx/framework';
import { setActivity } from '@zoryx/supervisor/worker';
const commands = [${faults}
  ...${JSON.stringify(names)}.map((n) => defineCommand({
    name: n, description: 'Command ' + n, pinned: n === 'ping',
    async run(interaction) { await interaction.reply('pong'); },
  })),
];
export default defineExtension({ name: ${JSON.stringify(name)}, version: '1.0.0', commands });
`;
}

/**
 * Starts a bot child (bench/children/<kind>.mjs); resolves `started` with ms since spawn once it
 * reports. `events` collects its messages; `waitFor(predicate)` awaits one.
 */
/**
 * The bot process's Node flags: ZORYX_BENCH_CPU_PROF=<dir> (a CPU profile per thread) and
 * ZORYX_BENCH_NODE_ARGS="--trace-gc …" (any others, V8's too).
 */
export function benchExecArgv() {
  return [
    ...(process.env.ZORYX_BENCH_CPU_PROF
      ? ['--cpu-prof', '--cpu-prof-dir', process.env.ZORYX_BENCH_CPU_PROF]
      : []),
    ...(process.env.ZORYX_BENCH_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? []),
  ];
}

export function startChild(kind, discord, env = {}) {
  const t0 = performance.now();
  const child = fork(join(here, 'children', `${kind}.mjs`), [], {
    env: {
      ...process.env,
      DISCORD_TOKEN: discord.token,
      ZORYX_DISCORD_API: discord.apiUrl,
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    // ZORYX_BENCH_OWN_SESSION=1: the bot in its own session. With Linux's autogroup scheduling
    // (kernel.sched_autogroup_enabled=1) a session shares one CPU share, so under foreign load
    // the bot would otherwise split the benchmark's share with the emulator and load generator.
    detached: process.env.ZORYX_BENCH_OWN_SESSION === '1',
    // ZORYX_BENCH_CPU_PROF=<dir>: a CPU profile per bot thread (Node refuses --cpu-prof in
    // NODE_OPTIONS; worker threads inherit execArgv).
    execArgv: benchExecArgv(),
  });
  const events = [];
  const waiters = new Set();
  child.on('message', (m) => {
    events.push({ ...m, at: performance.now() });
    for (const w of waiters) w.check(m);
  });
  child.once('exit', (code) => {
    for (const w of waiters) w.reject(new Error(`${kind} exited with ${code}`));
  });
  const waitFor = (predicate, after = 0) =>
    new Promise((resolve, reject) => {
      const found = events.find((m) => m.at >= after && predicate(m));
      if (found) return resolve(found);
      const waiter = {
        check: (m) => {
          if (!predicate(m)) return;
          waiters.delete(waiter);
          resolve({ ...m, at: performance.now() });
        },
        reject,
      };
      waiters.add(waiter);
    });
  const started = waitFor((m) => m.started).then(() => performance.now() - t0);
  return { child, t0, started, waitFor, events, send: (m) => child.send(m) };
}

/** Stops a child and waits for it to exit. */
export async function stopChild(bot) {
  const exited = new Promise((resolve) => bot.child.once('exit', resolve));
  bot.child.send('stop');
  await exited;
}

export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export const median = (values) => percentile(values, 50);
export const fmt = (ms) => (Number.isFinite(ms) ? `${ms.toFixed(ms < 10 ? 2 : 0)} ms` : 'n/a');
