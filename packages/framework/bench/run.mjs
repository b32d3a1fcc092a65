// Runs every framework benchmark in sequence (each starts its own emulator and bot processes).
// Needs a build first: `npx pnpm@10.34.8 turbo run build --filter=@zoryx/framework`.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { here } from './harness.mjs';

for (const script of ['cold-start.mjs', 'throughput.mjs', 'save-to-reply.mjs', 'memory.mjs']) {
  console.log(`\n## ${script}`);
  const run = spawnSync(process.execPath, [join(here, script)], { stdio: 'inherit' });
  if (run.status !== 0) process.exitCode = 1;
}
