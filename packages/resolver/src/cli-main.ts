import { readCliInput } from './cli-input';
import type { ExtensionManifest } from './plan';
import { resolve } from './resolve';
import { ResolverError } from './resolver-error';

/** Where the CLI writes; injectable so tests read its output without spawning a process. */
export interface CliOutput {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

const USAGE = `Usage: zoryx-resolve [options] <dir-or-json>

Prints the load plan of a set of Zoryx extension manifests: what loads, in which order,
what does not and why.

<dir-or-json>  a JSON file (an array of manifests, or { "manifests": [...], "loaded": [...] }),
               or a folder of *.json manifests and extension folders with manifest.json
               (or package.json with a "zoryx" field)

Options:
  --json                      print the plan as JSON instead of the report
  --strict                    exit 1 when any extension is skipped or any input is invalid
  --no-enforce-dependencies   let extensions with dependency problems load (warnings)
  --no-enforce-conflicts      let conflicting extensions load (warnings)
  -h, --help                  show this help`;

const processOutput: CliOutput = {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
};

/**
 * Runs `zoryx-resolve` and returns its exit code: 0 normally, 1 with `--strict` when something
 * is skipped, 2 for usage or input errors (missing path, invalid JSON — the file is named).
 */
export async function main(
  argv: readonly string[],
  output: CliOutput = processOutput,
): Promise<number> {
  const flags = new Set<string>();
  const paths: string[] = [];
  for (const arg of argv) {
    if (arg.startsWith('-')) flags.add(arg);
    else paths.push(arg);
  }
  if (flags.has('-h') || flags.has('--help')) {
    output.stdout(USAGE);
    return 0;
  }
  const known = ['--json', '--strict', '--no-enforce-dependencies', '--no-enforce-conflicts'];
  const unknown = [...flags].filter((flag) => !known.includes(flag));
  if (unknown.length > 0 || paths.length !== 1) {
    const why =
      unknown.length > 0
        ? `unknown option ${unknown.join(', ')}`
        : paths.length === 0
          ? 'missing <dir-or-json>'
          : `expected one path, got ${paths.length}`;
    output.stderr(`zoryx-resolve: ZRX_RESOLVE_USAGE: ${why}\n\n${USAGE}`);
    return 2;
  }
  try {
    const input = await readCliInput(paths[0]!);
    for (const note of input.notes) output.stderr(`zoryx-resolve: ${note}`);
    const plan = resolve(input.manifests as ExtensionManifest[], {
      ...(input.loaded === undefined ? {} : { loaded: input.loaded as ExtensionManifest[] }),
      enforceDependencies: !flags.has('--no-enforce-dependencies'),
      enforceConflicts: !flags.has('--no-enforce-conflicts'),
    });
    if (flags.has('--json')) {
      output.stdout(JSON.stringify(plan, null, 2));
    } else {
      output.stdout(plan.explain());
      const cited = plan.problems
        .map((problem) => /^manifests\[(\d+)\]$/.exec(problem.extension))
        .filter((match) => match !== null)
        .map((match) => `  ${match[0]} is ${input.sources[Number(match[1])]}`);
      if (cited.length > 0) output.stdout(`\nWhere:\n${cited.join('\n')}`);
    }
    const failed = plan.skipped.length > 0 || plan.problems.some((p) => p.severity === 'error');
    return flags.has('--strict') && failed ? 1 : 0;
  } catch (error) {
    if (error instanceof ResolverError) {
      output.stderr(`zoryx-resolve: ${error.code}: ${error.message}\n  hint: ${error.hint}`);
      return 2;
    }
    throw error;
  }
}
