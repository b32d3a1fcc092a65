import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { isClusterError } from '../errors.js';
import { restartOnCrash } from './crash-loop.js';

/** A real child process that exits with `code` at once. */
const exiting = (code: number) => () =>
  spawn(process.execPath, ['-e', `process.exit(${code})`], { stdio: 'ignore' });

describe('crash-loop breaker', () => {
  it('restarts a crashing process with backoff, then stops with one coded line', async () => {
    const lines: string[] = [];
    let starts = 0;
    const run = restartOnCrash({
      start: () => {
        starts += 1;
        return exiting(3)();
      },
      maxCrashes: 3,
      initialMs: 10,
      log: (line) => lines.push(line),
    });
    const error = await run.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isClusterError(error, 'ZRX_CLUSTER_CRASH_LOOP')).toBe(true);
    expect(starts).toBe(3);
    expect(lines.filter((line) => line.startsWith('[ZRX_CLUSTER_CRASH_LOOP]'))).toHaveLength(1);
    expect(lines.filter((line) => line.includes('restarting in'))).toEqual([
      expect.stringContaining('crash 1 of 3; restarting in 0 ms'),
      expect.stringContaining('crash 2 of 3; restarting in 10 ms'),
    ]);
  });

  it('ends without restarting when the process exits cleanly', async () => {
    let starts = 0;
    await restartOnCrash({
      start: () => {
        starts += 1;
        return exiting(0)();
      },
      log: () => undefined,
    });
    expect(starts).toBe(1);
  });
});
