#!/usr/bin/env node
import { run } from './run';

// Ctrl-C outside a prompt (while copying) aborts the write, which is then undone; a second
// Ctrl-C exits at once.
const controller = new AbortController();
process.once('SIGINT', () => {
  controller.abort();
  process.once('SIGINT', () => process.exit(130));
});

run(process.argv.slice(2), { signal: controller.signal }).then(
  (code) => {
    // exitCode, not exit(): process.exit can cut off output still queued for a pipe.
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `create-zoryx-bot: unexpected failure: ${(error as Error)?.stack ?? String(error)}\n`,
    );
    process.exitCode = 70;
  },
);
