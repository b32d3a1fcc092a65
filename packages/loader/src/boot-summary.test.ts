import { describe, expect, it } from 'vitest';
import { formatBootSummary } from './boot-summary.js';

describe('formatBootSummary', () => {
  it('draws levels with timings, then what did not load and why', () => {
    const text = formatBootSummary({
      durationMs: 41.2,
      levels: [
        [
          { name: 'economy', version: '2.0.0', state: 'loaded', ms: 3.25, reason: null },
          {
            name: 'music',
            version: '1.0.0',
            state: 'failed',
            ms: null,
            reason: 'ZRX_EXT_SETUP_TIMEOUT: slow',
          },
        ],
        [{ name: 'leveling', version: '1.2.0', state: 'loaded', ms: 12.4, reason: null }],
      ],
      notLoaded: [
        { name: 'spam', version: null, state: 'skipped', ms: null, reason: 'blacklisted' },
      ],
    });
    expect(text).toBe(
      [
        'extensions booted in 41 ms: 2 loaded, 1 failed, 1 skipped',
        '├─┬ level 1',
        '│ ├── economy@2.0.0 3.3 ms',
        '│ └── ✖ music@1.0.0 failed: ZRX_EXT_SETUP_TIMEOUT: slow',
        '├─┬ level 2',
        '│ └── leveling@1.2.0 12 ms',
        '└─┬ not loaded',
        '  └── ✖ spam skipped: blacklisted',
      ].join('\n'),
    );
  });

  it('says so when there is nothing', () => {
    expect(formatBootSummary({ durationMs: 1, levels: [], notLoaded: [] })).toContain(
      '(no extensions)',
    );
  });
});
