import { describe, expect, it } from 'vitest';
import { SerialQueue } from './serial-queue.js';

describe('SerialQueue', () => {
  it('runs tasks one at a time, in order, and keeps going after a failure', async () => {
    const errors: unknown[] = [];
    const queue = new SerialQueue((error) => errors.push(error));
    const log: string[] = [];
    let release: () => void = () => undefined;
    const first = queue.run(
      () =>
        new Promise<string>((resolve) => {
          log.push('first started');
          release = () => resolve('one');
        }),
    );
    const failing = queue.run(async () => {
      log.push('second started');
      throw new Error('boom');
    });
    const third = queue.run(async () => {
      log.push('third started');
      return 3;
    });
    await Promise.resolve();
    expect(log).toEqual(['first started']);
    release();
    expect(await first).toBe('one');
    await expect(failing).rejects.toThrow('boom');
    expect(await third).toBe(3);
    await queue.idle();
    expect(log).toEqual(['first started', 'second started', 'third started']);
    expect(errors).toHaveLength(1);
  });
});
