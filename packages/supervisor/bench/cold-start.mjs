// Process start → first reply to /ping with 200 commands: a bare SapphireClient, the Zoryx bot in
// one process (50 extensions), the same bot supervised (the supervisor connects the gateway while
// the worker boots), and the product's path to it: `runBot` of @zoryx/cli (`zoryx start`, the
// template's `npm start`), which reads the bot folder's settings before it supervises. The first
// boot of each compiles and registers; the later ones reuse.
// ZORYX_BENCH_BOOTS (default 3) later boots per scenario; ZORYX_BENCH_ONLY=<kind>[,<kind>] runs
// only those scenarios (sapphire-bare, zoryx-single, zoryx-supervised, zoryx-runbot).
// ZORYX_BENCH_MARKS=1 also prints, per scenario, the median time from spawn at which each phase
// of the boot was reached (bench/children/phase-marks.mjs).
// ZORYX_BENCH_COMPILE_CACHE=1 (Node ≥ 22.1) runs every scenario twice: without Node's module
// compile cache and with it, in a fresh folder per scenario (its first boot compiles and writes
// the cache, the later boots read it). The peer and the one-process bot get NODE_COMPILE_CACHE (what
// a bare Sapphire user could set; `zoryx start --no-supervise` enables it as early), the supervised
// bots ZORYX_COMPILE_CACHE (runBot enables it before its run path and hands it to the worker's
// start; a startSupervisor entry's worker enables it before importing the entry). Otherwise every
// scenario runs without it (NODE_DISABLE_COMPILE_CACHE=1, ZORYX_COMPILE_CACHE=off), like for like.
// ZORYX_BENCH_HOT_RELOAD=1 adds each Zoryx scenario with hot reload on (`autoReload`, as the
// template's config.json has it; the other runs have it off): its watcher starts after start()
// resolves, so the first reply should not wait for chokidar and the scan of 50 folders.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { botFolder, createWorld, fmt, median, startChild, stopChild } from './lib.mjs';

const BOOTS = Number(process.env.ZORYX_BENCH_BOOTS ?? '3');

async function boot(kind, world, env) {
  const bot = startChild(kind, world.discord, env);
  await bot.started;
  await world.discord.waitFor(() => world.discord.commands().some((c) => c.name === 'ping'));
  await world.users[0].slash(world.guild, 'ping').reply();
  const firstReply = performance.now() - bot.t0;
  const asked = performance.now();
  bot.send({ cmd: 'cpu' });
  const { cpuMs } = await bot.waitFor((m) => m.cpuMs !== undefined, asked);
  const started = bot.events.find((m) => m.event === 'worker_started')?.payload;
  const marks = MARKS ? await phaseMarks(bot) : undefined;
  await stopChild(bot);
  return { firstReply, cpuMs, workerSpawnToReady: started?.spawnToReadyMs, marks };
}

const MARKS = process.env.ZORYX_BENCH_MARKS === '1';

/** The child's phase marks, as ms since the bench spawned it. */
async function phaseMarks(bot) {
  const asked = performance.now();
  bot.send({ cmd: 'marks' });
  const { marks } = await bot.waitFor((m) => m.marks !== undefined, asked);
  const spawnedAt = performance.timeOrigin + bot.t0;
  return Object.fromEntries(Object.entries(marks).map(([name, at]) => [name, at - spawnedAt]));
}

