// Cluster processes for the end-to-end tests: `node test/fixtures/role.mjs <role> <botDir>` on
// the built packages, resolved once the process prints `ready`.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

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

/** Stops a process cleanly (SIGTERM) and waits for its exit; nothing to do if it has exited. */
export function stopRole(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
