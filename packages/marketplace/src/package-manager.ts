import { spawn } from 'node:child_process';
import type { BotFolder } from './bot-folder.js';
import { MarketplaceError } from './errors.js';

/** What one package manager run printed, and how it ended. */
export interface PmRun {
  readonly command: string;
  readonly code: number;
  readonly output: string;
  readonly ms: number;
}

function run(
  folder: BotFolder,
  args: readonly string[],
  env: Record<string, string | undefined>,
): Promise<PmRun> {
  const started = performance.now();
  const bin = folder.packageManager;
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, {
      cwd: folder.dir,
      // The user's npm settings (registry, auth, cache) stay; these runs never prompt.
      env: { ...env, npm_config_yes: 'true', npm_config_update_notifier: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', (error) =>
      reject(
        new MarketplaceError(
          'ZRX_MARKET_INSTALL_FAILED',
          `Could not run ${bin}: ${error.message}`,
          { cause: error },
        ),
      ),
    );
    child.once('close', (code) =>
      resolve({
        command: `${bin} ${args.join(' ')}`,
        code: code ?? 1,
        output,
        ms: performance.now() - started,
      }),
    );
  });
}

async function mustSucceed(
  folder: BotFolder,
  args: readonly string[],
  env: Record<string, string | undefined>,
): Promise<PmRun> {
  const result = await run(folder, args, env);
  if (result.code !== 0) {
    throw new MarketplaceError(
      'ZRX_MARKET_INSTALL_FAILED',
      `${result.command} exited with ${result.code}:\n${result.output.trim().split('\n').slice(-15).join('\n')}`,
    );
  }
  return result;
}

const QUIET = ['--no-audit', '--no-fund'] as const;

/**
 * Installs `name@version` into the bot's package.json and lockfile with install scripts OFF
 * (for the package and everything it brings). Only when the owner allowed this package are its
 * own scripts run afterwards (`npm rebuild <name>` / `pnpm rebuild <name>`).
 */
export async function installPackage(
  folder: BotFolder,
  spec: { name: string; version: string; allowScripts: boolean },
  env: Record<string, string | undefined>,
): Promise<PmRun[]> {
  const target = `${spec.name}@${spec.version}`;
  const runs = [
    folder.packageManager === 'pnpm'
      ? await mustSucceed(folder, ['add', target, '--ignore-scripts'], env)
      : await mustSucceed(folder, ['install', target, '--ignore-scripts', ...QUIET], env),
  ];
  if (spec.allowScripts) runs.push(await mustSucceed(folder, ['rebuild', spec.name], env));
  return runs;
}

/** Uninstalls packages from package.json, the lockfile and node_modules (scripts off). */
export async function uninstallPackages(
  folder: BotFolder,
  names: readonly string[],
  env: Record<string, string | undefined>,
): Promise<PmRun> {
  return folder.packageManager === 'pnpm'
    ? mustSucceed(folder, ['remove', ...names], env)
    : mustSucceed(folder, ['uninstall', ...names, '--ignore-scripts', ...QUIET], env);
}

/**
 * Brings node_modules back in line with the (restored) package.json and lockfile after a
 * rollback, scripts off. The caller restores the files' bytes again afterwards.
 */
export async function resyncInstall(
  folder: BotFolder,
  env: Record<string, string | undefined>,
): Promise<PmRun> {
  return folder.packageManager === 'pnpm'
    ? run(folder, ['install', '--frozen-lockfile', '--ignore-scripts'], env)
    : run(folder, ['install', '--ignore-scripts', ...QUIET], env);
}
