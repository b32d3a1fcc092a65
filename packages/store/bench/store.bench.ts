/**
 * One run, three stores, the same 4 KB JSON document (identical bytes for everyone):
 * - @zoryx/store: fsync of the data (O_DSYNC) AND of the directory after every rename.
 * - write-file-atomic 7: fsync of the temp file; no directory fsync.
 * - steno 4: no fsync at all (coalesces concurrent writes, fixed temp name).
 * Each bench op is 2,000 writes; the summary printed at the end gives writes/s and ratios.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writer } from 'steno';
import { afterAll, bench, describe } from 'vitest';
import writeFileAtomic from 'write-file-atomic';
import { AtomicStore } from '../src/index.js';

const WRITES = 2000;
const FILES = 200;
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

const results = new Map<string, Map<string, number[]>>();
async function timed(scenario: string, impl: string, run: () => Promise<void>) {
  const start = performance.now();
  await run();
  const seconds = (performance.now() - start) / 1000;
  const byImpl = results.get(scenario) ?? new Map<string, number[]>();
  results.set(scenario, byImpl);
  byImpl.set(impl, [...(byImpl.get(impl) ?? []), WRITES / seconds]);
}

const ours = new AtomicStore({ root: dirFor('zoryx') });
const oursDir = dirFor('zoryx-files');
const oursFiles = new AtomicStore({ root: oursDir });
const wfaDir = dirFor('wfa');
const stenoDir = dirFor('steno');
const stenoOne = new Writer(path.join(stenoDir, 'one.json'));
const stenoMany = Array.from(
  { length: FILES },
  (_, i) => new Writer(path.join(stenoDir, `f${i}.json`)),
);
const options = { iterations: 3, warmupIterations: 1, time: 0, warmupTime: 0 };

describe(`one file, ${WRITES} sequential writes`, () => {
  const s = 'sequential, one file';
  bench(
    '@zoryx/store (fsync file+dir)',
    () =>
      timed(s, 'zoryx', async () => {
        for (let v = 0; v < WRITES; v++) await ours.writeJson('one.json', doc(v));
      }),
    options,
  );
  bench(
    'write-file-atomic (fsync file)',
    () =>
      timed(s, 'write-file-atomic', async () => {
        for (let v = 0; v < WRITES; v++)
          await writeFileAtomic(path.join(wfaDir, 'one.json'), text(v));
      }),
    options,
  );
  bench(
    'steno (no fsync)',
    () =>
      timed(s, 'steno', async () => {
        for (let v = 0; v < WRITES; v++) await stenoOne.write(text(v));
      }),
    options,
  );
});

describe(`one file, burst of ${WRITES} concurrent writes`, () => {
  const s = 'burst, one file';
  bench(
    '@zoryx/store (fsync file+dir)',
    () =>
      timed(s, 'zoryx', async () => {
        await Promise.all(
          Array.from({ length: WRITES }, (_, v) => ours.writeJson('one.json', doc(v))),
        );
      }),
    options,
  );
  bench(
    'write-file-atomic (fsync file)',
    () =>
      timed(s, 'write-file-atomic', async () => {
        const file = path.join(wfaDir, 'one.json');
        await Promise.all(Array.from({ length: WRITES }, (_, v) => writeFileAtomic(file, text(v))));
      }),
    options,
  );
  bench(
    'steno (no fsync)',
    () =>
      timed(s, 'steno', async () => {
        await Promise.all(Array.from({ length: WRITES }, (_, v) => stenoOne.write(text(v))));
      }),
    options,
  );
});

describe(`${FILES} files, ${WRITES} sequential writes round-robin`, () => {
  const s = `sequential, ${FILES} files`;
  bench(
    '@zoryx/store (fsync file+dir)',
    () =>
      timed(s, 'zoryx', async () => {
        for (let v = 0; v < WRITES; v++) await oursFiles.writeJson(`f${v % FILES}.json`, doc(v));
      }),
    options,
  );
  bench(
    'write-file-atomic (fsync file)',
    () =>
      timed(s, 'write-file-atomic', async () => {
        for (let v = 0; v < WRITES; v++)
          await writeFileAtomic(path.join(wfaDir, `f${v % FILES}.json`), text(v));
      }),
    options,
  );
  bench(
    'steno (no fsync)',
    () =>
      timed(s, 'steno', async () => {
        for (let v = 0; v < WRITES; v++) await (stenoMany[v % FILES] as Writer).write(text(v));
      }),
    options,
  );
});

describe(`${FILES} files, ${WRITES} concurrent writes (10 per file)`, () => {
  const s = `concurrent, ${FILES} files`;
  bench(
    '@zoryx/store (fsync file+dir)',
    () =>
      timed(s, 'zoryx', async () => {
        await Promise.all(
          Array.from({ length: WRITES }, (_, v) =>
            oursFiles.writeJson(`f${v % FILES}.json`, doc(v)),
          ),
        );
      }),
    options,
  );
  bench(
    'write-file-atomic (fsync file)',
    () =>
      timed(s, 'write-file-atomic', async () => {
        await Promise.all(
          Array.from({ length: WRITES }, (_, v) =>
            writeFileAtomic(path.join(wfaDir, `f${v % FILES}.json`), text(v)),
          ),
        );
      }),
    options,
  );
  bench(
    'steno (no fsync)',
    () =>
      timed(s, 'steno', async () => {
        await Promise.all(
          Array.from({ length: WRITES }, (_, v) => (stenoMany[v % FILES] as Writer).write(text(v))),
        );
      }),
    options,
  );
});

describe('cached read (4 KB document)', () => {
  const reader = new AtomicStore({ root: dirFor('zoryx-read') });
  const ready = reader.writeJson('doc.json', doc(1)).then(() => reader.readJson('doc.json'));
  bench('@zoryx/store readJson (cache hit)', async () => {
    await ready;
    await reader.readJson('doc.json');
  });
});

afterAll(async () => {
  await Promise.all([ours.close(), oursFiles.close()]);
  const lines = [
    '',
    `document: ${text(1).length} bytes`,
    'writes/s (best of 3 runs of 2,000 writes; same run, same disk):',
  ];
  for (const [scenario, byImpl] of results) {
    const best = (impl: string) => Math.max(...(byImpl.get(impl) ?? [Number.NaN]));
    const z = best('zoryx');
    const w = best('write-file-atomic');
    const st = best('steno');
    lines.push(
      `  ${scenario.padEnd(24)} zoryx ${z.toFixed(0).padStart(8)} | write-file-atomic ${w.toFixed(0).padStart(6)} (zoryx ${(z / w).toFixed(2)}×) | steno ${st.toFixed(0).padStart(8)} (zoryx ${(z / st).toFixed(2)}×)`,
    );
  }
  console.log(lines.join('\n'));
  rmSync(base, { recursive: true, force: true });
});
