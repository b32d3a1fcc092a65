#!/usr/bin/env node
// `pnpm run demo`: builds the starter template and what it needs, one progress line per package
// (a cold build of the workspace takes minutes on a small machine), then opens the offline chat.
//
//   node scripts/demo.mjs
import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { npmSafeEnv, seconds, step, turboTaskStart } from './lib/progress.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PNPM = ['-y', 'pnpm@10.34.8'];
const FILTER = '--filter=zoryx-bot-template...';

async function main() {
  const since = Date.now();
  const plan = JSON.parse(
    await step(
      'Planning the build',
      'npx',
      [...PNPM, 'exec', 'turbo', 'run', 'build', FILTER, '--dry=json'],
      {
        cwd: root,
        quiet: true,
      },
    ),
  );
  const total = plan.tasks.length;
  let started = 0;
  await step(
    `Building ${total} packages (cached ones are instant)`,
    'npx',
    [...PNPM, 'exec', 'turbo', 'run', 'build', FILTER, '--output-logs=hash-only'],
    {
      cwd: root,
      onLine(line) {
        const task = turboTaskStart(line);
        if (!task) return;
        started += 1;
        const how = task.cached ? 'cached' : 'building';
        process.stdout.write(
          `  [${started}/${total}] ${task.task.split('#')[0]} (${how}, ${seconds(since)})\n`,
        );
      },
    },
  );
  const chat = spawn('npx', [...PNPM, '--filter', 'zoryx-bot-template', 'run', 'dev:offline'], {
    cwd: root,
    env: npmSafeEnv(),
    stdio: 'inherit',
  });
  chat.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
}

main().catch((error) => {
  process.stderr.write(`demo: ${error.message}\n`);
  process.exit(1);
});
