import { describe, expect, it } from 'vitest';
import { MAX_TIMEOUT_MS, parseTimeoutDuration } from './timeout-duration.js';

describe('parseTimeoutDuration', () => {
  it('reads ms-style durations', () => {
    expect(parseTimeoutDuration('90s')).toEqual({ ok: true, ms: 90_000 });
    expect(parseTimeoutDuration(' 10m ')).toEqual({ ok: true, ms: 600_000 });
    expect(parseTimeoutDuration('2 days')).toEqual({ ok: true, ms: 172_800_000 });
    expect(parseTimeoutDuration('28d')).toEqual({ ok: true, ms: MAX_TIMEOUT_MS });
  });

  it('refuses what Discord would not accept, saying why', () => {
    expect(parseTimeoutDuration('soon')).toMatchObject({ ok: false });
    expect(parseTimeoutDuration('500ms')).toEqual({
      ok: false,
      message: 'A timeout lasts at least 1 second.',
    });
    expect(parseTimeoutDuration('29d')).toEqual({
      ok: false,
      message: 'Discord allows timeouts of 28 days at most.',
    });
  });
});
