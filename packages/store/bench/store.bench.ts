/**
 * One run, three stores, the same ~4 KB pretty-printed JSON document (identical bytes):
 * - @zoryx/store: data synced (O_DSYNC) AND the directory fsync'd after every rename.
 * - write-file-atomic 7: fsync of the temp file; no directory fsync.
 * - steno 4: no fsync at all (coalesces concurrent writes, fixed temp name).
 *
 * Our 2-core machines are shared, so disk latency drifts by 5× within a minute. The stores are
 * therefore measured interleaved — each scenario alternates small chunks of work between them
 * — so every store sees the same drift. The summary at the end gives writes/s and ratios.
 */
import { closeSync, fsyncSync, mkdtempSync, openSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writer } from 'steno';
import { afterAll, bench, describe } from 'vitest';
import writeFileAtomic from 'write-file-atomic';
import { AtomicStore } from '../src/index.js';

const WRITES = 2000;
const FILES = 200;
const CHUNK = 100; // sequential writes per turn before switching store
const BURSTS = 3;
const base = mkdtempSync(path.join(tmpdir(), 'zoryx-store-bench-'));
const dirFor = (name: string) => mkdtempSync(path.join(base, `${name}-`));

/** ~4 KB of pretty-printed JSON: 56 records of ~70 bytes. */
function makeDoc(version: number) {
  return {
    version,
    records: Array.from({ length: 56 }, (_, i) => ({
      id: `guild-${i}`,
      prefix: '!',
      n: i * version,
    })),
  };
}
// Documents are built before timing; serialising them is timed for everyone (we do it inside
// writeJson, the peers take strings, so the bench stringifies for them inside the loop).
const docs = Array.from({ length: WRITES }, (_, v) => makeDoc(v));
const doc = (version: number) => docs[version] as ReturnType<typeof makeDoc>;
const text = (version: number) => `${JSON.stringify(doc(version), null, 2)}\n`;

type Impl = 'zoryx' | 'write-file-atomic' | 'steno';
const results = new Map<string, Record<Impl, number>>();

/**
 * steno never fsyncs: its dirty pages would be flushed inside the next fsync of whichever store
 * runs after it, charging steno's deferred work to that store. So after steno's (timed) turn
 * its files are fsync'd outside the timing; every store is timed for its own work only.
 */
function flushSteno() {
  for (const name of readdirSync(stenoDir)) {
    const fd = openSync(path.join(stenoDir, name), 'r');
    fsyncSync(fd);
    closeSync(fd);
  }
}

/** Runs `rounds` turns of each store's `work(round)`, alternating; records writes/s. */
async function interleaved(
  scenario: string,
  rounds: number,
  writesPerRound: number,
  work: Record<Impl, (round: number) => Promise<void>>,
) {
  const ms: Record<Impl, number> = { zoryx: 0, 'write-file-atomic': 0, steno: 0 };
  for (let round = 0; round < rounds; round++) {
    for (const impl of Object.keys(work) as Impl[]) {
      const start = performance.now();
      await work[impl](round);
      ms[impl] += performance.now() - start;
      if (impl === 'steno') flushSteno();
    }
  }
  const rate = (impl: Impl) => (rounds * writesPerRound * 1000) / ms[impl];
  results.set(scenario, {
    zoryx: rate('zoryx'),
    'write-file-atomic': rate('write-file-atomic'),
    steno: rate('steno'),
  });
}

const seq = (write: (v: number) => Promise<unknown>) => async (round: number) => {
  for (let v = round * CHUNK; v < (round + 1) * CHUNK; v++) await write(v);
};
const burst = (write: (v: number) => Promise<unknown>) => async () => {
  await Promise.all(Array.from({ length: WRITES }, (_, v) => write(v)));
};

