// Each command imports what it runs when it runs (the build splits them into their own chunks):
// `zoryx start` must not load the emulator, the marketplace or the framework's discord.js half
// in the thread that supervises the bot before its worker can even be spawned.
import { createRequire } from 'node:module';
import { parseCliArgs, USAGE } from './args.js';
import type { DevIo } from './dev.js';
import { STARTUP_CODES, startupCodeOf } from './dev-log-format.js';
import { CliError } from './errors.js';

/** Streams and environment of one `zoryx` run. */
export interface MainIo extends DevIo {
  stderr: { write(text: string): unknown };
}

function version(): string {
  // src/ and dist/ are both one level below the package root.
  return (createRequire(import.meta.url)('../package.json') as { version: string }).version;
}

/**
 * A Zoryx error (the CLI's own, or the framework's or supervisor's that `zoryx start` meets):
 * a `ZRX_` code and a hint, printed as they are.
 */
function codedError(error: unknown): { code: string; message: string; hint: string } | null {
  if (error instanceof CliError) return error;
  if (!(error instanceof Error)) return null;
  const { code, hint } = error as Error & { code?: unknown; hint?: unknown };
  if (typeof code !== 'string' || !code.startsWith('ZRX_') || typeof hint !== 'string') {
    // discord.js and Node report a refused token or no network without a Zoryx code.
    const startup = startupCodeOf(`${error.message}\n${error.stack ?? ''}`, code);
    if (!startup) return null;
    const known = STARTUP_CODES[startup];
    return { code: startup, message: `${known.message} (${error.message})`, hint: known.hint };
  }
  return { code, message: error.message, hint };
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
    // The marketplace's commands parse their own arguments (src/ext/).
    if (argv[0] === 'ext') {
      const { runExt } = await import('./ext/ext-command.js');
      return await runExt(argv.slice(1), io);
    }
    if (argv[0] === 'new' && argv.includes('--package')) {
      const { runNewExtensionPackage } = await import('./ext/new-extension-package.js');
      return await runNewExtensionPackage(argv.slice(1), io, version());
    }
    const args = parseCliArgs(argv);
    switch (args.command) {
      case 'help':
        io.stdout.write(`${USAGE}\n`);
        return 0;
      case 'version':
        io.stdout.write(`${version()}\n`);
        return 0;
      case 'new-piece': {
        const { newPiece } = await import('./new-piece.js');
        const made = await newPiece(args);
        io.stdout.write(`created ${made.relativeFile}\n`);
        io.stdout.write(
          made.wiredInto
            ? `added ${args.kind} ${args.name} to ${made.wiredInto}\n`
            : `now wire it in by hand: ${made.manual}\n`,
        );
        return 0;
      }
      case 'new-extension': {
        const { newExtension } = await import('./new-extension.js');
        const { relativeFile } = await newExtension({ cwd: args.cwd, name: args.name });
        io.stdout.write(`created ${relativeFile}\n`);
        return 0;
      }
      case 'dev': {
        const { runDev } = await import('./dev.js');
        return await runDev(args, io);
      }
      case 'start': {
        // A clustered process (Redis Streams between gateways and workers, see @zoryx/cluster).
        if (args.role !== 'all') {
          const { runClusterRole } = await import('@zoryx/cluster');
          await runClusterRole(args.role, { cwd: args.cwd, env: io.env });
          return 0;
        }
        // The bot keeps the process alive; SIGINT/SIGTERM shut it down and exit.
        const { runBot } = await import('./supervised/run-bot.js');
        await runBot({
          cwd: args.cwd,
          env: io.env,
          ...(args.supervise === undefined ? {} : { supervise: args.supervise }),
        });
        return 0;
      }
    }
  } catch (error) {
    const coded = codedError(error);
    if (!coded) throw error;
    io.stderr.write(`error ${coded.code}: ${coded.message}\n  hint: ${coded.hint}\n`);
    return 1;
  }
}
