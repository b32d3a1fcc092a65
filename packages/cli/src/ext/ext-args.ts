import { parseArgs } from 'node:util';
import { CliError } from '../errors.js';

/** The subcommands of `zoryx ext`. */
export const EXT_SUBCOMMANDS = [
  'search',
  'info',
  'add',
  'update',
  'remove',
  'list',
  'pin',
  'unpin',
  'publish-check',
] as const;

/** `zoryx ext <subcommand> …`, parsed. */
export interface ExtArgs {
  readonly subcommand: (typeof EXT_SUBCOMMANDS)[number] | 'help';
  /** The search text, the package spec, or publish-check's folder. */
  readonly target: string | undefined;
  readonly cwd: string;
  readonly json: boolean;
  /** `remove --yes`: remove the dependents too without asking. */
  readonly yes: boolean;
  /** `add|update --allow-scripts`: let this package run its install scripts. */
  readonly allowScripts: boolean;
}

/** The usage text of `zoryx ext --help`. */
export const EXT_USAGE = `Usage (in a bot folder, or with --cwd <dir>; the registry is npm's: .npmrc / npm_config_registry):
  zoryx ext search <text> [--json]          extensions (keyword zoryx-extension) matching the text
  zoryx ext info <name>[@range] [--json]    versions, Zoryx range, provenance, downloads, scorecard
  zoryx ext add <name>[@range] [--allow-scripts] [--json]
      resolver check against what is loaded (nothing written when refused), install with
      scripts off (unless --allow-scripts), list in config.json, load it in the running bot;
      rolled back byte for byte if anything fails
  zoryx ext update <name>[@range] [--allow-scripts] [--json]   stage, reload, roll back on failure
  zoryx ext remove <name> [--yes] [--json]  unload (dependents first, confirmed), uninstall
  zoryx ext list [--json]                   installed extension packages, versions, pins, loaded
  zoryx ext pin <name> | unpin <name>       hold a package at its installed version
  zoryx ext publish-check [dir] [--json]    for authors: is the package ready for npm publish?`;

function usage(message: string): CliError {
  return new CliError('ZRX_CLI_USAGE', message, 'Run `zoryx ext --help` for the subcommands.');
}

/** Parses the arguments after `zoryx ext` (strictly, like the rest of the CLI). */
export function parseExtArgs(argv: readonly string[]): ExtArgs {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw usage((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [sub, target, ...extra] = positionals;
  const base = {
    target,
    cwd: values.cwd ?? '.',
    json: values.json ?? false,
    yes: values.yes ?? false,
    allowScripts: values['allow-scripts'] ?? false,
  };
  if (values.help || sub === undefined || sub === 'help') return { subcommand: 'help', ...base };
  const subcommand = EXT_SUBCOMMANDS.find((s) => s === sub);
  if (!subcommand)
    throw usage(`Unknown subcommand "zoryx ext ${sub}" (${EXT_SUBCOMMANDS.join(', ')}).`);
  if (extra.length > 0) throw usage(`Unexpected arguments: "${extra.join(' ')}".`);
  const needsTarget = !['list', 'publish-check'].includes(subcommand);
  if (needsTarget && target === undefined)
    throw usage(
      `zoryx ext ${subcommand} needs ${subcommand === 'search' ? 'a text' : 'a package name'}.`,
    );
  if (!needsTarget && subcommand === 'list' && target !== undefined)
    throw usage('zoryx ext list takes no arguments.');
  if (base.yes && subcommand !== 'remove')
    throw usage('--yes is an option of zoryx ext remove only.');
  if (base.allowScripts && subcommand !== 'add' && subcommand !== 'update') {
    throw usage('--allow-scripts is an option of zoryx ext add and update only.');
  }
  return { subcommand, ...base };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      cwd: { type: 'string' },
      json: { type: 'boolean' },
      yes: { type: 'boolean', short: 'y' },
      'allow-scripts': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
