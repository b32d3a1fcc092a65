import { readdirSync, statSync } from 'node:fs';
import { CreateError } from './create-error';

/** What is at the project directory before anything is written. */
export type TargetState = 'missing' | 'empty' | 'non-empty';

/** Entries that do not make a folder "non-empty": an existing repository, Finder litter. */
const IGNORED_ENTRIES = new Set(['.git', '.DS_Store', 'Thumbs.db']);

/**
 * Looks at the project directory without changing it. Synchronous so the interactive prompt
 * can validate the answer as it is typed.
 */
export function targetState(dir: string): TargetState | 'not-a-directory' {
  try {
    if (!statSync(dir).isDirectory()) return 'not-a-directory';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'missing';
    // A file where a parent folder should be (`notes.txt/bot`).
    if (code === 'ENOTDIR') return 'not-a-directory';
    throw new CreateError(
      'ZRX_CREATE_WRITE_FAILED',
      `Cannot look at ${dir}: ${(error as Error).message}.`,
      'Check the permissions of the parent directory, or pick another project directory.',
      { cause: error },
    );
  }
  const entries = readdirSync(dir);
  return entries.some((entry) => !IGNORED_ENTRIES.has(entry)) ? 'non-empty' : 'empty';
}

/**
 * The state of the project directory, refusing what cannot be written into.
 * @throws {CreateError} `ZRX_CREATE_TARGET_NOT_DIR` when it is a file;
 *   `ZRX_CREATE_DIR_NOT_EMPTY` when it has files and `force` is false.
 */
export function checkTarget(dir: string, force: boolean): TargetState {
  const state = targetState(dir);
  if (state === 'not-a-directory') {
    throw new CreateError(
      'ZRX_CREATE_TARGET_NOT_DIR',
      `${dir} (or one of its parents) exists and is not a directory.`,
      'Pick another project directory name.',
    );
  }
  if (state === 'non-empty' && !force) {
    throw new CreateError(
      'ZRX_CREATE_DIR_NOT_EMPTY',
      `${dir} is not empty.`,
      'Pick a new directory name, empty this one, or pass --force to write into it (template files replace files at the same path).',
    );
  }
  return state;
}

/** A message for the interactive prompt's inline validation, or undefined when usable. */
export function targetProblem(dir: string, force: boolean): string | undefined {
  try {
    checkTarget(dir, force);
    return undefined;
  } catch (error) {
    if (error instanceof CreateError) return `${error.message} ${error.hint}`;
    throw error;
  }
}
