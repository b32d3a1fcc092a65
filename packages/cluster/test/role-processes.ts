// Cluster processes for the end-to-end tests: `node test/fixtures/role.mjs <role> <botDir>` on
// the built packages, resolved once the process prints `ready`.
import { type ChildProcess, spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Emulator } from '@zoryx/emulator';

/** The fixtures folder (extensions copied into test bots, role.mjs). */
export const FIXTURES = join(import.meta.dirname, 'fixtures');

/** Starts a gateway or worker process for the bot in `dir`; resolves once it serves. */
export function startRole(
  dir: string,
  env: NodeJS.ProcessEnv,
  role: 'gateway' | 'worker',
): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(FIXTURES, 'role.mjs'), role, dir], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`${role} exited early (${code})`)));
  });
}

/** A role process whose stdout lines can be awaited. */
export interface WatchedRole {
  child: ChildProcess;
  /** Resolves with the rest of the first line starting with `word`; rejects if it exits first. */
  line(word: string): Promise<string>;
  /** Resolves with the exit code (null when killed by a signal) once the process has exited. */
  exited: Promise<number | null>;
}

/**
 * Spawns a gateway or worker process for the bot in `dir` and watches its output: a gateway
 * prints `standby` when it waits as a hot standby, `ready <takeover>` once it serves, `lost <code>`
 * when another gateway took its shards.
 */
export function spawnRole(
  dir: string,
  env: NodeJS.ProcessEnv,
  role: 'gateway' | 'worker',
): WatchedRole {
  const child = spawn(process.execPath, [join(FIXTURES, 'role.mjs'), role, dir], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  // 'close', not 'exit': by then stdout has been read to its end.
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => resolve(code)),
  );
  const line = (word: string) =>
    new Promise<string>((resolve, reject) => {
      const look = () => {
        const match = new RegExp(`^${word}(.*)$`, 'm').exec(output);
        if (match) resolve((match[1] ?? '').trim());
      };
      child.stdout?.on('data', look);
      look();
      // After the last output: a line printed just before the exit still counts.
      void exited.then((code) => {
        look();
        reject(new Error(`${role} exited (${code}) before printing "${word}"`));
      });
    });
  return { child, line, exited };
}

/** Stops a process cleanly (SIGTERM) and waits for its exit; nothing to do if it has exited. */
export function stopRole(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** What differs between the clustered test bots: their extensions and limits. */
export interface ClusterBotOptions {
  /** Fixture extensions to install (`fixtures/<name>-extension.ts` → `extensions/<name>`). */
  extensions: readonly string[];
  /** The config's `commands` section (cooldowns). */
  commands: Record<string, unknown>;
  /** The config's `intake` section; unknown-command replies are always off. */
  intake: Record<string, unknown>;
}

/**
 * Writes a test bot's folder under the system temp folder: the fixture extensions and a quiet
 * config (warnings only, no log files, no hot reload, no status rotation). Returns its path.
 */
export async function writeClusterBot(name: string, options: ClusterBotOptions): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `zoryx-cluster-${name}-`));
  for (const extension of options.extensions) {
    await mkdir(join(dir, 'extensions', extension), { recursive: true });
    await copyFile(
      join(FIXTURES, `${extension}-extension.ts`),
      join(dir, 'extensions', extension, 'index.ts'),
    );
  }
  const config = {
    logging: { file: false, level: 'warn' },
    autoReload: false,
    components: { statusRotation: false },
    commands: options.commands,
    intake: { ...options.intake, unknownCommandReplies: false },
  };
  await writeFile(join(dir, 'config.json'), JSON.stringify(config));
  return dir;
}

/** The environment of a gateway or worker process of a test bot: the emulator, Redis, a key prefix. */
export function roleEnv(discord: Emulator, redisUrl: string, prefix: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DISCORD_TOKEN: discord.token,
    ZORYX_DISCORD_API: discord.apiUrl,
    ZORYX_REDIS_URL: redisUrl,
    ZORYX_TEST_PREFIX: prefix,
  };
}
