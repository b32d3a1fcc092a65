import { basename, resolve } from 'node:path';
import validateName from 'validate-npm-package-name';
import { CreateError } from './create-error';

/** Where the project goes and the package name derived from it. */
export interface ProjectTarget {
  /** Absolute directory. */
  readonly dir: string;
  /** The `name` written into the project's package.json: the directory's base name. */
  readonly name: string;
}

/** The reasons `validate-npm-package-name` gives for a name a new package cannot use, or []. */
export function nameProblems(name: string): readonly string[] {
  const result = validateName(name);
  return result.validForNewPackages ? [] : [...(result.errors ?? []), ...(result.warnings ?? [])];
}

/** A valid npm name close to `name`: lowercase, spaces and odd characters turned into `-`. */
export function suggestName(name: string): string {
  const cleaned = name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9-~._]+/g, '-')
    .replace(/^[-._]+/, '')
    .replace(/-+$/, '');
  return cleaned === '' ? 'my-zoryx-bot' : cleaned;
}

/**
 * Resolves the project directory (relative to `cwd`) and checks its base name is a valid npm
 * package name for a new package.
 * @throws {CreateError} `ZRX_CREATE_INVALID_NAME`, naming the reasons and a suggestion.
 */
export function resolveTarget(cwd: string, dirArg: string): ProjectTarget {
  const dir = resolve(cwd, dirArg);
  const name = basename(dir);
  const problems = nameProblems(name);
  if (problems.length > 0) {
    throw new CreateError(
      'ZRX_CREATE_INVALID_NAME',
      `"${name}" (from ${dirArg}) is not a valid npm package name: ${problems.join('; ')}.`,
      `The folder name becomes the package name; try "${suggestName(name)}".`,
    );
  }
  return { dir, name };
}
