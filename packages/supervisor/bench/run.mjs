// Runs every supervisor benchmark in sequence. Needs a build first (turbo's `bench` builds).
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { here } from './lib.mjs';

console.log(
  `${new Date().toISOString()} · ${cpus().length} × ${cpus()[0]?.model} · Node ${process.version} · load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
for (const script of ['cold-start.mjs', 'restart.mjs', 'throughput.mjs']) {
  console.log(`\n## ${script}`);
  const run = spawnSync(process.execPath, [join(here, script)], { stdio: 'inherit' });
  if (run.status !== 0) process.exitCode = 1;
}
console.log(
  `\nload at the end ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
