#!/usr/bin/env node
// The suites that run after `turbo run build typecheck test check:package` (they need dist/):
// two lanes at once, each a chain, so the slow ones overlap instead of adding up:
//   lane 1: the release test (installs verdaccio), then the marketplace end-to-end (reuses it)
//   lane 2: the framework and template end-to-end tests on Node 22 and 24
// Each line is prefixed with its lane; the exit code is 1 when any step failed, and every lane
// runs to its end either way so one failure does not hide another. A green run is also a quiet
// one: a warning in the turbo task logs or in a lane's output fails it (scripts/lib/quiet-output.mjs).
//
//   node scripts/ci-after-build.mjs
import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findNoise, noiseInTurboLogs } from './lib/quiet-output.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Lanes of [label, command, args, cwd]; the steps of one lane run one after another. */
const LANES = [
  [
    ['release', process.execPath, ['scripts/e2e-release/run.mjs', '--skip-build'], root],
    ['marketplace', 'npm', ['run', '--silent', 'test:e2e'], resolve(root, 'packages/marketplace')],
  ],
  [['node-matrix', process.execPath, ['scripts/node-matrix.mjs', '22', '24'], root]],
];

/** Noisy lines the lanes printed, `{ line, why }`. */
const noise = [];

function prefixed(label, stream, out) {
  let rest = '';
  const write = (line) => {
    out.write(`[${label}] ${line}\n`);
    for (const hit of findNoise([line])) noise.push({ ...hit, line: `[${label}] ${hit.line}` });
  };
  stream.on('data', (chunk) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) write(line);
  });
  stream.on('end', () => {
    if (rest) write(rest);
  });
}

function step([label, command, args, cwd]) {
  const started = Date.now();
  return new Promise((done) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    prefixed(label, child.stdout, process.stdout);
    prefixed(label, child.stderr, process.stderr);
    child.on('error', (error) => {
      console.error(`[${label}] could not start: ${error.message}`);
      done({ label, ok: false, seconds: 0 });
    });
    child.on('exit', (code, signal) => {
      const seconds = Math.round((Date.now() - started) / 1000);
      done({ label, ok: code === 0, seconds, why: signal ?? `exit ${code}` });
    });
  });
}

async function lane(steps) {
  const results = [];
  for (const s of steps) results.push(await step(s));
  return results;
}

const results = (await Promise.all(LANES.map(lane))).flat();
for (const r of results)
  console.log(
    `ci-after-build: ${r.label} ${r.ok ? 'passed' : `FAILED (${r.why})`} in ${r.seconds} s`,
  );
// The turbo task logs are read after the lanes, so a noisy build never hides a lane's result.
for (const hit of await noiseInTurboLogs(root)) {
  noise.push({ ...hit, line: `${hit.log.slice(root.length + 1)}: ${hit.line}` });
}
for (const { why, line } of noise) console.log(`ci-after-build: NOISE (${why}): ${line}`);
if (noise.length > 0) {
  console.log(
    `ci-after-build: ${noise.length} warning line(s) above: a green verify prints none. Fix the cause (see scripts/lib/quiet-output.mjs).`,
  );
}
process.exit(results.every((r) => r.ok) && noise.length === 0 ? 0 : 1);
