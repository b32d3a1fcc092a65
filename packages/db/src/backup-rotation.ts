import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DbError } from './errors.js';

/**
 * What both backends' backup files share: the naming, listing, pruning and failure handling of
 * timestamped copies in one directory per database. The backends differ only in the file ending
 * and in how a copy is produced and checked (an online SQLite copy, a JSON export).
 */

/** A UTC timestamp to the millisecond that sorts as text, e.g. `20261121T055111123Z`. */
export function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:.]/g, '');
}

/** The files in `dir` whose names match `name`, oldest first (names sort by time); none if `dir` is missing. */
export function listBackupFiles(dir: string, name: RegExp): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((file) => name.test(file))
    .sort()
    .map((file) => join(dir, file));
}

/**
 * The path of a new backup in `dir` taken at `ms`: `<stamp><extension>`, or `<stamp>_NN<extension>`
 * when `existing` (paths in `dir`) already holds that name.
 */
export function nextBackupPath(
  dir: string,
  existing: readonly string[],
  ms: number,
  extension: string,
): string {
  const taken = new Set(existing.map((path) => path.slice(dir.length + 1)));
  const base = stamp(ms);
  let name = `${base}${extension}`;
  for (let n = 1; taken.has(name); n += 1)
    name = `${base}_${String(n).padStart(2, '0')}${extension}`;
  return join(dir, name);
}

/**
 * Removes the unfinished copy `partial` of a failed backup and returns the error to throw: a
 * {@link DbError} as it is, anything else as `ZRX_DB_BACKUP` naming `source` and `target`
 * (`hint` undefined takes the catalogue's hint).
 */
export function backupFailure(
  cause: unknown,
  partial: string,
  source: string,
  target: string,
  hint?: string,
): DbError {
  rmSync(partial, { force: true });
  if (cause instanceof DbError) return cause;
  return new DbError(
    'ZRX_DB_BACKUP',
    `Backup of ${source} to ${target} failed: ${String(cause)}.`,
    hint,
    { cause },
  );
}

/** Deletes all but the newest `keep` of `files` (oldest first, as {@link listBackupFiles} gives). */
export function pruneOldest(files: readonly string[], keep: number): void {
  for (const old of files.slice(0, Math.max(0, files.length - keep))) rmSync(old, { force: true });
}
