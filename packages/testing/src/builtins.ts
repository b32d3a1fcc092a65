import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { TestingError } from './errors.js';

/** The built-in extensions shipped by `@zoryx/builtins`, one entry point each. */
export const BUILTIN_NAMES = ['core', 'registry', 'hooks', 'diagnostics', 'limits'] as const;

/** A built-in extension of `@zoryx/builtins` (`@zoryx/builtins/<name>`). */
export type BuiltinName = (typeof BUILTIN_NAMES)[number];

const PACKAGE = '@zoryx/builtins';

/** Where `@zoryx/builtins` was found. */
export interface ResolvedBuiltins {
  /** The package's folder (what `node_modules/@zoryx/builtins` must point at). */
  readonly packageDir: string;
  /** The folder it resolved from (the first of the candidates that has it). */
  readonly from: string;
  /** The `extensions.packages` entries to add: `@zoryx/builtins/<name>`. */
  readonly packages: readonly string[];
}

/**
 * Finds `@zoryx/builtins` from the first folder of `candidates` that has it (the bot's folder,
 * then the test's working directory), and checks every requested entry point exists.
 * `@zoryx/testing` does not depend on `@zoryx/builtins` (the built-ins' own tests use this
 * package; a dependency back would be a cycle), so the bot or its tests must have it installed.
 * Throws `ZRX_TESTING_BUILTINS_MISSING` when no candidate has the package and
 * `ZRX_TESTING_BUILTINS_UNBUILT` when an entry point does not resolve (not built, or too old).
 */
export function resolveBuiltins(
  names: readonly BuiltinName[],
  candidates: readonly string[],
): ResolvedBuiltins {
  for (const from of candidates) {
    const packageDir = findPackage(from, PACKAGE);
    if (packageDir === undefined) continue;
    // Resolved from inside the package (a self-reference), so only its own `exports` answer.
    const require = createRequire(join(packageDir, 'package.json'));
    const packages = names.map((name) => `${PACKAGE}/${name}`);
    for (const entry of packages) {
      try {
        require.resolve(entry);
      } catch (error) {
        throw new TestingError(
          'ZRX_TESTING_BUILTINS_UNBUILT',
          `${entry} does not resolve (package at ${packageDir}, found from ${from}): ${
            (error as Error).message.split('\n')[0]
          }`,
          `Build @zoryx/builtins (pnpm --filter @zoryx/builtins build) or reinstall it; the built-ins are ${BUILTIN_NAMES.join(', ')}.`,
          { cause: error },
        );
      }
    }
    return { packageDir, from, packages };
  }
  throw new TestingError(
    'ZRX_TESTING_BUILTINS_MISSING',
    `builtins: [${names.join(', ')}] needs ${PACKAGE}, which is installed in none of ${[
      ...new Set(candidates),
    ].join(', ')} (nor their parent folders).`,
    `Install it in the bot's folder (npm install ${PACKAGE}), or as a devDependency of the package whose tests call createTestBot.`,
  );
}

/**
 * The folder of package `name` as Node's lookup from `from` finds it: the package itself when
 * `from` is inside it (self-reference), else `node_modules/<name>` of `from` or a parent.
 * `NODE_PATH` is left out on purpose: package-manager shims set it to a store of every package
 * of the workspace, which would find packages the bot folder does not have.
 */
function findPackage(from: string, name: string): string | undefined {
  let scopeChecked = false;
  for (let dir = from; ; dir = dirname(dir)) {
    if (!scopeChecked && existsSync(join(dir, 'package.json'))) {
      scopeChecked = true;
      if (packageName(join(dir, 'package.json')) === name) return dir;
    }
    const installed = join(dir, 'node_modules', ...name.split('/'));
    if (existsSync(join(installed, 'package.json'))) return installed;
    if (dirname(dir) === dir) return undefined;
  }
}

function packageName(manifest: string): string | undefined {
  try {
    const parsed: { name?: unknown } = JSON.parse(readFileSync(manifest, 'utf8'));
    return typeof parsed.name === 'string' ? parsed.name : undefined;
  } catch {
    return undefined;
  }
}
