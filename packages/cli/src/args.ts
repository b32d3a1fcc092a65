import { parseArgs } from 'node:util';
import { CliError } from './errors.js';

/** `zoryx dev …` */
export interface DevArgs {
  readonly command: 'dev';
  /** `--offline`: true; absent: undefined (offline when no DISCORD_TOKEN is set). */
  readonly offline: boolean | undefined;
  readonly cwd: string;
  /** Read chat lines from this file instead of stdin (implies the non-interactive mode). */
  readonly script: string | undefined;
  /** The bot's entry file, relative to cwd. Default: src/index.ts, src/index.js, index.js. */
  readonly entry: string | undefined;
  /** Your username in the offline chat. */
  readonly user: string | undefined;
  /** How long the chat waits for each answer, in ms. */
  readonly replyTimeoutMs: number | undefined;
}

/** `zoryx new extension <name>` */
export interface NewExtensionArgs {
  readonly command: 'new-extension';
  readonly name: string;
  readonly cwd: string;
}

/** `zoryx start …` */
export interface StartArgs {
  readonly command: 'start';
  readonly cwd: string;
  /** `--no-supervise`: false; absent: undefined (config.json's `supervise`, default true). */
  readonly supervise: boolean | undefined;
}

/** What the command line asks for. */
export type CliArgs =
  | DevArgs
  | StartArgs
  | NewExtensionArgs
  | { readonly command: 'help' }
  | { readonly command: 'version' };

/** The usage text of `zoryx --help`. */
export const USAGE = `Usage:
  zoryx dev [--offline] [--cwd <dir>] [--script <file>] [--entry <file>] [--user <name>]
            [--reply-timeout <ms>]
      Runs the bot of the folder with hot reload. Offline (--offline, or when no
      DISCORD_TOKEN is set) it starts the local emulator and opens a terminal chat; with
      --script or piped stdin it reads the lines, prints the answers and exits at the end.
  zoryx start [--cwd <dir>] [--no-supervise]
      Runs the bot of the folder for production: supervised (the bot in a worker thread a
      watchdog restarts when an extension blocks the event loop, crashes or exhausts memory,
      without reconnecting to Discord), or one plain process with --no-supervise or
      "supervise": false in config.json.
  zoryx new extension <name> [--cwd <dir>]
      Creates extensions/<name>/index.ts with a command and a hook.
  zoryx --help | --version`;

function usage(message: string): CliError {
  return new CliError('ZRX_CLI_USAGE', message, 'Run `zoryx --help` for the commands and options.');
}

/**
 * Parses the arguments after `zoryx` (strictly: unknown options, missing values and extra
 * arguments are `ZRX_CLI_USAGE` errors naming the culprit).
 *
 * @example
 * ```ts
 * parseCliArgs(['dev', '--offline']); // { command: 'dev', offline: true, cwd: '.', … }
 * ```
 */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw usage((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: 'help' };
  if (values.version) return { command: 'version' };
  const [command, ...rest] = positionals;
  const cwd = values.cwd ?? '.';
  if (values['no-supervise'] !== undefined && command !== 'start') {
    throw usage('--no-supervise is an option of zoryx start only.');
  }
  if (command === 'dev') {
    if (rest.length > 0) throw usage(`zoryx dev takes no arguments, got "${rest.join(' ')}".`);
    let replyTimeoutMs: number | undefined;
    if (values['reply-timeout'] !== undefined) {
      replyTimeoutMs = Number(values['reply-timeout']);
      if (!Number.isInteger(replyTimeoutMs) || replyTimeoutMs <= 0) {
        throw usage(
          `--reply-timeout must be a positive number of ms, got "${values['reply-timeout']}".`,
        );
      }
    }
    return {
      command: 'dev',
      offline: values.offline,
      cwd,
      script: values.script,
      entry: values.entry,
      user: values.user,
      replyTimeoutMs,
    };
  }
  if (command === 'start') {
    if (rest.length > 0) throw usage(`zoryx start takes no arguments, got "${rest.join(' ')}".`);
    for (const option of ['offline', 'script', 'entry', 'user', 'reply-timeout'] as const) {
      if (values[option] !== undefined) throw usage(`--${option} is an option of zoryx dev only.`);
    }
    return { command: 'start', cwd, supervise: values['no-supervise'] ? false : undefined };
  }
  for (const option of ['offline', 'script', 'entry', 'user', 'reply-timeout'] as const) {
    if (values[option] !== undefined) throw usage(`--${option} is an option of zoryx dev only.`);
  }
  if (command === 'new') {
    const [kind, name, ...extra] = rest;
    if (kind !== 'extension') {
      throw usage(`zoryx new makes an "extension", got ${kind ? `"${kind}"` : 'nothing'}.`);
    }
    if (!name) throw usage('zoryx new extension needs a name, e.g. `zoryx new extension tickets`.');
    if (extra.length > 0) throw usage(`Unexpected arguments after the name: "${extra.join(' ')}".`);
    return { command: 'new-extension', name, cwd };
  }
  if (command === undefined) throw usage('No command given.');
  throw usage(`Unknown command "${command}".`);
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      offline: { type: 'boolean' },
      cwd: { type: 'string' },
      script: { type: 'string' },
      entry: { type: 'string' },
      user: { type: 'string' },
      'reply-timeout': { type: 'string' },
      'no-supervise': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
}
