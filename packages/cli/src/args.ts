import { parseArgs } from 'node:util';
import { closest } from './did-you-mean.js';
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
  /** `--verbose`: stacks under the bot's errors (one line per event without it). */
  readonly verbose?: boolean;
}

/** `zoryx new extension <name>` */
export interface NewExtensionArgs {
  readonly command: 'new-extension';
  readonly name: string;
  readonly cwd: string;
}

/** `zoryx new command|listener|component <name> [--extension <ext>]` */
export interface NewPieceArgs {
  readonly command: 'new-piece';
  readonly kind: 'command' | 'listener' | 'component';
  readonly name: string;
  /** The extension folder to put it in (optional when there is one). */
  readonly extension: string | undefined;
  readonly cwd: string;
}

/** `zoryx start …` */
export interface StartArgs {
  readonly command: 'start';
  readonly cwd: string;
  /** `--no-supervise`: false; absent: undefined (config.json's `supervise`, default true). */
  readonly supervise: boolean | undefined;
  /** `--role gateway|worker|all` (default `all`: the supervised single host). */
  readonly role: 'gateway' | 'worker' | 'all';
}

/** What the command line asks for. */
export type CliArgs =
  | DevArgs
  | StartArgs
  | NewExtensionArgs
  | NewPieceArgs
  | { readonly command: 'help' }
  | { readonly command: 'version' };

/** The usage text of `zoryx --help`. */
export const USAGE = `Usage:
  zoryx dev [--offline] [--cwd <dir>] [--script <file>] [--entry <file>] [--user <name>]
            [--reply-timeout <ms>] [--verbose]
      Runs the bot of the folder with hot reload. Offline (--offline, or when no
      DISCORD_TOKEN is set) it starts the local emulator and opens a terminal chat; with
      --script or piped stdin it reads the lines, prints the answers and exits at the end.
      The bot's log shows one line per event (code, message, hint); --verbose adds stacks.
  zoryx start [--cwd <dir>] [--no-supervise] [--role gateway|worker|all]
      Runs the bot of the folder for production: supervised (the bot in a worker thread a
      watchdog restarts when an extension blocks the event loop, crashes or exhausts memory,
      without reconnecting to Discord), or one plain process with --no-supervise or
      "supervise": false in config.json. --role gateway|worker splits it across processes
      and machines (ZORYX_REDIS_URL, ZORYX_DATABASE_URL; see @zoryx/cluster).
  zoryx new extension <name> [--cwd <dir>]
      Creates extensions/<name>/index.ts with a command and a hook.
  zoryx new command|listener|component <name> [--extension <ext>] [--cwd <dir>]
      Adds extensions/<ext>/<commands|listeners|components>/<name>.ts and wires it into
      the extension's index.ts (--extension may be left out when there is one extension).
  zoryx ext search|info|add|update|remove|list|pin|unpin|publish-check …
      Extensions from npm, live in the running bot (zoryx ext --help).
  zoryx new extension <package-name> --package [--cwd <dir>]
      Creates a publishable extension package in <dir>/<name>/.
  zoryx --help | --version`;

function usage(message: string): CliError {
  return new CliError('ZRX_CLI_USAGE', message, 'Run `zoryx --help` for the commands and options.');
}

/** The commands `zoryx` knows, for "did you mean". */
const COMMANDS = ['dev', 'start', 'new', 'ext'];

/** A parseArgs error as a usage error, with "did you mean --x?" for a mistyped option. */
function parseError(error: Error & { code?: string }): CliError {
  const unknown = /option '(-{1,2})([^'\s]+)'/.exec(error.message);
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && unknown) {
    const [, dashes = '--', name = ''] = unknown;
    const guess = closest(name, Object.keys(OPTIONS));
    return usage(`Unknown option ${dashes}${name}.${guess ? ` Did you mean --${guess}?` : ''}`);
  }
  return usage(error.message);
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
    throw parseError(error as Error & { code?: string });
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: 'help' };
  if (values.version) return { command: 'version' };
  const [command, ...rest] = positionals;
  // `zoryx` alone is a question: answer with the usage, not an error.
  if (command === undefined && argv.length === 0) return { command: 'help' };
  const cwd = values.cwd ?? '.';
  if (values.role !== undefined && command !== 'start') {
    throw usage('--role is an option of zoryx start only.');
  }
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
      ...(values.verbose ? { verbose: true } : {}),
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
    const role = values.role ?? 'all';
    if (role !== 'gateway' && role !== 'worker' && role !== 'all') {
      throw usage(`--role must be gateway, worker or all, got "${role}".`);
    }
    return { command: 'start', cwd, supervise: values['no-supervise'] ? false : undefined, role };
  }
  for (const option of ['offline', 'script', 'entry', 'user', 'reply-timeout'] as const) {
    if (values[option] !== undefined) throw usage(`--${option} is an option of zoryx dev only.`);
  }
  if (command === 'new') {
    const [kind, name, ...extra] = rest;
    if (kind === 'command' || kind === 'listener' || kind === 'component') {
      if (!name) throw usage(`zoryx new ${kind} needs a name, e.g. \`zoryx new ${kind} hello\`.`);
      if (extra.length > 0)
        throw usage(`Unexpected arguments after the name: "${extra.join(' ')}".`);
      return { command: 'new-piece', kind, name, extension: values.extension, cwd };
    }
    if (kind !== 'extension') {
      const guess = kind ? closest(kind, NEW_KINDS) : undefined;
      throw usage(
        `zoryx new makes an ${NEW_KINDS.map((k) => `"${k}"`).join(', ')}; got ${kind ? `"${kind}"` : 'nothing'}.${guess ? ` Did you mean "${guess}"?` : ''}`,
      );
    }
    if (!name) throw usage('zoryx new extension needs a name, e.g. `zoryx new extension tickets`.');
    if (extra.length > 0) throw usage(`Unexpected arguments after the name: "${extra.join(' ')}".`);
    return { command: 'new-extension', name, cwd };
  }
  if (command === undefined) throw usage('No command given.');
  const guess = closest(command, COMMANDS);
  throw usage(`Unknown command "${command}".${guess ? ` Did you mean "zoryx ${guess}"?` : ''}`);
}

/** What `zoryx new` makes. */
const NEW_KINDS = ['extension', 'command', 'listener', 'component'];

/** Every option of every command (parseArgs checks them; "did you mean" picks among them). */
const OPTIONS = {
  offline: { type: 'boolean' },
  cwd: { type: 'string' },
  script: { type: 'string' },
  entry: { type: 'string' },
  user: { type: 'string' },
  'reply-timeout': { type: 'string' },
  'no-supervise': { type: 'boolean' },
  role: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  verbose: { type: 'boolean' },
  extension: { type: 'string' },
} as const;

function parse(argv: readonly string[]) {
  return parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: OPTIONS });
}
