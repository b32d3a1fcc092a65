import { spawn } from 'node:child_process';

/** The package managers the scaffolder can install with and print commands for. */
export const PACKAGE_MANAGERS = ['npm', 'pnpm', 'yarn', 'bun'] as const;

/** One of {@link PACKAGE_MANAGERS}. */
export type PackageManager = (typeof PACKAGE_MANAGERS)[number];

/** Narrows a string to a {@link PackageManager}. */
export function isPackageManager(value: string): value is PackageManager {
  return (PACKAGE_MANAGERS as readonly string[]).includes(value);
}

/**
 * The package manager that ran us, from `npm_config_user_agent` (`pnpm/10.3.0 npm/? node/v20…`,
 * set by `npm create`, `pnpm create`, `yarn create` and `bun create`); npm when unknown.
 */
export function detectPackageManager(userAgent: string | undefined): PackageManager {
  const name = userAgent?.split(' ')[0]?.split('/')[0] ?? '';
  return isPackageManager(name) ? name : 'npm';
}

/** The install command, as argv (`yarn` installs with no argument). */
export function installArgs(pm: PackageManager): readonly string[] {
  return pm === 'yarn' ? [] : ['install'];
}

/** How a user runs a package script with this manager, e.g. `npm run dev`, `pnpm dev`. */
export function runScriptCommand(pm: PackageManager, script: string): string {
  return pm === 'npm' || pm === 'bun' ? `${pm} run ${script}` : `${pm} ${script}`;
}

/** The install command as the user would type it. */
export function installCommand(pm: PackageManager): string {
  return [pm, ...installArgs(pm)].join(' ');
}

/** Options of {@link runCommand}. */
export interface RunCommandOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** `inherit` shows the child's progress in the terminal; `pipe` forwards it to the writers. */
  readonly stdio: 'inherit' | 'pipe' | 'ignore';
  readonly onStdout?: (chunk: string) => void;
  readonly onStderr?: (chunk: string) => void;
}

/** The outcome of {@link runCommand}: the exit code, or the spawn error (e.g. `ENOENT`). */
export type CommandResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly exitCode: number | null; readonly error?: Error };

/**
 * Runs a command to completion. On Windows package managers are `.cmd` shims that only a
 * shell can start, hence `shell` there.
 */
export function runCommand(
  command: string,
  args: readonly string[],
  options: RunCommandOptions,
): Promise<CommandResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: options.stdio === 'pipe' ? ['ignore', 'pipe', 'pipe'] : options.stdio,
      shell: process.platform === 'win32',
    });
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => options.onStdout?.(chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => options.onStderr?.(chunk));
    child.once('error', (error) => resolve({ ok: false, exitCode: null, error }));
    child.once('close', (code) =>
      resolve(code === 0 ? { ok: true } : { ok: false, exitCode: code }),
    );
  });
}

/** True when `<command> --version` starts and exits 0, i.e. the binary is on the PATH. */
export async function hasBinary(
  command: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<boolean> {
  const result = await runCommand(command, ['--version'], { cwd, env, stdio: 'ignore' });
  return result.ok;
}
