import { describe, expect, it } from 'vitest';
import { firstRun, nextRunAfter, timingOf } from './job-spec.js';

describe('job specs', () => {
  it('takes exactly one of at, every or cron', () => {
    expect(timingOf({ id: 'a', handler: 'h', every: 1_000 })).toEqual({
      kind: 'every',
      every: 1_000,
    });
    expect(timingOf({ id: 'a', handler: 'h', at: new Date(5_000) })).toEqual({
      kind: 'at',
      at: 5_000,
    });
    expect(timingOf({ id: 'a', handler: 'h', cron: '0 3 * * *' })).toEqual({
      kind: 'cron',
      cron: '0 3 * * *',
      timezone: 'UTC',
    });
    expect(() => timingOf({ id: 'a', handler: 'h' })).toThrow(
      /exactly one of at, every or cron \(got none\)/,
    );
    expect(() => timingOf({ id: 'a', handler: 'h', every: 1_000, cron: '* * * * *' })).toThrow(
      /got every, cron/,
    );
  });

  it('names the field that is wrong, with a coded error', () => {
    const cases: [Parameters<typeof timingOf>[0], RegExp][] = [
      [{ id: 'bad id!', handler: 'h', every: 1_000 }, /id must be/],
      [{ id: 'a', handler: '', every: 1_000 }, /handler must be/],
      [{ id: 'a', handler: 'h', every: 5 }, /every must be a number of milliseconds ≥ 100/],
      [{ id: 'a', handler: 'h', at: Number.NaN }, /at must be a valid date/],
      [
        { id: 'a', handler: 'h', cron: 'every tuesday' },
        /cron "every tuesday" \(UTC\) is not valid/,
      ],
      [{ id: 'a', handler: 'h', cron: '* * * * *', timezone: 'Mars/Olympus' }, /is not valid/],
      [{ id: 'a', handler: 'h', every: 1_000, maxRuns: 0 }, /maxRuns must be a whole number/],
      [{ id: 'a', handler: 'h', every: 1_000, payload: { big: 'x'.repeat(70_000) } }, /64 KiB/],
    ];
    for (const [spec, message] of cases) {
      expect(() => timingOf(spec)).toThrow(message);
      expect(() => timingOf(spec)).toThrow(expect.objectContaining({ code: 'ZRX_JOB_INVALID' }));
    }
  });

  it('computes the next run: one-shot once, every from the last run, cron in its time zone', () => {
    const at = timingOf({ id: 'a', handler: 'h', at: 9_000 });
    expect(firstRun(at, 1_000)).toBe(9_000);
    expect(nextRunAfter(at, 9_000)).toBeNull();
    const every = timingOf({ id: 'a', handler: 'h', every: 60_000 });
    expect(firstRun(every, 1_000)).toBe(61_000);
    const daily = timingOf({ id: 'a', handler: 'h', cron: '0 3 * * *' });
    const from = Date.UTC(2026, 11, 5, 15, 0);
    expect(new Date(nextRunAfter(daily, from) ?? 0).toISOString()).toBe('2026-12-06T03:00:00.000Z');
    const berlin = timingOf({
      id: 'a',
      handler: 'h',
      cron: '0 3 * * *',
      timezone: 'Europe/Berlin',
    });
    expect(new Date(nextRunAfter(berlin, from) ?? 0).toISOString()).toBe(
      '2026-12-06T02:00:00.000Z',
    );
  });
});