const ONLY = process.env.ZORYX_BENCH_ONLY?.split(',');
// The runBot scenario runs @zoryx/cli's build, which this package's build does not make.
const CLI_BUILT = existsSync(new URL('../../cli/dist/index.js', import.meta.url));
if (!CLI_BUILT) console.log('zoryx-runbot skipped: build @zoryx/cli first to include it');
const BASE = [
  ['sapphire (bare), 200 commands', 'sapphire-bare', { ZORYX_BENCH_COMMANDS: '200' }],
  ['zoryx single process, 50 ext / 200 cmds', 'zoryx-single', {}],
  ['zoryx supervised, 50 ext / 200 cmds', 'zoryx-supervised', {}],
  ['zoryx runBot (zoryx start), 50 ext / 200', 'zoryx-runbot', {}],
  ['zoryx runBot, boot bundle off, 50 ext / 200', 'zoryx-runbot', { ZORYX_BOOT_BUNDLE: 'off' }],
].filter(([, kind]) => (!ONLY || ONLY.includes(kind)) && (kind !== 'zoryx-runbot' || CLI_BUILT));
const WITH_CACHE = process.env.ZORYX_BENCH_COMPILE_CACHE === '1';
const NO_CACHE = { NODE_DISABLE_COMPILE_CACHE: '1', ZORYX_COMPILE_CACHE: 'off' };
/** The scenario's environment with a compile cache in `folder`, as its kind enables it. */
function cached(kind, env, folder) {
  const { NODE_DISABLE_COMPILE_CACHE: _off, ...inherited } = env;
  return kind === 'sapphire-bare' || kind === 'zoryx-single'
    ? { ...inherited, NODE_COMPILE_CACHE: folder, ZORYX_COMPILE_CACHE: 'off' }
    : { ...inherited, ZORYX_COMPILE_CACHE: folder };
}
const cacheFolders = [];
const SCENARIOS = [];
for (const [label, kind, env] of BASE) {
  SCENARIOS.push([label, kind, { ...process.env, ...NO_CACHE, ...env }]);
}
if (process.env.ZORYX_BENCH_HOT_RELOAD === '1') {
  for (const [label, kind, env] of BASE) {
    if (kind === 'sapphire-bare') continue;
    const on = { ...process.env, ...NO_CACHE, ...env, ZORYX_BENCH_AUTORELOAD: '1' };
    SCENARIOS.push([`${label} +hot reload`, kind, on]);
  }
}
if (WITH_CACHE) {
  for (const [label, kind, env] of BASE) {
    const folder = await mkdtemp(join(tmpdir(), 'zoryx-bench-compile-cache-'));
    cacheFolders.push(folder);
    SCENARIOS.push([`${label} +cache`, kind, cached(kind, { ...process.env, ...env }, folder)]);
  }
}

/**
 * The bench folder without the first extension's fault commands: they import
 * `@zoryx/supervisor/worker`, which the bench shares with its own bots (bot-options.mjs) but a bot
 * run by runBot has no copy of (the folder is in the temp directory, outside any node_modules).
 */
async function runBotFolder(extensions, commands) {
  const dir = await botFolder(extensions, commands);
  const file = join(dir, 'extensions', 'ext-0', 'index.ts');
  const source = (await readFile(file, 'utf8'))
    .replace(/^import \{ setActivity \} from '@zoryx\/supervisor\/worker';\n/m, '')
    .replace(/\n {2}defineCommand\(\{ name: 'spin'[\s\S]*?'boom'[\s\S]*?\} \}\),/, '');
  if (source.includes('supervisor') || source.includes("'spin'")) {
    throw new Error('cold-start: the fault commands were not removed from ext-0');
  }
  await writeFile(file, source);
  return dir;
}

/**
 * The boot bundle as `zoryx start` makes it (on by default; ZORYX_BOOT_BUNDLE=off: none): built
 * by a child process once a start has served 2 s, and its code cache written by the next start,
 * after its boot. The bench's first boot stops sooner, so it runs the same child (dist of
 * @zoryx/cli) and then one boot it does not count, before the later boots.
 */
