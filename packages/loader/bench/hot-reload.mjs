// Save → reloaded latency and lost saves, through the real file watcher:
// the loader's HotReloader against a plugin-hmr-style peer (chokidar `change` → import(url?d=N)),
// in one run. Each save is written the way a slow editor does it (truncate, half, pause, rest).
import { mkdir, mkdtemp, open, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { HookBus } from '@zoryx/hooks';
import { watch } from 'chokidar';
import { pino } from 'pino';
import * as loader from '../dist/index.js';
import { extensionCode } from './fixture.mjs';

const LATENCY_SAVES = Number(process.env.LATENCY_SAVES ?? 150);
const LOST_AFTER_MS = 500;
const RAPID_SAVES = Number(process.env.RAPID_SAVES ?? 3000);
const BURST_TIMEOUT_MS = 1_000;

const live = new Map();
const waiters = new Set();
globalThis.__benchReady = (name, upstream, own) => {
  live.set(name, { upstream, own });
  for (const w of [...waiters]) w();
};
function until(check, timeoutMs) {
  if (check()) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      waiters.delete(onChange);
      resolve(false);
    }, timeoutMs);
    const onChange = () => {
      if (!check()) return;
      clearTimeout(timer);
      waiters.delete(onChange);
      resolve(true);
    };
    waiters.add(onChange);
  });
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function slowSave(file, content) {
  const handle = await open(file, 'w');
  const half = Math.floor(content.length / 2);
  await handle.write(content.slice(0, half));
  if (Math.random() < 0.5) await sleep(Math.random() < 0.5 ? 0 : 1);
  await handle.write(content.slice(half));
  await handle.close();
}

const pct = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

async function latency(saves, save, isLive, settle) {
  const times = [];
  let lost = 0;
  for (let i = 1; i <= saves; i++) {
    const started = performance.now();
    await save(i);
    if (await until(() => isLive(i), LOST_AFTER_MS)) times.push(performance.now() - started);
    else lost++;
    await settle();
  }
  return { p50: pct(times, 50), p95: pct(times, 95), lost };
}

async function rapid(total, first, save, isLive, maxLostBursts = 10) {
  let n = first;
  let saves = 0;
  let bursts = 0;
  let lostBursts = 0;
  let lostSaves = 0;
  while (saves < total && lostBursts < maxLostBursts) {
    const size = Math.min(total - saves, 1 + Math.floor(Math.random() * 20));
    for (let k = 0; k < size; k++) {
      n++;
      await save(n);
      if (Math.random() < 0.3) await sleep(Math.floor(Math.random() * 3));
    }
    saves += size;
    bursts++;
    const final = n;
    if (!(await until(() => isLive(final), BURST_TIMEOUT_MS))) {
      lostBursts++;
      lostSaves++;
      // resynchronise so the next burst starts from a known state
      n++;
      await save(n);
      const resync = n;
      await until(() => isLive(resync), BURST_TIMEOUT_MS);
    }
  }
  return { saves, bursts, lostSaves, stoppedEarly: lostBursts >= maxLostBursts };
}

const root = await mkdtemp(join(tmpdir(), 'zoryx-bench-hot-'));
const extensions = join(root, 'extensions');
const peerDir = join(root, 'peer');
await mkdir(extensions);
await mkdir(peerDir);
const report = [];
try {
  // ---------------- the loader ----------------
  const solo = join(extensions, 'solo.ts');
  const base = join(extensions, 'base.ts');
  await slowSave(solo, extensionCode({ name: 'solo', n: 0, typescript: true }));
  await slowSave(base, extensionCode({ name: 'base', n: 0, typescript: true }));
  for (const d of ['dep1', 'dep2', 'dep3']) {
    await slowSave(
      join(extensions, `${d}.ts`),
      extensionCode({ name: d, n: 0, typescript: true, dependsOn: 'base' }),
    );
  }
  const host = new loader.ExtensionHost({
    bus: new HookBus(),
    directory: extensions,
    logger: pino({ level: 'silent' }),
    sharedModules: { '@zoryx/loader': loader },
  });
  await host.boot();
  const reloader = new loader.HotReloader(host);
  await reloader.start();
  const saveSolo = (n) => slowSave(solo, extensionCode({ name: 'solo', n, typescript: true }));
  const soloLive = (n) => live.get('solo')?.own === n;
  const one = await latency(LATENCY_SAVES, saveSolo, soloLive, () => reloader.idle());
  const withDeps = await latency(
    LATENCY_SAVES,
    (n) => slowSave(base, extensionCode({ name: 'base', n, typescript: true })),
    (n) => ['dep1', 'dep2', 'dep3'].every((d) => live.get(d)?.upstream === n),
    () => reloader.idle(),
  );
  const lost = await rapid(RAPID_SAVES, LATENCY_SAVES, saveSolo, soloLive);
  await reloader.close();
  await host.close();
  report.push({ label: '@zoryx/loader HotReloader', one, withDeps, lost });

  // ---------------- the peer: chokidar change → import(url?d=N) → setup ----------------
  const peerFile = join(peerDir, 'solo.mjs');
  await slowSave(peerFile, extensionCode({ name: 'solo', n: 0, typescript: false }));
  const ctx = {
    hooks: { on: () => () => {} },
    schedule: { every: () => {} },
    extensions: { get: () => undefined },
  };
  const watcher = watch(peerFile, { ignoreInitial: true });
  await new Promise((r) => watcher.once('ready', r));
  let version = 0;
  watcher.on('change', async () => {
    try {
      const mod = await import(`${pathToFileURL(peerFile).href}?d=${++version}`);
      mod.default.setup(ctx);
    } catch {
      // a half-written file: the peer logs and waits for the next change event
    }
  });
  live.delete('solo');
  const savePeer = (n) => slowSave(peerFile, extensionCode({ name: 'solo', n, typescript: false }));
  const peerOne = await latency(LATENCY_SAVES, savePeer, soloLive, () => sleep(60));
  const peerLost = await rapid(RAPID_SAVES, LATENCY_SAVES, savePeer, soloLive);
  await watcher.close();
  report.push({
    label: 'peer: chokidar + import(url?d=N)',
    one: peerOne,
    withDeps: null,
    lost: peerLost,
  });
} finally {
  await rm(root, { recursive: true, force: true });
}

const ms = (v) => `${v.toFixed(1)} ms`;
console.log(
  `load average during the run: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} (${cpus().length} cores)`,
);
console.log(
  `\nsave → reloaded (${LATENCY_SAVES} slow-written saves each; lost = not live within ${LOST_AFTER_MS} ms)`,
);
for (const r of report) {
  const deps = r.withDeps
    ? `; with 3 dependents p50 ${ms(r.withDeps.p50)} p95 ${ms(r.withDeps.p95)} (lost ${r.withDeps.lost})`
    : '';
  console.log(
    `${r.label.padEnd(36)} one extension p50 ${ms(r.one.p50)} p95 ${ms(r.one.p95)} (lost ${r.one.lost})${deps}`,
  );
}
console.log(
  `\nrapid saves: bursts of 1–20 saves, 0–2 ms apart; a burst is lost if its final content is not live within ${BURST_TIMEOUT_MS} ms`,
);
for (const r of report) {
  console.log(
    `${r.label.padEnd(36)} ${r.lost.saves} saves in ${r.lost.bursts} bursts: ${r.lost.lostSaves} bursts lost${r.lost.stoppedEarly ? ` (stopped after ${r.lost.lostSaves} lost bursts)` : ''}`,
  );
}