const oursOne = new AtomicStore({ root: dirFor('zoryx') });
const oursMany = new AtomicStore({ root: dirFor('zoryx-files') });
const wfaDir = dirFor('wfa');
const stenoDir = dirFor('steno');
const stenoOne = new Writer(path.join(stenoDir, 'one.json'));
const stenoMany = Array.from(
  { length: FILES },
  (_, i) => new Writer(path.join(stenoDir, `f${i}.json`)),
);
const once = { iterations: 1, warmupIterations: 0, time: 0, warmupTime: 0 };
const manyName = (v: number) => `f${v % FILES}.json`;

describe('writes (see the summary printed at the end)', () => {
  bench(
    `one file, ${WRITES} sequential writes`,
    () =>
      interleaved('sequential, one file', WRITES / CHUNK, CHUNK, {
        zoryx: seq((v) => oursOne.writeJson('one.json', doc(v))),
        'write-file-atomic': seq((v) => writeFileAtomic(path.join(wfaDir, 'one.json'), text(v))),
        steno: seq((v) => stenoOne.write(text(v))),
      }),
    once,
  );
  bench(
    `one file, burst of ${WRITES} concurrent writes`,
    () =>
      interleaved('burst, one file', BURSTS, WRITES, {
        zoryx: burst((v) => oursOne.writeJson('one.json', doc(v))),
        'write-file-atomic': burst((v) => writeFileAtomic(path.join(wfaDir, 'one.json'), text(v))),
        steno: burst((v) => stenoOne.write(text(v))),
      }),
    once,
  );
  bench(
    `${FILES} files, ${WRITES} sequential writes round-robin`,
    () =>
      interleaved(`sequential, ${FILES} files`, WRITES / CHUNK, CHUNK, {
        zoryx: seq((v) => oursMany.writeJson(manyName(v), doc(v))),
        'write-file-atomic': seq((v) => writeFileAtomic(path.join(wfaDir, manyName(v)), text(v))),
        steno: seq((v) => (stenoMany[v % FILES] as Writer).write(text(v))),
      }),
    once,
  );
  bench(
    `${FILES} files, ${WRITES} concurrent writes (10 per file)`,
    () =>
      interleaved(`concurrent, ${FILES} files`, BURSTS, WRITES, {
        zoryx: burst((v) => oursMany.writeJson(manyName(v), doc(v))),
        'write-file-atomic': burst((v) => writeFileAtomic(path.join(wfaDir, manyName(v)), text(v))),
        steno: burst((v) => (stenoMany[v % FILES] as Writer).write(text(v))),
      }),
    once,
  );
});

describe('cached read (4 KB document)', () => {
  const reader = new AtomicStore({ root: dirFor('zoryx-read') });
  const ready = reader.writeJson('doc.json', doc(1)).then(() => reader.readJson('doc.json'));
  bench('@zoryx/store readJson (cache hit)', async () => {
    await ready;
    await reader.readJson('doc.json');
  });
  bench(
    '@zoryx/store readJson (cache hit), 200,000 awaited in a loop',
    async () => {
      await ready;
      const start = performance.now();
      for (let i = 0; i < 200_000; i++) await reader.readJson('doc.json');
      cachedReadNs = ((performance.now() - start) * 1e6) / 200_000;
    },
    once,
  );
});
let cachedReadNs = Number.NaN;

afterAll(async () => {
  await Promise.all([oursOne.close(), oursMany.close()]);
  const lines = [
    '',
    `document: ${text(1).length} bytes; writes/s, stores interleaved in the same run on the same disk:`,
  ];
  for (const [scenario, r] of results) {
    const z = r.zoryx;
    const w = r['write-file-atomic'];
    const s = r.steno;
    lines.push(
      `  ${scenario.padEnd(22)} zoryx ${z.toFixed(0).padStart(7)} | write-file-atomic ${w.toFixed(0).padStart(5)} (zoryx ${(z / w).toFixed(2)}×) | steno ${s.toFixed(0).padStart(7)} (zoryx ${(z / s).toFixed(2)}×)`,
    );
  }
  lines.push(`  cached readJson: ${cachedReadNs.toFixed(0)} ns per awaited read`);
  console.log(lines.join('\n'));
  rmSync(base, { recursive: true, force: true });
});
