import { describe, expect, it } from 'vitest';
import { formatDuration, formatModAction } from './mod-log-format.js';

describe('mod log formatting', () => {
  it('formats durations in whole units', () => {
    expect(formatDuration(90_000)).toBe('1m 30s');
    expect(formatDuration(93_600_000)).toBe('1d 2h');
    expect(formatDuration(0)).toBe('0s');
  });

  it('formats one entry per line', () => {
    const line = formatModAction({
      caseId: 7,
      action: 'timeout',
      userId: '1',
      moderatorId: '2',
      reason: 'spam',
      durationMs: 600_000,
      createdAt: 1_700_000_000_000,
    });
    expect(line).toBe('**#7** · <@1> timed out for 10m by <@2> <t:1700000000:R> — spam');
  });
});
