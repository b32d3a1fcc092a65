import { createRequire } from 'node:module';
import { parseCliArgs, USAGE } from './args.js';
import { type DevIo, runDev } from './dev.js';
import { CliError } from './errors.js';
import { newExtension } from './new-extension.js';

/** Streams and environment of one `zoryx` run. */
export interface MainIo extends DevIo {
  stderr: { write(text: string): unknown };
}

function version(): string {
  // src/ and dist/ are both one level below the package root.
  return (createRequire(import.meta.url)('../package.json') as { version: string }).version;
}

/**
 * Runs `zoryx <argv>` and resolves with the exit status: 0 on success, 1 for an error (printed as
 * `error ZRX_…: message` plus its hint) or a bot that stopped on its own.
 *
 * @example
 * ```ts
 * process.exitCode = await main(process.argv.slice(2), { ...process, env: process.env });
 * ```
 */
export async function main(argv: readonly string[], io: MainIo): Promise<number> {
  try {
    const args = parseCliArgs(argv);
    switch (args.command) {
      case 'help':
        io.stdout.write(`${USAGE}\n`);
        return 0;
      case 'version':
        io.stdout.write(`${version()}\n`);
        return 0;
      case 'new-extension': {
        const { relativeFile } = await newExtension({ cwd: args.cwd, name: args.name });
        io.stdout.write(`created ${relativeFile}\n`);
        return 0;
      }
      case 'dev':
        return await runDev(args, io);
    }
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    io.stderr.write(`error ${error.code}: ${error.message}\n  hint: ${error.hint}\n`);
    return 1;
  }
}
