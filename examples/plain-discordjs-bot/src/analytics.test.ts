import { expect, test } from 'vitest';
import { createFlakyAnalytics } from './analytics.js';

const event = { guildId: '1', userId: '2', count: 1 };

test('fails on every failEvery-th call and hangs on every hangEvery-th call until aborted', async () => {
  const sink = createFlakyAnalytics({ failEvery: 2, hangEvery: 3 });
  const never = new AbortController().signal;
  await expect(sink(event, never)).resolves.toBeUndefined(); // 1
  await expect(sink(event, never)).rejects.toThrow('503 (simulated failure, call 2)'); // 2

  const stuck = new AbortController();
  let settled = false;
  const third = sink(event, stuck.signal).finally(() => {
    settled = true;
  });
  await expect(sink(event, never)).rejects.toThrow('call 4'); // 4 runs while 3 hangs
  expect(settled).toBe(false);
  stuck.abort();
  await expect(third).rejects.toThrow('aborted');

  const preAborted = AbortSignal.abort();
  await expect(sink(event, preAborted)).resolves.toBeUndefined(); // 5
  await expect(sink(event, preAborted)).rejects.toThrow('aborted'); // 6 hangs, already aborted
});

test('defaults: every 3rd call fails, every 4th hangs', async () => {
  const sink = createFlakyAnalytics();
  const signal = AbortSignal.abort();
  const outcomes = [];
  for (let call = 1; call <= 12; call++) {
    outcomes.push(
      await sink(event, signal).then(
        () => 'ok',
        (error: Error) => (error.message.includes('aborted') ? 'hang' : 'fail'),
      ),
    );
  }
  expect(outcomes).toEqual([
    'ok',
    'ok',
    'fail',
    'hang',
    'ok',
    'fail',
    'ok',
    'hang',
    'fail',
    'ok',
    'ok',
    'hang',
  ]);
});