async function bootBundleOf(s) {
  if (s.env.ZORYX_BOOT_BUNDLE === 'off') return;
  const { execFile } = await import('node:child_process');
  const child = new URL('../../cli/dist/boot-bundle-child.js', import.meta.url);
  const folder = join(s.env.ZORYX_BENCH_DIR, 'data', 'cache', 'boot');
  const out = await new Promise((resolve, reject) =>
    execFile(process.execPath, [child.pathname, folder], (error, stdout) =>
      error ? reject(error) : resolve(stdout),
    ),
  );
  const built = JSON.parse(out);
  if (!built.ok) throw new Error(`cold-start: the boot bundle was not built: ${built.message}`);
  await boot(s.kind, s.world, s.env);
  const cached = existsSync(
    join(folder, JSON.parse(await readFile(join(folder, 'runtime.json'), 'utf8')).cache),
  );
  console.log(
    `boot bundle: ${built.inputs} files watched, ${(built.bytes / 1e6).toFixed(1)} MB, built in ${built.buildMs} ms; code cache ${cached ? 'written' : 'MISSING'} by the boot after`,
  );
}

// One world per scenario (its commands stay registered between boots); the scenarios' boots are
// interleaved, so a change in the machine's load affects all three alike.
// Each Zoryx scenario has its own bot folder: the folder's data remembers which commands its
// world has registered.
const worlds = [];
for (const [, kind, env] of SCENARIOS) {
  const world = await createWorld();
  const dir =
    kind === 'sapphire-bare'
      ? undefined
      : kind === 'zoryx-runbot'
        ? await runBotFolder(50, 200)
        : await botFolder(50, 200);
  worlds.push({
    world,
    kind,
    env: { ...(dir ? { ZORYX_BENCH_DIR: dir } : {}), ...env },
    first: null,
    later: [],
  });
}
for (let round = 0; round <= BOOTS; round++) {
  for (const s of worlds) {
    const result = await boot(s.kind, s.world, s.env);
    if (round === 0) s.first = result;
    else s.later.push(result);
    if (round === 0 && s.kind === 'zoryx-runbot') await bootBundleOf(s);
  }
}
/** Each phase's median over the later boots, in the order they were reached. */
function phaseLine(later) {
  const names = [...new Set(later.flatMap((r) => Object.keys(r.marks ?? {})))];
  const medians = names.map((n) => [
    n,
    median(later.map((r) => r.marks?.[n]).filter(Number.isFinite)),
  ]);
  medians.push(['firstReply', median(later.map((r) => r.firstReply))]);
  medians.sort((a, b) => a[1] - b[1]);
  return `    phases (median ms since spawn): ${medians.map(([n, v]) => `${n} ${v.toFixed(0)}`).join(' → ')}`;
}
const worker = (r) =>
  r.workerSpawnToReady === undefined ? '' : ` (worker spawn → ready ${fmt(r.workerSpawnToReady)})`;
/** Later boots' median first reply of the peer in the same cache mode, for the ratios. */
const peerOf = (label) =>
  worlds.find(
    (w, i) =>
      w.kind === 'sapphire-bare' && SCENARIOS[i][0].endsWith('+cache') === label.endsWith('+cache'),
  );
for (const [i, [label]] of SCENARIOS.entries()) {
  const { first, later, world } = worlds[i];
  await world.discord.close();
  const wall = median(later.map((r) => r.firstReply));
  const peer = peerOf(label);
  const ratio =
    peer && peer !== worlds[i]
      ? ` (${(wall / median(peer.later.map((r) => r.firstReply))).toFixed(2)}× its peer)`
      : '';
  console.log(
    `${label.padEnd(46)} first boot ${fmt(first.firstReply)}${worker(first)} | later boots median ${fmt(wall)}${ratio} (${later.map((r) => fmt(r.firstReply)).join(', ')})${worker(later[later.length - 1])} | CPU to the first reply: first ${fmt(first.cpuMs)}, later median ${fmt(median(later.map((r) => r.cpuMs)))}`,
  );
  if (MARKS) console.log(phaseLine(later));
}
await Promise.all(cacheFolders.map((folder) => rm(folder, { recursive: true, force: true })));
