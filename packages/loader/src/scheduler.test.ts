import { describe, expect, it } from 'vitest';
import { toMilliseconds } from './duration.js';
import { LoaderError } from './errors.js';
import { OwnershipScope } from './ownership.js';
import { createScheduler } from './scheduler.js';

function nextRuns(count: number): { tick: () => void; done: Promise<void> } {
  let left = count;
  let resolve!: () => void;
  const done = new Promise<void>((r) => {
    resolve = r;
  });
  return {
    tick: () => {
      if (--left === 0) resolve();
    },
    done,
  };
}

describe('toMilliseconds', () => {
  it('reads numbers and ms-style strings', () => {
    expect(toMilliseconds(250, 'x')).toBe(250);
    expect(toMilliseconds('1h', 'x')).toBe(3_600_000);
    expect(toMilliseconds('10s', 'x')).toBe(10_000);
    expect(toMilliseconds('2 days', 'x')).toBe(172_800_000);
  });

  it('rejects negative, non-finite and unreadable durations naming the argument', () => {
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY, 'soon', '']) {
      const error = (() => {
        try {
          toMilliseconds(bad, 'schedule.every(interval)');
        } catch (e) {
          return e as LoaderError;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(LoaderError);
      expect(error?.code).toBe('ZRX_EXT_INVALID_DURATION');
      expect(error?.message).toContain('schedule.every(interval)');
    }
  });
});

describe('createScheduler', () => {
  it('every() repeats until the scope is released', async () => {
    const scope = new OwnershipScope('ext');
    const schedule = createScheduler(scope, () => {});
    const runs = nextRuns(3);
    const task = schedule.every(5, runs.tick);
    await runs.done;
    expect(task.runs).toBeGreaterThanOrEqual(3);
    expect(task.active).toBe(true);
    await scope.dispose(1_000);
    expect(task.active).toBe(false);
    expect(scope.size).toBe(0);
  });

  it('every() with immediate runs once right away; errors are reported and it keeps going', async () => {
    const scope = new OwnershipScope('ext');
    const errors: unknown[] = [];
    const schedule = createScheduler(scope, (error) => errors.push(error));
    const runs = nextRuns(2);
    const task = schedule.every(
      '5ms',
      () => {
        runs.tick();
        throw new Error('tick failed');
      },
      { immediate: true },
    );
    expect(task.runs).toBe(1);
    await runs.done;
    expect(errors.length).toBeGreaterThanOrEqual(2);
    task.cancel();
    expect(task.active).toBe(false);
    expect(scope.size).toBe(0);
    await scope.dispose(1_000);
  });

  it('every() never overlaps a still-running async job', async () => {
    const scope = new OwnershipScope('ext');
    const schedule = createScheduler(scope, () => {});
    let release!: () => void;
    let concurrent = 0;
    let maxConcurrent = 0;
    const started = nextRuns(1);
    const task = schedule.every(2, async () => {
      concurrent++;
      maxConcurrent = Math.max(maxConcurrent, concurrent);
      started.tick();
      await new Promise<void>((r) => {
        release = r;
      });
      concurrent--;
    });
    await started.done;
    // let several intervals elapse while the first run is still pending
    await new Promise((r) => setTimeout(r, 30));
    expect(task.runs).toBe(1);
    release();
    await scope.dispose(1_000);
    expect(maxConcurrent).toBe(1);
  });

  it('after() runs once and leaves nothing registered; cancel() prevents it', async () => {
    const scope = new OwnershipScope('ext');
    const schedule = createScheduler(scope, () => {});
    const ran = nextRuns(1);
    const task = schedule.after('5ms', ran.tick);
    const cancelled = schedule.after(5, () => {
      throw new Error('must not run');
    });
    cancelled.cancel();
    await ran.done;
    expect(task.runs).toBe(1);
    expect(task.active).toBe(false);
    expect(cancelled.runs).toBe(0);
    expect(scope.size).toBe(0);
  });

  it('cron() runs on its schedule until released; a bad pattern is a coded error', async () => {
    const scope = new OwnershipScope('ext');
    const schedule = createScheduler(scope, () => {});
    const ran = nextRuns(1);
    const task = schedule.cron('* * * * * *', ran.tick); // every second
    expect(task.active).toBe(true);
    await ran.done;
    expect(task.runs).toBeGreaterThanOrEqual(1);
    await scope.dispose(1_000);
    expect(task.active).toBe(false);
    expect(() => schedule.cron('not a cron', () => {})).toThrow(
      expect.objectContaining({ code: 'ZRX_EXT_INVALID_CRON' }),
    );
  });
});
