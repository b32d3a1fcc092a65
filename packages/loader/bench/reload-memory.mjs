// Heap growth after 500 reloads of a 200-line extension, with forced GC (`node --expose-gc`):
// the loader (esbuild → CJS + vm.compileFunction + own module cache) against `import(url?v=N)`,
// in one process. The loader runs first: the peer leaks every version it imports.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { HookBus } from '@zoryx/hooks';
import { pino } from 'pino';
import * as loader from '../dist/index.js';
import { extensionCode } from './fixture.mjs';

const RELOADS = Number(process.env.RELOADS ?? 500);
const WARMUP = 50;
if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc');

async function heapUsed() {
  for (let i = 0; i < 6; i++) {
    globalThis.gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().heapUsed;
}

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
const pct = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function measure(label, reloadOnce) {
  for (let i = 0; i < WARMUP; i++) await reloadOnce(i);
  const before = await heapUsed();
  const times = [];
  const checkpoints = [];
  for (let i = 0; i < RELOADS; i++) {
    const started = performance.now();
    await reloadOnce(WARMUP + i);
    times.push(performance.now() - started);
    if ((i + 1) % 100 === 0) checkpoints.push(mb((await heapUsed()) - before));
  }
  const growth = (await heapUsed()) - before;
  times.sort((a, b) => a - b);
  return { label, growth, checkpoints, p50: pct(times, 50), p95: pct(times, 95) };
}

const root = await mkdtemp(join(tmpdir(), 'zoryx-bench-mem-'));
const extensions = join(root, 'extensions');
await mkdir(extensions);
const results = [];
try {
  // --- the loader ---
  const tsFile = join(extensions, 'bench.ts');
  await writeFile(tsFile, extensionCode({ name: 'bench', n: 0, typescript: true }));
  const bus = new HookBus();
  const host = new loader.ExtensionHost({
    bus,
    directory: extensions,
    logger: pino({ level: 'silent' }),
    sharedModules: { '@zoryx/loader': loader },
  });
  await host.boot();
  results.push(
    await measure('@zoryx/loader (esbuild → CJS + vm.compileFunction)', async (n) => {
      await writeFile(tsFile, extensionCode({ name: 'bench', n: n + 1, typescript: true }));
      await host.reload('bench');
    }),
  );
  await host.close();

  // --- the peer: import(url?v=N), the same setup work, hooks and timers released by hand ---
  const jsFile = join(extensions, 'peer.mjs');
  const peerBus = new HookBus();
  let timers = [];
  const ctx = {
    hooks: {
      on: (event, handler) => peerBus.on(event, handler, { owner: 'peer', id: `peer:${event}` }),
    },
    schedule: { every: (_interval, fn) => timers.push(setInterval(fn, 3_600_000)) },
    extensions: { get: () => undefined },
  };
  results.push(
    await measure('import(url?v=N) (ESM, never evicted)', async (n) => {
      await writeFile(jsFile, extensionCode({ name: 'peer', n: n + 1, typescript: false }));
      peerBus.releaseOwner('peer', { keepState: false });
      for (const t of timers) clearInterval(t);
      timers = [];
      const mod = await import(`${pathToFileURL(jsFile).href}?v=${n}`);
      mod.default.setup(ctx);
    }),
  );
  for (const t of timers) clearInterval(t);
} finally {
  await rm(root, { recursive: true, force: true });
}

console.log(
  `\nheap growth after ${RELOADS} reloads of a 200-line extension (forced GC, ${WARMUP} warm-up reloads first)`,
);
for (const r of results) {
  console.log(
    `${r.label.padEnd(52)} growth ${mb(r.growth).padStart(9)}  per 100: ${r.checkpoints.join(' → ')}  reload p50 ${r.p50.toFixed(2)} ms p95 ${r.p95.toFixed(2)} ms`,
  );
}
const [ours, peer] = results;
console.log(
  `ratio: import(url?v=N) grows ${(peer.growth / Math.max(ours.growth, 1)).toFixed(0)}× more than the loader`,
);
