// The package entry's commands that load the emulator, the marketplace or the whole framework,
// loaded when called: a bot's `import { runBot } from '@zoryx/cli'` (the template's start) then
// loads only what running the bot needs, before its supervisor can spawn the worker.
import type { DevArgs } from './args.js';
import { startCompileCache } from './compile-cache.js';
import type { DevIo } from './dev.js';
import type { MainIo } from './main.js';
import type { RunBotOptions, RunningBot } from './supervised/run-bot.js';

export type { DevIo, MainIo, RunBotOptions, RunningBot };

/**
 * Runs `zoryx dev`: the bot with hot reload, against Discord or (offline) the emulator with a
 * terminal chat. Resolves with the exit status.
 */
export async function runDev(args: DevArgs, io: DevIo): Promise<number> {
  const dev = await import('./dev.js');
  return dev.runDev(args, io);
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
  const cli = await import('./main.js');
  return cli.main(argv, io);
}

/**
 * Runs the bot of a folder, supervised by default: see {@link RunBotOptions} and the run path in
 * `supervised/run-bot.ts`. The template's `npm start` imports `@zoryx/cli` for this: Node's
 * compile cache (Node ≥ 22.1, `ZORYX_COMPILE_CACHE`) is enabled before the run path, the
 * supervisor and its gateway are compiled, so a later start reads their code from the cache.
 *
 * @example
 * ```ts
 * // src/index.ts of a bot
 * import { runBot } from '@zoryx/cli';
 * await runBot({ cwd: botRoot });
 * ```
 */
export async function runBot(options: RunBotOptions = {}): Promise<RunningBot> {
  startCompileCache(options.env ?? process.env);
  const run = await import('./supervised/run-bot.js');
  return run.runBot(options);
}
