import { type ChildProcess, spawn } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseEnv } from 'node:util';
import { CliError } from './errors.js';

/** Entry files tried in order when `--entry` is not given. */
export const DEFAULT_ENTRIES = ['src/index.ts', 'src/index.js', 'index.ts', 'index.js'] as const;

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}

/** The bot's entry file (absolute): `entry` if given, else the first of {@link DEFAULT_ENTRIES}. */
export async function findEntry(cwd: string, entry?: string): Promise<string> {
  const candidates = entry ? [entry] : DEFAULT_ENTRIES;
  for (const candidate of candidates) {
    const path = join(cwd, candidate);
    if (await isFile(path)) return path;
  }
  throw new CliError(
    'ZRX_CLI_ENTRY_NOT_FOUND',
    entry
      ? `The entry file ${entry} does not exist in ${cwd}.`
      : `No bot entry in ${cwd}: looked for ${DEFAULT_ENTRIES.join(', ')}.`,
    'Run zoryx dev in your bot folder (or pass --cwd <dir>), or name the entry with --entry <file>.',
  );
}

/** The variables of `<cwd>/.env` (empty when there is none); the process environment is untouched. */
export async function readDotEnv(cwd: string): Promise<Record<string, string>> {
  let text: string;
  try {
    text = await readFile(join(cwd, '.env'), 'utf8');
  } catch {
    return {};
  }
  return Object.fromEntries(
    Object.entries(parseEnv(text)).filter((e): e is [string, string] => e[1] !== undefined),
  );
}

/** Options of {@link spawnBot}. */
export interface SpawnBotOptions {
  cwd: string;
  /** Absolute path of the entry file. */
  entry: string;
  env: Record<string, string | undefined>;
  /** `inherit` for a plain run; `pipe` to print the bot's output inside the chat. */
  stdio: 'inherit' | 'pipe';
}

/** How long a bot asked to stop (SIGTERM/SIGINT) may take before it is made to exit, ms. */
export const BOT_STOP_GRACE_MS = 3_000;

/**
 * Loaded into the bot process before its entry (`--import data:…`, so no file to ship). Fd 3 is
 * a pipe to `zoryx`: when it closes — `zoryx` exited, crashed, was killed, or lost its terminal
 * — the bot stops itself, so it is never left running orphaned. After SIGTERM/SIGINT the bot has
 * {@link BOT_STOP_GRACE_MS} for its graceful shutdown, then exits.
 */
const PARENT_LINK = `
import { Socket } from 'node:net';
import { isMainThread } from 'node:worker_threads';
// Worker threads inherit --import: only the main thread holds the link (a worker closing its
// own handle on fd 3 when the supervisor replaces it would close the link for the process).
if (isMainThread) {
const grace = ${BOT_STOP_GRACE_MS};
let stopping = false;
const stop = (signal) => {
  if (stopping) return;
  stopping = true;
  setTimeout(() => process.exit(signal === 'SIGINT' ? 130 : 143), grace).unref();
  // A bot without handlers of its own exits at once, as Node's default would.
  if (process.listenerCount(signal) <= 1) process.exit(signal === 'SIGINT' ? 130 : 143);
};
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => stop(signal));
try {
  const link = new Socket({ fd: 3, readable: true, writable: false });
  const lost = () => { if (!stopping) process.kill(process.pid, 'SIGTERM'); };
  link.on('end', lost).on('close', lost).on('error', lost);
  link.resume();
  link.unref();
} catch {}
}
`;

/**
 * Runs the bot's entry in a child Node process with tsx's loader (so `src/index.ts` runs as is).
 * A child process, not an import: the bot gets its own Sapphire registries and signal handlers,
 * and Ctrl+C / SIGINT shut it down with the framework's graceful shutdown. A pipe on fd 3 ties
 * the bot's life to this process (see {@link PARENT_LINK}).
 */
export function spawnBot(options: SpawnBotOptions): ChildProcess {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const link = `data:text/javascript,${encodeURIComponent(PARENT_LINK)}`;
  return spawn(
    process.execPath,
    ['--import', link, '--import', tsx, relative(options.cwd, options.entry)],
    {
      cwd: options.cwd,
      env: options.env,
      stdio:
        options.stdio === 'inherit'
          ? ['inherit', 'inherit', 'inherit', 'pipe']
          : ['ignore', 'pipe', 'pipe', 'pipe'],
    },
  );
}

/** Resolves with the exit code once the child has exited (immediately if it already has). */
export function exited(child: ChildProcess): Promise<number> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve(child.exitCode ?? 1);
  }
  return new Promise((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
}

/** Asks the bot to shut down (SIGINT, its graceful path), and kills it after `graceMs`. */
export async function stopBot(
  child: ChildProcess,
  graceMs = BOT_STOP_GRACE_MS + 2_000,
): Promise<number> {
  const done = exited(child);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  try {
    return await done;
  } finally {
    clearTimeout(timer);
  }
}
