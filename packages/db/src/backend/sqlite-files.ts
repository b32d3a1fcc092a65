import { closeSync, existsSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import type { CorruptionFinding } from './backend.js';

/** The side files SQLite may keep next to a database, by suffix. */
export const SIDE_SUFFIXES = ['-wal', '-shm', '-journal'] as const;

/** The first 16 bytes of every SQLite 3 database file. */
const HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** A database file's header is 100 bytes; anything shorter cannot be one. */
const HEADER_SIZE = 100;

/**
 * What is wrong with the file at `location` before SQLite even opens it, or `undefined` when it
 * looks like a database (or does not exist). SQLite itself treats a 0-byte file as a new, empty
 * database; that is exactly the silent loss this check exists to prevent: a database this layer
 * created is never empty (enabling WAL writes its first page at once), so a 0-byte one was
 * truncated.
 */
export function precheckFile(location: string): CorruptionFinding | undefined {
  let size: number;
  try {
    const stat = statSync(location);
    // Missing, unreadable or not a file (a directory): opening it reports that with its code.
    if (!stat.isFile()) return undefined;
    size = stat.size;
  } catch {
    return undefined;
  }
  if (size === 0) return { problem: 'empty', detail: 'the file is 0 bytes long' };
  const head = Buffer.alloc(HEADER.length);
  const fd = openSync(location, 'r');
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (size < HEADER_SIZE || !head.equals(HEADER)) {
    return {
      problem: 'not-a-database',
      detail: `the file (${size} bytes) does not start with the SQLite header`,
    };
  }
  return undefined;
}

/** The side files next to `file` that exist now. */
export function existingSideFiles(file: string): Set<string> {
  return new Set(SIDE_SUFFIXES.map((s) => `${file}${s}`).filter((path) => existsSync(path)));
}

/** Deletes the side files next to `file` that are not in `keep`. */
export function removeSideFiles(file: string, keep: ReadonlySet<string> = new Set()): void {
  for (const suffix of SIDE_SUFFIXES) {
    const path = `${file}${suffix}`;
    if (!keep.has(path)) rmSync(path, { force: true });
  }
}

/**
 * Renames `location` to `<location><suffix>` (`_NN` appended when that name is taken) and each
 * existing side file `<location>-wal` to `<location><suffix>-wal`, so SQLite opening the kept
 * copy finds its own log. Returns the new paths, the database's first. All or nothing: the
 * database moves last, and if anything fails the side files already moved go back (a log left
 * behind alone could be replayed onto a new file).
 */
export function moveFilesAside(location: string, suffix: string): string[] {
  let target = `${location}${suffix}`;
  for (let n = 1; existsSync(target); n += 1) {
    target = `${location}${suffix}_${String(n).padStart(2, '0')}`;
  }
  const moved: string[] = [];
  try {
    for (const side of SIDE_SUFFIXES) {
      if (!existsSync(`${location}${side}`)) continue;
      renameSync(`${location}${side}`, `${target}${side}`);
      moved.push(side);
    }
    renameSync(location, target);
  } catch (error) {
    for (const side of moved) renameSync(`${target}${side}`, `${location}${side}`);
    throw error;
  }
  return [target, ...moved.map((side) => `${target}${side}`)];
}
