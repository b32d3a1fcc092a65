import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCrashChild, runCrashTorture } from './crash-harness.js';

let outDir: string;
let child: string;

beforeAll(async () => {
  outDir = await mkdtemp(path.join(tmpdir(), 'zoryx-crash-child-'));
  child = await buildCrashChild(outDir);
}, 60_000);

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

describe('crash torture (short; bench/crash-torture.ts runs 1,000 kills)', () => {
  it('after up to 40 random SIGKILLs every file holds an exact written version, none older than acknowledged', async () => {
    // 40 kills take ~50 s in CI; the budget keeps a heavily loaded machine inside the timeout.
    const report = await runCrashTorture({
      kills: 40,
      many: 12,
      maxDelayMs: 80,
      child,
      budgetMs: 80_000,
    });
    expect(report.problems).toEqual([]);
    expect(report.kills).toBeGreaterThanOrEqual(12);
    // The kills must land mid-work, not only before the first write.
    expect(report.acknowledged).toBeGreaterThan(0);
  }, 120_000);
});
