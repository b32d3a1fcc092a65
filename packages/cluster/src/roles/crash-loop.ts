import { type ChildProcess, spawn } from 'node:child_process';
import { ClusterError } from '../errors.js';

/** Options of {@link restartOnCrash}. */
export interface CrashLoopOptions {
  /** Starts the role process (e.g. this CLI again, with `ZORYX_ROLE_CHILD=1`). */
  start: () => ChildProcess;
  /** Consecutive crashes after which it stops restarting. Default 5. */
  maxCrashes?: number;
  /** Delay before the second consecutive restart, ms; doubles per further crash. Default 500. */
  initialMs?: number;
  /** Longest delay between restarts, ms. Default 30,000. */
  maxMs?: number;
  /** A process that ran this long before crashing starts the count over, ms. Default 60,000. */
  resetAfterMs?: number;
  /** Where the restart and give-up lines go. Default stderr. */
  log?: (line: string) => void;
}

/**
 * The crash-loop breaker around `zoryx start --role worker|gateway`: runs the role in a child
 * process and restarts it when it crashes (exits with a code other than 0, or by a signal this
 * parent did not send), the first time at once, then after `initialMs` doubling up to `maxMs`
 * (the supervisor's backoff policy); after `maxCrashes` crashes in a row it stops with one
 * `ZRX_CLUSTER_CRASH_LOOP` line and rejects with that error. SIGINT/SIGTERM are passed to the
 * child and end the loop; resolves when the child exits cleanly.
 */
export function restartOnCrash(options: CrashLoopOptions): Promise<void> {
  const maxCrashes = options.maxCrashes ?? 5;
  const initialMs = options.initialMs ?? 500;
  const maxMs = options.maxMs ?? 30_000;
  const resetAfterMs = options.resetAfterMs ?? 60_000;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  let crashes = 0;
  let stopping = false;
  let child: ChildProcess | undefined;
  const forward = (signal: NodeJS.Signals) => {
    stopping = true;
    child?.kill(signal);
  };
  const onInt = () => forward('SIGINT');
  const onTerm = () => forward('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  const cleanup = () => {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
  };
  return new Promise<void>((resolve, reject) => {
    const run = () => {
      const startedAt = Date.now();
      child = options.start();
      child.once('exit', (code, signal) => {
        if (stopping || code === 0) {
          cleanup();
          resolve();
          return;
        }
        if (Date.now() - startedAt >= resetAfterMs) crashes = 0;
        crashes += 1;
        if (crashes >= maxCrashes) {
          const error = new ClusterError(
            'ZRX_CLUSTER_CRASH_LOOP',
            `The role process crashed ${crashes} times in a row (last: ${signal ?? `exit code ${code}`}); not restarting it again.`,
          );
          log(`[${error.code}] ${error.message.split('\n')[0]}`);
          cleanup();
          reject(error);
          return;
        }
        const delay = crashes === 1 ? 0 : Math.min(maxMs, initialMs * 2 ** (crashes - 2));
        log(
          `[zoryx] role process crashed (${signal ?? `exit code ${code}`}), crash ${crashes} of ${maxCrashes}; restarting in ${delay} ms`,
        );
        setTimeout(run, delay);
      });
    };
    run();
  });
}

/** Starts this same command again as the role process (`ZORYX_ROLE_CHILD=1` marks it). */
export function startSelfAgain(env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    env: { ...env, ZORYX_ROLE_CHILD: '1' },
    stdio: 'inherit',
  });
}
