import { readFileSync } from 'node:fs';
import { access } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { type Answers, askAnswers, defaultAnswers } from './answers';
import { parseCliArgs, USAGE } from './args';
import { preparePackageJson } from './copy-template';
import { CreateError } from './create-error';
import { describeGit, initGit } from './git';
import { LOCAL_PACKAGES_MANIFEST, useLocalPackages, VENDOR_DIR } from './local-packages';
import { nextSteps, shellQuote } from './next-steps';
import { hasBinary, installArgs, installCommand, runCommand } from './package-manager';
import { scaffold } from './scaffold';
import { bundledTemplatesDir, discoverTemplates, readPackageVersions } from './templates';

/** Where `run` reads and writes; every field defaults to the current process. */
export interface CreateIo {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** Whether questions can be asked (stdin is a terminal). */
  readonly interactive: boolean;
  /** `inherit` lets the package manager draw its progress; `pipe` forwards its output to stdout/stderr. */
  readonly childStdio: 'inherit' | 'pipe';
  /** Aborted on Ctrl-C: writing stops and is undone. */
  readonly signal?: AbortSignal;
}

/** Exit codes of {@link run}. */
export const EXIT = { ok: 0, error: 1, usage: 2, cancelled: 130 } as const;

/** The environment variable that replaces the bundled templates folder (for tests). */
export const TEMPLATES_DIR_ENV = 'ZORYX_CREATE_TEMPLATES_DIR';

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

function processIo(): CreateIo {
  return {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    interactive: process.stdin.isTTY === true && process.stdout.isTTY === true,
    childStdio: 'inherit',
  };
}

function printError(io: CreateIo, error: CreateError): void {
  io.stderr.write(`\ncreate-zoryx-bot: ${error.code}: ${error.message}\n  hint: ${error.hint}\n`);
}

function exitCodeOf(error: CreateError): number {
  if (error.code === 'ZRX_CREATE_USAGE') return EXIT.usage;
  if (error.code === 'ZRX_CREATE_CANCELLED') return EXIT.cancelled;
  return EXIT.error;
}

/**
 * Runs `create-zoryx-bot` with `argv` (without `node` and the script) and resolves to the exit
 * code: 0 created, 1 refused or failed (a `ZRX_CREATE_*` error is printed with its hint),
 * 2 bad usage, 130 cancelled. It never throws for expected failures.
 *
 * @example
 * ```ts
 * import { run } from 'create-zoryx-bot';
 * const code = await run(['my-bot', '--yes', '--no-install', '--no-git']);
 * ```
 */
export async function run(
  argv: readonly string[],
  overrides: Partial<CreateIo> = {},
): Promise<number> {
  const io: CreateIo = { ...processIo(), ...overrides };
  try {
    return await create(argv, io);
  } catch (error) {
    if (!(error instanceof CreateError)) throw error;
    printError(io, error);
    if (error.code === 'ZRX_CREATE_USAGE') io.stderr.write(`\n${USAGE}\n`);
    return exitCodeOf(error);
  }
}

async function create(argv: readonly string[], io: CreateIo): Promise<number> {
  const args = parseCliArgs(argv);
  if (args.help) {
    io.stdout.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  if (args.version) {
    io.stdout.write(`${packageVersion()}\n`);
    return EXIT.ok;
  }
  if (!args.yes && !io.interactive) {
    throw new CreateError(
      'ZRX_CREATE_NOT_INTERACTIVE',
      'stdin or stdout is not a terminal, so no question can be asked.',
      'Pass --yes to accept the defaults, with flags for the rest: create-zoryx-bot my-bot --yes [--template <name>] [--pm <pm>] [--no-install] [--no-git].',
    );
  }
  const templatesDir = io.env[TEMPLATES_DIR_ENV] || bundledTemplatesDir();
  const templates = await discoverTemplates(templatesDir);
  const versions = await readPackageVersions(templatesDir);
  const context = { args, templates, cwd: io.cwd, env: io.env, input: io.stdin, output: io.stdout };
  const answers = args.yes ? defaultAnswers(context) : await askAnswers(context);
  if (args.packages !== undefined) {
    // Refused before anything is written, as every other mistake.
    await access(join(resolve(io.cwd, args.packages), LOCAL_PACKAGES_MANIFEST)).catch((error) => {
      throw new CreateError(
        'ZRX_CREATE_LOCAL_PACKAGES',
        `--packages ${args.packages}: there is no ${LOCAL_PACKAGES_MANIFEST} in that folder.`,
        undefined,
        { cause: error },
      );
    });
  }
  return createProject(answers, args, io, versions);
}

async function createProject(
  answers: Answers,
  { force, packages }: { force: boolean; packages?: string | undefined },
  io: CreateIo,
  versions: ReadonlyMap<string, string>,
): Promise<number> {
  const { target, template, pm } = answers;
  const packageJson = await preparePackageJson(template, target.name, versions);
  // Everything that can be refused is refused before the first file is written.
  if (answers.install && !(await hasBinary(pm, io.cwd, io.env))) {
    throw new CreateError(
      'ZRX_CREATE_PM_NOT_FOUND',
      `${pm} was not found: \`${pm} --version\` did not run. Nothing was created.`,
      `Install ${pm}, pick another with --pm (npm, pnpm, yarn, bun), or pass --no-install.`,
    );
  }
  await scaffold({
    template,
    dir: target.dir,
    packageJson,
    ...(io.signal === undefined ? {} : { signal: io.signal }),
  });
  if (packages !== undefined) {
    const local = await useLocalPackages(target.dir, resolve(io.cwd, packages));
    io.stdout.write(
      `Using ${local.length} local Zoryx packages from ${VENDOR_DIR}/ (not the npm registry).\n`,
    );
  }
  const shown = relative(io.cwd, target.dir) || '.';
  io.stdout.write(
    `\nCreated ${target.name} in ${shown} from the "${template.name}" template${force ? ' (--force)' : ''}.\n`,
  );

  let installError: CreateError | undefined;
  if (answers.install) {
    io.stdout.write(`Installing dependencies with ${installCommand(pm)}…\n`);
    const result = await runCommand(pm, installArgs(pm), {
      cwd: target.dir,
      env: io.env,
      stdio: io.childStdio,
      onStdout: (chunk) => io.stdout.write(chunk),
      onStderr: (chunk) => io.stderr.write(chunk),
    });
    if (!result.ok) {
      const why = result.error?.message ?? `exit code ${result.exitCode}`;
      installError = new CreateError(
        'ZRX_CREATE_INSTALL_FAILED',
        `\`${installCommand(pm)}\` failed in ${target.dir} (${why}). The project was created and kept.`,
        `Fix the problem shown above (network, registry, permissions), then run: cd ${shellQuote(shown)} && ${installCommand(pm)}`,
      );
    }
  }
  if (answers.git) io.stdout.write(`${describeGit(await initGit(target.dir, io.env))}\n`);
  io.stdout.write(
    `\n${nextSteps({ cwd: io.cwd, dir: target.dir, pm, installed: answers.install && installError === undefined })}\n`,
  );
  if (installError !== undefined) {
    printError(io, installError);
    return EXIT.error;
  }
  return EXIT.ok;
}
