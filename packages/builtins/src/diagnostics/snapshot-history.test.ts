import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AtomicStore } from '@zoryx/store';
import { afterEach, describe, expect, it } from 'vitest';
import { takeSnapshot } from './snapshot.js';
import { SnapshotHistory } from './snapshot-history.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

const snapshotAt = (minute: number) =>
  takeSnapshot({
    at: new Date(Date.UTC(2026, 0, 1, 0, minute)),
    rate: { commands: minute, errors: 0, percent: 0 },
    lagMs: 1,
    lagThresholdMs: 500,
    memory: { rss: 1, heapUsed: 1 },
    cpuPercent: 0,
    uptimeSeconds: minute * 60,
    latencyMs: 5,
  });

describe('SnapshotHistory', () => {
  it('keeps the last 48 snapshots on disk, newest first, across store instances', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'zoryx-history-'));
    dirs.push(dir);
    const first = new AtomicStore({ root: dir });
    const history = new SnapshotHistory(first);
    for (let i = 0; i < 50; i++) await history.push(snapshotAt(i));
    await first.close();

    const reopened = new SnapshotHistory(new AtomicStore({ root: dir }));
    const all = await reopened.latest();
    expect(all).toHaveLength(48);
    expect(all[0]?.commands).toBe(49);
    expect(all[47]?.commands).toBe(2);
    expect((await reopened.latest(3)).map((s) => s.commands)).toEqual([49, 48, 47]);
  });
});
