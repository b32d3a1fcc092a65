import { describe, expect, it } from 'vitest';
import { diagnosticsFields } from '../diagnostics/diagnostics-commands.js';
import { takeSnapshot } from '../diagnostics/snapshot.js';
import { formatUptime, uptimeMs } from './uptime.js';

/** The Uptime field `fw_diagnostics` shows for a client that has been up `ms`. */
function diagnosticsUptime(ms: number): string | undefined {
  const snapshot = takeSnapshot({
    at: new Date(0),
    rate: { commands: 0, errors: 0, percent: 0 },
    lagMs: 0,
    lagThresholdMs: 500,
    memory: { rss: 0, heapUsed: 0 },
    cpuPercent: 0,
    uptimeSeconds: uptimeMs({ uptime: ms }) / 1000,
    latencyMs: 0,
  });
  const fields = diagnosticsFields(snapshot, { readings: 0, thresholdMs: 500 }, []);
  return fields.find((f) => f.name === 'Uptime')?.value;
}

describe('uptime', () => {
  it('is the client’s time since ready, 0 before it', () => {
    expect(uptimeMs({ uptime: 61_600 })).toBe(61_600);
    expect(uptimeMs({ uptime: null })).toBe(0);
  });

  it('reads the same in fw_diagnostics (through its snapshot) as in stats and about', () => {
    // 61.6 s was "1m 2s" in fw_diagnostics (rounded) and "1m 1s" in stats (floored).
    for (const ms of [0, 999, 1_000, 59_500, 61_600, 3_599_999, 90_061_999]) {
      expect(diagnosticsUptime(ms), `${ms} ms`).toBe(formatUptime(uptimeMs({ uptime: ms })));
    }
    expect(formatUptime(61_600)).toBe('1m 1s');
  });
});
