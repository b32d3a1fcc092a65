/**
 * The long crash torture run: 1,000 SIGKILLs (override with TORTURE_KILLS). Not part of `test`;
 * run by hand with `npx pnpm@10.34.8 --filter @zoryx/store run torture` (a few minutes).
 * The same harness runs 40 kills in the normal test suite (test/crash.test.ts).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { buildCrashChild, runCrashTorture } from '../test/crash-harness.js';

const kills = Number(process.env.TORTURE_KILLS ?? 1000);

it(`survives ${kills} random SIGKILLs`, async () => {
  const outDir = await mkdtemp(path.join(tmpdir(), 'zoryx-crash-child-'));
  try {
    const child = await buildCrashChild(outDir);
    const started = performance.now();
    const report = await runCrashTorture({
      kills,
      many: 24,
      maxDelayMs: 120,
      child,
      onProgress: (kill, r) => {
        if (kill % 100 === 0) console.log(`${kill} kills, ${r.acknowledged} acknowledged versions`);
      },
    });
    console.log(
      `crash torture: ${report.kills} kills in ${((performance.now() - started) / 1000).toFixed(0)} s, ` +
        `${report.acknowledged} acknowledged versions, ${report.killsBeforeFirstAck} kills before a run's first ack, ` +
        `${report.problems.length} problems`,
    );
    expect(report.problems).toEqual([]);
    expect(report.kills).toBe(kills);
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}, 3_600_000);
