import { parseArgs } from 'node:util';
import { CreateError } from './create-error';
import { isPackageManager, PACKAGE_MANAGERS, type PackageManager } from './package-manager';

/** The command line, parsed and checked. */
export interface CliArgs {
  /** The positional project directory, if given. */
  readonly dir?: string;
  readonly yes: boolean;
  readonly template?: string;
  readonly pm?: PackageManager;
  /** False with `--no-install`. */
  readonly install: boolean;
  /** False with `--no-git`. */
  readonly git: boolean;
  readonly force: boolean;
  /** `--packages <dir>`: install the Zoryx packages from the tarballs there, not the registry. */
  readonly packages?: string;
  readonly help: boolean;
  readonly version: boolean;
}

/** The `--help` text. */
export const USAGE = `Usage: create-zoryx-bot [project-dir] [options]

Creates a Zoryx Discord bot in project-dir (its name becomes the package name).
Asks for anything not given as an option, unless --yes.

Options:
  -y, --yes              accept the defaults for every question (no prompts)
  -t, --template <name>  template to use (default: default)
      --pm <name>        package manager: npm, pnpm, yarn or bun
                         (default: the one running this command, else npm)
      --no-install       do not install dependencies
      --no-git           do not initialise a git repository
  -f, --force            write into a non-empty directory (files of the template
                         replace files at the same path; others are kept)
      --packages <dir>   install the Zoryx packages from the tarballs in <dir> (made by
                         \`pnpm run create-bot\` in the Zoryx repository) instead of npm
  -h, --help             show this help
  -v, --version          show the version

Examples:
  npm create zoryx-bot@latest my-bot
  npm create zoryx-bot@latest my-bot -- --yes --pm npm --no-git
  pnpm create zoryx-bot my-bot --template default`;

/**
 * Parses argv (without `node` and the script).
 * @throws {CreateError} `ZRX_CREATE_USAGE` for unknown options, missing values, several
 *   directories or an unknown `--pm`.
 */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new CreateError(
      'ZRX_CREATE_USAGE',
      (error as Error).message,
      'Run create-zoryx-bot --help for the options.',
      {
        cause: error,
      },
    );
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) {
    throw new CreateError(
      'ZRX_CREATE_USAGE',
      `Expected one project directory, got ${positionals.length}: ${positionals.join(' ')}.`,
      'Quote a directory name with spaces, or pass only one.',
    );
  }
  const pm = values.pm;
  if (pm !== undefined && !isPackageManager(pm)) {
    throw new CreateError(
      'ZRX_CREATE_USAGE',
      `--pm ${pm} is not a supported package manager.`,
      `Use one of ${PACKAGE_MANAGERS.join(', ')}.`,
    );
  }
  const dir = positionals[0];
  return {
    ...(dir === undefined ? {} : { dir }),
    ...(values.template === undefined ? {} : { template: values.template }),
    ...(pm === undefined ? {} : { pm }),
    ...(values.packages === undefined ? {} : { packages: values.packages }),
    yes: values.yes === true,
    install: values['no-install'] !== true,
    git: values['no-git'] !== true,
    force: values.force === true,
    help: values.help === true,
    version: values.version === true,
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      yes: { type: 'boolean', short: 'y' },
      template: { type: 'string', short: 't' },
      pm: { type: 'string' },
      'no-install': { type: 'boolean' },
      'no-git': { type: 'boolean' },
      force: { type: 'boolean', short: 'f' },
      packages: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
}
