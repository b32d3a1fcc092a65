// How the bench starts the bot it measures (see dashboard-bench.ts for the modes): in this
// process (createTestBot), or in a child process started from a bot folder like a deployed bot.
import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { type GuildHandle, startEmulator, type UserHandle } from '@zoryx/emulator';
import { startDashboardBot } from '../test/dashboard-bot.js';
import { gcMonitor } from './loop-monitor.mjs';

export const GUILDS = 1_000;
export const USERS = 100;

/**
 * `supervised`: the bot as `zoryx start` runs it (supervisor process, bot in a worker thread);
 * `child-process`: one plain process (`--no-supervise`); `in-process`: the bench's own process.
 */
export type Mode = 'supervised' | 'child-process' | 'in-process';
export type Kind = 'idle' | 'open';
export interface LoopDelay {
  p99Ms: number;
  maxMs: number;
}

/** A running bot with the dashboard, the emulated world around it, and how to measure it. */
export interface Target {
  readonly guild: GuildHandle;
  readonly users: readonly UserHandle[];
  readonly url: string;
  /** The dedicated probe port's origin (`probes: { port: 0 }`, answered off the bot's loop). */
  readonly probesUrl: string;
  readonly loginLink: string;
  readonly extensionsLoaded: number;
  readonly guilds: number;
  /** CPU time (ms) the bot's process used so far; `null` when the bot shares this process. */
  botCpuMs(): number | null;
  /** Records the bot's event-loop delay into phase `name` while `on` (child process only). */
  botLoop(name: string, on: boolean): void;
  /** The bot's event-loop delay per phase name; `null` when the bot shares this process. */
  botLoopDelay(): Promise<Record<string, LoopDelay> | null>;
  /** The bot thread's GC per condition (loop-monitor.mjs gcMonitor; in-process: this process). */
  botGc(): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

/**
 * The probe port's config: any free port; `BENCH_PROBE_PRIORITY=<nice>` sets `probes.priority`
 * (Linux; below 0 needs CAP_SYS_NICE — the bot logs a warning when refused).
 */
const PROBES = {
  port: 0,
  ...(process.env.BENCH_PROBE_PRIORITY
    ? { priority: Number(process.env.BENCH_PROBE_PRIORITY) }
    : {}),
};

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
export function ownCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** The earlier shape: createTestBot (emulator and bot in this process), guilds added after boot. */
export async function startInProcess(files: Record<string, string>): Promise<Target> {
  const d = await startDashboardBot({
    files,
    dashboard: { probes: PROBES },
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
  // In-process the bot's isolate is this process's: its GC includes the emulator's and the load's.
  const gc = gcMonitor();
  return {
    guild: t.guild,
    users,
    url: d.url(),
    probesUrl: t.bot.extensions.get('dashboard')?.probesUrl ?? '',
    loginLink: t.bot.extensions.get('dashboard')?.createLoginLink(t.owner.id) ?? '',
    extensionsLoaded: t.bot.extensions.status().filter((s) => s.state === 'loaded').length,
    guilds: t.bot.guilds.cache.size,
    botCpuMs: () => null,
    botLoop: (kind, on) => gc.phase(kind, on),
    botLoopDelay: async () => null,
    botGc: async () => gc.read(),
    close: () => d.close(),
  };
}

/** What the bot child prints once ready (bench/bot-child.mjs). */
interface ChildReady {
  ready: true;
  url: string;
  probesUrl: string;
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
export async function startChildProcess(
  files: Record<string, string>,
  supervised = false,
): Promise<Target> {
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
          config: { dashboard: { port: 0, printLoginLink: false, probes: PROBES } },
        },
      },
      null,
      2,
    ),
  );

  const clientOptions = discord.clientOptions();
  const script = supervised ? './bot-child-supervised.mjs' : './bot-child.mjs';
  const child: ChildProcess = fork(new URL(script, import.meta.url), [], {
    // Plain node: not this process's tsx loader (fork would inherit execArgv). BENCH_CPU_PROF=<dir>
    // writes the bot's CPU profile there when it exits (to find its long tasks under load).
    execArgv: process.env.BENCH_CPU_PROF
      ? ['--cpu-prof', `--cpu-prof-dir=${resolve(process.env.BENCH_CPU_PROF)}`]
      : [],
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
  const readLoop = () =>
    new Promise<{ loopDelay: Record<string, LoopDelay>; gc: Record<string, unknown> }>((done) => {
      const onMessage = (message: {
        loopDelay?: Record<string, LoopDelay>;
        gc?: Record<string, unknown>;
      }) => {
        if (!message.loopDelay) return;
        child.off('message', onMessage);
        done({ loopDelay: message.loopDelay, gc: message.gc ?? {} });
      };
      child.on('message', onMessage);
      child.send({ loop: 'read' });
    });
  return {
    guild,
    users,
    url: ready.url,
    probesUrl: ready.probesUrl,
    loginLink: ready.loginLink,
    extensionsLoaded: ready.extensionsLoaded,
    guilds: ready.guilds,
    botCpuMs: () => procCpuMs(pid),
    botLoop: (kind, on) => child.send({ loop: on ? 'start' : 'stop', kind }),
    botLoopDelay: async () => (await readLoop()).loopDelay,
    botGc: async () => (await readLoop()).gc,
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
