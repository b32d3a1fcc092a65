#!/usr/bin/env node
import { main } from './cli-main';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`zoryx-resolve: unexpected failure: ${String(error)}\n`);
    process.exitCode = 70;
  },
);
